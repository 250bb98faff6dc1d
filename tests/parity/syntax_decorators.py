# Decorators on functions and classes, staticmethod / classmethod / property, and the
# function attributes functools.wraps-style decorators copy.
import gc
import weakref

calls = []


def trace(tag):
    calls.append("make " + tag)

    def deco(fn):
        calls.append("apply " + tag)

        def wrapper(*args, **kwargs):
            calls.append("call " + tag)
            return fn(*args, **kwargs)

        wrapper.__name__ = fn.__name__
        wrapper.__qualname__ = fn.__qualname__
        wrapper.__doc__ = fn.__doc__
        wrapper.__wrapped__ = fn
        return wrapper

    return deco


@trace("outer")
@trace("inner")
def add(a, b=2):
    "Add two numbers."
    return a + b


print(add(1), add.__name__, add.__qualname__, add.__doc__, add.__wrapped__.__wrapped__.__name__)
print(calls)
add.tag = "x"
print(add.tag, getattr(add, "missing", None), hasattr(add, "tag"))


def register(cls):
    cls.registered = True
    return cls


@register
class Point:
    count = 0

    def __init__(self, x, y):
        self._x = x
        self.y = y
        Point.count += 1

    @property
    def x(self):
        "The x coordinate."
        return self._x

    @x.setter
    def x(self, value):
        self._x = value * 10

    @x.deleter
    def x(self):
        print("deleting x")
        del self._x

    @staticmethod
    def origin_name(prefix="o"):
        return prefix + "rigin"

    @classmethod
    def make(cls, v):
        return cls(v, v)

    def norm(self):
        return abs(self.x) + abs(self.y)

    area = property(lambda self: self.x * self.y)


p = Point.make(3)
print(Point.registered, p.x, p.y, p.norm(), p.area, Point.count)
p.x = 2
print(p.x, p._x, p.area)
del p.x
print(hasattr(p, "_x"))
print(Point.origin_name(), p.origin_name("O"), Point.x.__doc__)
print(type(Point.__dict__["make"]).__name__, isinstance(Point.__dict__["x"], property))
try:
    p.area = 5
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del p.area
except AttributeError as e:
    print(type(e).__name__, e)


class Sub(Point):
    @classmethod
    def make(cls, v):
        obj = super().make(v + 1)
        obj.kind = cls.__name__
        return obj

    @property
    def x(self):
        return -self._x


s = Sub.make(1)
print(type(s).__name__, s.kind, s.x, s.norm())


class Counter:
    def __init__(self):
        self.n = 0

    @staticmethod
    def helper(a, b):
        return a * b

    @classmethod
    def build(cls):
        return cls()


c = Counter.build()
print(type(c).__name__, Counter.helper(3, 4), c.helper(2, 5))


# A decorated method in a cycle is collected.
def make_cycle():
    class Node:
        @property
        def me(self):
            return self.other

        @classmethod
        def kind(cls):
            return Node

        @staticmethod
        def s():
            return Node

    n = Node()
    n.other = n
    return weakref.ref(n), weakref.ref(Node)


gc.collect()
r1, r2 = make_cycle()
print(r1() is not None, r2() is not None)
gc.collect()
print(r1(), r2())


def tagged(fn):
    fn.tag = "t"
    return fn


@tagged
def h(a: int) -> int:
    return a


h.__name__ = "renamed"
print(h.__dict__, h.__name__, h.__qualname__, h.__module__)
