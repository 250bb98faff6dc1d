# Slice objects: the `slice` type (construction, attributes, repr, comparisons, hashing,
# `indices`), slices passed to a class's __getitem__/__setitem__/__delitem__ by `a[i:j:k]`,
# slice objects used on the builtin sequences, bounds through __index__, and the errors.
import array
import copy
import gc
import operator
from collections import deque, namedtuple


def attempt(f):
    try:
        r = f()
    except Exception as e:
        print("  ", type(e).__name__ + ":", e)
    else:
        print("  ", repr(r))


class I:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v

    def __repr__(self):
        return "I(%d)" % self.v


print("-- the type")
s = slice(1, 10, 2)
print(s, repr(slice(5)), slice(1, 2), slice(None, None, None))
print(s.start, s.stop, s.step, slice(5).start, slice(5).stop)
print(type(s), type(s).__name__, slice.__name__, isinstance(s, slice), isinstance(3, slice))
print(type(s) is slice, slice(1, 2).__class__ is slice)
print(repr(slice("a", [1, 2], {"k": 1.5})), slice(I(1), None, -1))
print(slice(1, 2) == slice(1, 2), slice(1, 2) == slice(1, 3), slice(1, 2) != slice(1, 2))
print(slice(1, 2) == (1, 2, None), slice(1) == slice(None, 1, None))
print(slice(1, 2) < slice(1, 3), slice(2) > slice(1), slice(0, 5) <= slice(0, 5), slice(3) >= slice(4))
print(sorted([slice(3, 4), slice(1, 2), slice(1, 1), slice(0, 9)]))
same = slice([], 1)
print(same == same, same <= same, same < same)
nan = float("nan")
print(slice(nan) == slice(nan), slice(nan) < slice(nan))
attempt(lambda: slice(1) < 1)
attempt(lambda: slice(1) < slice("a"))
attempt(lambda: hash(slice(1, 2)))
attempt(lambda: {slice(1): 2})
attempt(lambda: {slice(1)})
attempt(lambda: slice())
attempt(lambda: slice(1, 2, 3, 4))
attempt(lambda: slice(1, stop=2))


def set_start():
    s.start = 5


def del_step():
    del s.step


def set_other():
    s.other = 5


attempt(set_start)
attempt(del_step)
attempt(set_other)
attempt(lambda: s.other)
print(hasattr(s, "indices"), hasattr(s, "start"), hasattr(s, "nope"))

import weakref
lst2 = [1, 2]
for f in [lambda: s + 1, lambda: -s, lambda: len(s), lambda: iter(s), lambda: s(), lambda: weakref.ref(s),
          lambda: bool(s), lambda: int(s), lambda: format(s, ""), lambda: s in [1, s],
          lambda: [1, s].index(s), lambda: s * 2, lambda: "abc"[s:], lambda: lst2[s, 1],
          lambda: range(5)[slice(1, 10**30)]]:
    attempt(f)

print("-- indices")
for sl in [slice(None), slice(2, 8), slice(-3, None), slice(None, None, -1), slice(-100, 100, 3),
           slice(10, -10, -3), slice(5, 1), slice(None, None, 7), slice(I(1), I(-1), I(2))]:
    print(sl, sl.indices(10), sl.indices(0), sl.indices(3))
print(slice(None).indices(10**30), slice(-10**30, 10**30, -10**40).indices(10**25))
print(slice(None, None, -1).indices(I(4)), slice(True, 3).indices(True))
print(slice(10**30).indices(5), slice(None, None, -10**30).indices(5))
attempt(lambda: slice(1).indices(-1))
attempt(lambda: slice(1, 2, 0).indices(5))
attempt(lambda: slice(1, 2, 0).indices(-5))
attempt(lambda: slice("a", 2).indices(5))
attempt(lambda: slice(1, 2.0).indices(5))
attempt(lambda: slice(1, 2, "x").indices(5))
attempt(lambda: slice(1).indices("5"))
attempt(lambda: slice(1).indices(5.0))
attempt(lambda: slice(1).indices())
attempt(lambda: slice(1).indices(1, 2))
attempt(lambda: slice.indices(1, 2))
attempt(lambda: slice.indices(slice(2, 4), 3))

print("-- builtin sequences with slice objects")
lst = list(range(10))
print(lst[slice(2, 5)], lst[slice(None, None, -3)], lst[slice(7)], lst[slice(I(1), I(8), I(3))])
print((1, 2, 3, 4)[slice(1, None)], "abcdef"[slice(None, None, 2)], b"hello"[slice(1, 3)])
print(bytearray(b"hello")[slice(None, None, -1)], range(20)[slice(3, 15, 4)])
print(lst[slice(-2, None)], lst[slice(10**30)], lst[slice(-10**30, 3)])
sl = slice(1, 4)
print(lst[sl] == lst[1:4], lst[sl] is not lst[sl])
lst[sl] = ["a", "b"]
print(lst)
lst[slice(None, None, 2)] = "vwxyz"
print(lst)
del lst[slice(0, 3)]
print(lst)
del lst[slice(None, None, -2)]
print(lst)
ba = bytearray(b"abcdef")
ba[slice(1, 3)] = b"XYZ"
del ba[slice(None, None, 3)]
print(ba)
lst = [0, 1, 2, 3]
lst[1:3] += [9]
print(lst)
attempt(lambda: [1, 2][slice(1.5)])
attempt(lambda: [1, 2][slice("a", "b")])
attempt(lambda: [1, 2][slice(0, 2, 0)])
attempt(lambda: [1, 2]["a":"b":0])
attempt(lambda: [1, 2]["a":"b"])
attempt(lambda: [1, 2][1:2.5])
attempt(lambda: "abc"[None:"x"])
attempt(lambda: (1, 2)[::0])
attempt(lambda: range(5)[::0])
attempt(lambda: range(5)[:"x"])
attempt(lambda: b"ab"[slice(None, [])])


