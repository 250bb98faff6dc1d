# Thresholds, counts and generations.
import gc

gc.collect()
old = gc.get_threshold()
gc.set_threshold(100, 5, 5)
print("threshold:", gc.get_threshold())
gc.set_threshold(50)
print("first only:", gc.get_threshold())
gc.set_threshold(*old)

gc.collect()
print("count after full collection:", gc.get_count())
objs = [[] for i in range(10)]
c0, c1, c2 = gc.get_count()
print("count grows with allocations:", c0 >= 10)
gc.collect(0)
print("gen 0 collection resets c0, bumps c1:", gc.get_count()[0] <= 1, gc.get_count()[1])
gc.collect(1)
print("gen 1 collection bumps c2:", gc.get_count()[1:])
gc.collect()
print("full collection resets all:", gc.get_count())

# Objects move to older generations when they survive collections.
x = []
print("new object in generation 0:", any(o is x for o in gc.get_objects(0)))
gc.collect(0)
print("survivor moved to generation 1:", any(o is x for o in gc.get_objects(1)))
gc.collect(1)
print("then to generation 2:", any(o is x for o in gc.get_objects(2)))

# What is tracked.
class C:
    pass
def f():
    pass
print("int tracked:", gc.is_tracked(1))
print("str tracked:", gc.is_tracked("a"))
print("None tracked:", gc.is_tracked(None))
print("list tracked:", gc.is_tracked([]))
print("dict with a list tracked:", gc.is_tracked({"a": []}))
print("instance tracked:", gc.is_tracked(C()))
print("function tracked:", gc.is_tracked(f))

# Referents and referrers.
inner = [1, 2]
outer = [inner, "s"]
print("inner is a referent of outer:", any(r is inner for r in gc.get_referents(outer)))
print("outer refers to inner:", any(r is outer for r in gc.get_referrers(inner)))

# Statistics.
stats = gc.get_stats()
print("three generations of stats:", len(stats))
print("stat keys:", sorted(k for k in stats[0] if k in ("collections", "collected", "uncollectable")))
print("collections counted:", stats[2]["collections"] > 0)

# Automatic collection with a low threshold.
gc.collect()
gc.set_threshold(10)
before = gc.get_stats()[0]["collections"]
for i in range(100):
    junk = []
    junk.append(junk)
print("automatic generation 0 collections happened:", gc.get_stats()[0]["collections"] > before)
gc.set_threshold(*old)
gc.disable()
print("enabled:", gc.isenabled())
gc.enable()
print("enabled:", gc.isenabled())
