# Generations: a young cycle dies in a generation-0 collection; a cycle that survived one
# collection has moved to generation 1 and is only found when generation 1 is collected.
import gc

gc.collect()
young = []
young.append(young)
del young
print("young cycle, collect(0):", gc.collect(0))

older = []
older.append(older)
print("survives while referenced:", gc.collect(0))
print("in generation 1 now:", any(o is older for o in gc.get_objects(1)))
del older
print("generation 0 collection misses it:", gc.collect(0))
print("generation 1 collection finds it:", gc.collect(1))

oldest = {}
oldest["me"] = oldest
gc.collect(0)
gc.collect(1)
print("in generation 2:", any(o is oldest for o in gc.get_objects(2)))
del oldest
print("generation 1 collection misses it:", gc.collect(1))
print("full collection finds it:", gc.collect(2))

# Counts: a generation-0 collection resets c0 and adds one to c1, and so on.
gc.collect()
for i in range(3):
    gc.collect(0)
print("after three generation-0 collections:", gc.get_count()[1:])
gc.collect(1)
print("after a generation-1 collection:", gc.get_count()[1:])
gc.collect()
print("after a full collection:", gc.get_count())

# Statistics count collections per generation.
before = [s["collections"] for s in gc.get_stats()]
gc.collect(0)
gc.collect(1)
gc.collect(2)
after = [s["collections"] for s in gc.get_stats()]
print("one more collection of each generation:", [a - b for a, b in zip(after, before)])
