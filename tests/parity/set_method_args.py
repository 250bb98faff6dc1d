# set and frozenset methods with no, one or several iterables, as CPython.

s = {1, 2, 3}
for args in [(), ([4],), ([5], (6,), {7: 0}), ("ab", range(2))]:
    t = set(s)
    t.update(*args)
    print(sorted(t, key=str))
for meth in ["intersection_update", "difference_update", "symmetric_difference_update",
             "union", "intersection", "difference", "symmetric_difference", "issubset",
             "issuperset", "isdisjoint"]:
    for args in [(), ([1, 2],), ([1, 2], [2, 3]), ([1, 9], {1: 0}, (1, 2))]:
        t = set(s)
        try:
            r = getattr(t, meth)(*args)
            print(meth, len(args), sorted(t), sorted(r) if isinstance(r, (set, frozenset)) else r)
        except TypeError as e:
            print(meth, len(args), type(e).__name__, e)
f = frozenset([1, 2])
s = {1, 2}
print(s.update() is None, s, s.intersection() == s, s.intersection() is s, s.union(), s.difference())
try:
    frozenset().update
except AttributeError as e:
    print(type(e).__name__, e)
try:
    s.union([1], 5)
except TypeError as e:
    print(type(e).__name__, e)
