# gc.callbacks, gc.garbage and DEBUG_SAVEALL.
import gc

events = []
def cb(phase, info):
    events.append((phase, info["generation"]))

gc.collect()
gc.callbacks.append(cb)
gc.collect()
gc.callbacks.remove(cb)
print("callback phases:", events)
gc.collect()
print("removed:", len(events))

print("flags:", gc.DEBUG_STATS, gc.DEBUG_COLLECTABLE, gc.DEBUG_UNCOLLECTABLE, gc.DEBUG_SAVEALL, gc.DEBUG_LEAK)
gc.set_debug(gc.DEBUG_SAVEALL)
print("debug:", gc.get_debug())
l = [1, 2, 3]
l.append(l)
del l
print("collected into garbage:", gc.collect())
print("garbage:", gc.garbage)
gc.set_debug(0)
gc.garbage.clear()
print("after clearing:", gc.collect())
