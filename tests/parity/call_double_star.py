# `f(**m)`: any mapping (dicts, dict subclasses, objects with keys() and __getitem__), and
# CPython's errors naming the callee.


def f(**kw):
    return sorted(kw.items())


def g(a, b=0, **kw):
    return a, b, sorted(kw.items())


class D(dict):
    pass


class M:
    def keys(self):
        return ["a", "b"]

    def __getitem__(self, k):
        return k * 2


class OwnIter(dict):
    def __iter__(self):
        return iter(["z"])

    def keys(self):
        return ["z"]

    def __getitem__(self, k):
        return "from getitem"


print(f(**D(x=1)))
print(f(**M()))
print(f(**D(x=1), **{"y": 2}))
print(g(**{"a": 1, "c": 3}), g(1, **{"b": 2, "q": 3}), g(**D(a=5, b=6)))
print(f(**OwnIter(q=1)))
print(f(x=1, **{"y": 2}, z=3))

big = {"k%d" % i: i for i in range(100000)}
print(len(f(**big)))


class C:
    def m(self, **kw):
        return len(kw)

    def __init__(self, **kw):
        self.kw = kw


def outer():
    def inner(**kw):
        return kw

    return inner


cases = [
    lambda: f(**1),
    lambda: g(1, **M()),
    lambda: f(**[("a", 1)]),
    lambda: f(**None),
    lambda: f(**{"a": 1}, **{"a": 2}),
    lambda: f(a=1, **{"a": 2}),
    lambda: f(**{"a": 1}, a=2),
    lambda: f(**{"a": 1}, b=2, **D(b=3)),
    lambda: f(**{1: 2}),
    lambda: print(len, **{"a": 1}),
    lambda: print(**3),
    lambda: C().m(**3),
    lambda: C(**3),
    lambda: C().m(**{"a": 1}, a=2),
    lambda: outer()(**3),
    lambda: (lambda **k: k)(**3),
    lambda: [].append(**3),
    lambda: len(**{"a": 1}, **{"a": 1}),
    lambda: f(**big, **{"k5": 0}),
]
for case in cases:
    try:
        print(case())
    except TypeError as e:
        print("TypeError:", e)


class K:
    def keys(self):
        return [1]

    def __getitem__(self, k):
        return k


try:
    f(**K())
except TypeError as e:
    print("TypeError:", e)


class Bad:
    def keys(self):
        raise ValueError("keys failed")


try:
    f(**Bad())
except ValueError as e:
    print("ValueError:", e)


# A native module's function is named with its module, a builtin function without.
import gc
import math

for fn in (math.sqrt, math.floor, gc.collect, len, print):
    try:
        fn(**3)
    except TypeError as e:
        print("TypeError:", e)
    print(fn.__module__, fn.__name__)
