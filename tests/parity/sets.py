# Sets (printed sorted: CPython's iteration order is hash order, minipy's insertion order).
import gc

s = {3, 1, 2}
t = set([2, 3, 4])
print(sorted(s), sorted(t), set(), len(s), 2 in s, 5 not in s, len({1, 1, 1}))
print(sorted(s | t), sorted(s & t), sorted(s - t), sorted(s ^ t))
print(s == {1, 2, 3}, s <= {1, 2, 3, 4}, s < s, {1} < s, s >= {1}, s != t)
s.add(10)
s.discard(99)
s.remove(1)
print(sorted(s), sorted(s.union([7])), sorted(s.intersection({2, 3})), sorted(s.difference({2})))
print(s.issubset({2, 3, 10, 11}), s.issuperset({2}), s.isdisjoint({100}))
print(sorted({x % 3 for x in range(10)}), set("abca") == {"a", "b", "c"}, isinstance(s, set), type(s))
try:
    s.remove(42)
except KeyError as e:
    print("KeyError", e)
try:
    {[1]}
except TypeError as e:
    print("TypeError", e)
seen = set()
for w in "the cat the dog the end".split():
    if w not in seen:
        seen.add(w)
print(len(seen), sorted(seen))
c = s.copy()
c.clear()
print(c, s == c, bool(c), bool(s), {5}, {"one"})
print("empty set tracked:", gc.is_tracked(set()))

# A set can hold an object that refers back to the set: a cycle through a set.
class Holder:
    pass

gc.collect()
h = Holder()
h.group = {h}
del h
print("cycle through a set collected:", gc.collect() > 0)
