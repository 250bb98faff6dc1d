# frozenset: construction, set algebra (the result has the left operand's type), comparisons,
# hashing (as a dict key and a set member), and no mutating methods.
a = frozenset([3, 1, 2])
b = frozenset(range(2, 6))
print(sorted(a), len(a), 2 in a, 9 in a, bool(frozenset()), frozenset(), type(a).__name__)
print(sorted(a | b), sorted(a & b), sorted(a - b), sorted(a ^ b), type(a - b).__name__)
print(type({1, 2} | a).__name__, type(a | {9}).__name__)
print(a <= frozenset([1, 2, 3, 4]), a < a, a == {1, 2, 3}, a == frozenset([1, 2, 3]), min(b))
print(isinstance(a, frozenset), isinstance(a, set), isinstance({1}, frozenset))
d = {frozenset([1, 2]): "x"}
print(d[frozenset([2, 1])], frozenset([1, 2]) in {frozenset([2, 1])}, hash(a) == hash(frozenset([1, 2, 3])))
print(frozenset(a) is a, a.copy() is a, sorted(a.union([7])), a.issubset(range(5)), a.isdisjoint([8]))
for name in ["add", "remove", "discard", "pop", "clear", "update"]:
    try:
        getattr(a, name)
    except AttributeError as e:
        print(type(e).__name__, e)
try:
    {[1]: 1}
except TypeError as e:
    print(type(e).__name__, e)
print(repr(frozenset([1])), str(frozenset()), sorted(frozenset("abca")))