def assign_tuple():
    t = (1, 2, 3)
    t[slice(1)] = [5]


def assign_str():
    s = "abc"
    s[0:1] = "x"


def del_range():
    r = range(4)
    del r[1:2]


def extended_mismatch():
    l = [1, 2, 3, 4]
    l[slice(None, None, 2)] = [1, 2, 3]


attempt(assign_tuple)
attempt(assign_str)
attempt(del_range)
attempt(extended_mismatch)
attempt(lambda: {}[1:2])
attempt(lambda: {}[slice(1, 2)])
five, nothing = 5, None
attempt(lambda: five[1:2])
attempt(lambda: nothing[slice(1)])

print("-- classes receive slice objects")


class Seq:
    def __init__(self, items):
        self.items = list(items)

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        print("   getitem", repr(i))
        if isinstance(i, slice):
            start, stop, step = i.indices(len(self.items))
            return Seq(self.items[j] for j in range(start, stop, step))
        return self.items[i]

    def __setitem__(self, i, v):
        print("   setitem", repr(i), repr(v))
        self.items[i] = v

    def __delitem__(self, i):
        print("   delitem", repr(i))
        del self.items[i]

    def __repr__(self):
        return "Seq(%r)" % self.items


q = Seq("abcdefg")
print(q[1:4], q[::-2], q[:], q[2], q[I(1):I(3)])
print(q[None:2])
q[1:3] = ["X"]
q[::3] = "12"
del q[:2]
del q[::2]
print(q)


class Keys:
    def __getitem__(self, k):
        return k


k = Keys()
print(k[1:2], k[:], k[::], k[1:], k[:2:], k["a":"b":"c"], k[1:2, ::3, 4], k[()])
print(k[1:2] == slice(1, 2), type(k[:]) is slice)


class Holder(list):
    pass


h = Holder(range(6))
print(h[1:3], h[slice(None, None, -2)], type(h[1:3]))
h[0:2] = []
del h[slice(1, 2)]
print(h)


class ListLike(list):
    def __getitem__(self, i):
        print("   ListLike getitem", i)
        return super().__getitem__(i)


print(ListLike([1, 2, 3])[1:], list.__getitem__([4, 5, 6], slice(1, None)))


class NoItems:
    pass


attempt(lambda: NoItems()[1:2])


def set_noitems():
    NoItems()[1:2] = 5


attempt(set_noitems)
order = []


class Trace:
    def __init__(self, name):
        self.name = name

    def __index__(self):
        order.append(self.name)
        return 1


def bound(name):
    order.append("eval " + name)
    return Trace(name)


[1, 2, 3][bound("lo"):bound("hi"):bound("step")]
print(order)

print("-- gc: a slice in a cycle")


class Node:
    pass


n = Node()
n.s = slice(n, None)
print(gc.is_tracked(slice([], 1)), n.s.start is n)
del n
print(gc.collect() > 0)
l = []
l.append(slice(l))
print(repr(l), any(x is l[0] for x in gc.get_referrers(l)), any(o is l[0] for o in gc.get_objects()))
del l
print(gc.collect() > 0)

print("-- library")
d = deque([1, 2, 3])
attempt(lambda: d[1:2])
P = namedtuple("P", "x y z")
p = P(1, 2, 3)
print(p[1:], p[slice(None, None, -1)])
a = array.array("i", [1, 2, 3, 4, 5])
print(a[1:3], a[::-1], a[slice(1, 4)], a[I(1):I(2)])
a[1:3] = array.array("i", [9, 9, 9])
print(a)
del a[::2]
print(a)
a[slice(0, 2)] = array.array("i")
del a[slice(5, 9)]
print(a, len(a))


def array_extended():
    b = array.array("d", [1.0, 2.0, 3.0])
    b[::2] = array.array("d", [7.0])


def array_not_array():
    b = array.array("b", [1, 2])
    b[0:1] = [1]


def array_step_zero():
    b = array.array("b", [1, 2])
    return b[::0]


attempt(array_extended)
attempt(array_not_array)
attempt(array_step_zero)
print(operator.getitem([1, 2, 3], slice(1, None)), operator.itemgetter(slice(2))("abcdef"))
s = slice(1, [2])
c = copy.deepcopy(s)
print(copy.copy(s) is s, c, c is s, c.stop is s.stop, copy.deepcopy(slice(1, 2)))
print(sorted(x for x in dir(slice(1)) if not x.startswith("__")))
print(sorted(x for x in dir(slice) if not x.startswith("__")))
print(str(slice(1, 2)), f"{slice(3)}", "%s" % (slice(None),), [slice(1)], {"k": slice(2)})
print(isinstance(slice(1), (int, slice)), issubclass(slice, object))


def derive():
    class C(slice):
        pass


attempt(derive)
