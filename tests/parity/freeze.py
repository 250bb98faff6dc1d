# gc.freeze moves every tracked object to a permanent generation that collections ignore.
import gc

gc.collect()
cycle = []
cycle.append(cycle)
holder = [cycle]
gc.freeze()
print("frozen some:", gc.get_freeze_count() > 0)
del cycle
holder.clear()
print("frozen garbage is not collected:", gc.collect())
gc.unfreeze()
print("freeze count after unfreeze:", gc.get_freeze_count())
print("collected after unfreeze:", gc.collect())
