# Methods of builtin types taken from the type (str.lower, list.append, dict.get) and the
# containers' protocol methods (__getitem__, __setitem__, __len__, ...), called directly, on
# subclasses and through super().
words = ["banana", "Apple", "cherry"]
print(sorted(words, key=str.lower))
print(list(map(str.strip, [" a ", "b "])))
print(list(map(str.upper, "abc")))
l = []
list.append(l, 1)
list.extend(l, [2, 3])
print(l, list.index(l, 2), list.count(l, 3))
print(dict.get({1: 2}, 1), dict.get({}, 1, "d"), dict.keys({1: 2}))
print(str.join("-", ["a", "b"]), str.split("a b"), int.bit_length(255), int.bit_length(True))
print(set.union({1}, {2}), frozenset.union(frozenset({1}), [3]))
print(tuple.count((1, 1, 2), 1), bytes.hex(b"ab"), float.is_integer(2.0))

print({1: 2}.__getitem__(1), [5, 6].__getitem__(-1), (1, 2).__getitem__(0), "ab".__getitem__(1))
print([1, 2].__len__(), {}.__len__(), "abc".__len__(), b"ab".__len__(), {1, 2}.__len__())
print({1: 2}.__contains__(1), [1].__contains__(2), "ab".__contains__("b"), {3}.__contains__(3))
print(list((1, 2).__iter__()), next({"k": 1}.__iter__()), list(frozenset([4]).__iter__()))
d = {}
d.__setitem__("a", 1)
dict.__setitem__(d, "b", 2)
d.__delitem__("a")
print(d)
ba = bytearray(b"abc")
ba.__setitem__(0, 65)
ba.__delitem__(1)
print(ba, ba.__getitem__(0))
print(hasattr([], "__getitem__"), hasattr(set(), "__getitem__"), hasattr((), "__setitem__"))
print(hasattr({}, "__iter__"), hasattr(5, "__len__"), hasattr("", "__contains__"))


class Loud(dict):
    def __setitem__(self, k, v):
        print("set", k, v)
        super().__setitem__(k, v)

    def __getitem__(self, k):
        return super().__getitem__(k) * 2

    def __len__(self):
        return super().__len__() + 100


d = Loud()
d["a"] = 1
d.update  # a bound method of the base
print(d["a"], dict.__getitem__(d, "a"), dict.get(d, "a"), len(d), dict.__len__(d))
print(Loud.get(d, "a"), Loud.keys(d))


class Tens(list):
    def append(self, x):
        super().append(x * 10)

    def __contains__(self, x):
        return super().__contains__(x // 10)


t = Tens()
t.append(1)
list.append(t, 2)
Tens.append(t, 3)
print(t, 1 in t, 10 in t, list.__contains__(t, 10))


class Counter(dict):
    def __missing__(self, k):
        return 0


c = Counter()
for ch in "abca":
    c[ch] = c[ch] + 1
print(sorted(c.items()))

for expr in [
    "list.append(5, 1)",
    "list.append()",
    "str.lower(5)",
    "dict.get([], 1)",
    "list.__len__(5)",
    "dict.__len__()",
    "set.union(frozenset(), [1])",
    "[].__len__(1)",
    "{}.__getitem__()",
    "{}.__setitem__(1)",
    "[].__getitem__()",
    "[].__setitem__(1)",
    "{}.__delitem__()",
    "[].__contains__()",
    "{}.__contains__()",
    "set().__contains__()",
    "{}.__iter__(1)",
    "'a'.__len__(2)",
    "(1,).__getitem__()",
    "{1:2}.__setitem__(1, 2, 3)",
    "(1,).__setitem__",
    "set.__getitem__",
    "{}.__getitem__([])",
    "{}.__getitem__(1)",
    "[1].__getitem__(5)",
    "bytearray().__delitem__()",
]:
    try:
        print(expr, "->", eval(expr))
    except Exception as e:
        print(expr, "->", type(e).__name__, e)
