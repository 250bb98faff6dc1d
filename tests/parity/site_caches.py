# The interpreter's fast paths and per-site caches (names, attributes, methods, arithmetic,
# comparisons, step-1 slices) must give the same results and errors as the general paths.

# Int arithmetic at the 64-bit edge (the fast path gives way to big ints), mixed with floats.
big = 2**62
for a, b in [(big, big), (-big, -big - big), (3, 4), (2.5, 4), (4, 0.5), (1.5, 2.25)]:
    print(a + b, a - b, a * b, a / b)
x = 9223372036854775807
x += 1
print(x, type(x).__name__)
y = -9223372036854775807
y -= 2
print(y)
print(3037000500 * 3037000500, -3037000500 * 3037000500)
for a, b in [(1, 0), (1.0, 0.0), (1, 0.0), (1.0, 0)]:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
z = 7
try:
    z /= 0
except ZeroDivisionError as e:
    print("ZeroDivisionError:", e, z)
print(True + True, True * 3, 2 - False)

# Comparisons: ints, floats, NaN, mixed, chained, and types that do not order.
nan = float("nan")
for a, b in [(1, 2), (2, 1), (2, 2), (1.5, 1.5), (nan, nan), (nan, 1.0), (1, 1.0), (2**70, 2**70 + 1)]:
    print(a < b, a > b, a <= b, a >= b, a == b, a != b)
print(1 < 2 < 3, 1 < 3 < 2, 1.0 < 2 <= 2.0)
try:
    print(1 < "a")
except TypeError as e:
    print("TypeError:", e)


# Names: locals found in different slots, deleted locals, globals, nonlocals, builtins.
g = 10


def shapes(first):
    if first:
        a = 1
        b = 2
    else:
        b = 3
        a = 4
    return a * 10 + b


print(shapes(True), shapes(False), shapes(True))


def unbound(flag):
    v = 1
    if flag:
        del v
    return v


print(unbound(False))
try:
    unbound(True)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)


def set_global():
    global g
    g = g + 1
    return g


print(set_global(), set_global(), g)


def counter():
    n = 0

    def bump():
        nonlocal n
        n += 1
        return n

    return bump


c = counter()
print(c(), c(), c())


def shadow():
    return len([1, 2])


print(shadow())
len = lambda s: 99
print(shadow())
del len
print(shadow())


# Attributes: one site, instances of different shapes and classes; deleted attributes;
# descriptors and __slots__ appearing after the site was cached.
class A:
    def __init__(self):
        self.x = 1
        self.y = 2

    def total(self):
        return self.x + self.y


class B:
    def __init__(self):
        self.y = 20
        self.x = 10

    def total(self):
        return self.x * self.y


class C(A):
    pass


def read(o):
    return o.x, o.y, o.total()


for o in [A(), B(), C(), A(), B()]:
    print(read(o))
a = A()
del a.x
try:
    read(a)
except AttributeError as e:
    print("AttributeError:", e)
a.x = 5
print(read(a))
a.total = lambda: "own"
print(a.total())
A.total = lambda self: "patched"
print(read(A()), read(C()))


class P:
    def __init__(self):
        self.x = 1

    @property
    def y(self):
        return "property y"


def store(o, v):
    o.x = v
    return o.x


p = P()
print(store(p, 2), store(A(), 3), p.y)
try:
    p.y = 5
except AttributeError as e:
    print("AttributeError:", e)


class S:
    __slots__ = ("x",)


print(store(S(), 7))
try:
    S().z = 1
except AttributeError as e:
    print("AttributeError:", e)

# Step-1 slices: same and different lengths, negative and out-of-range bounds.
l = list(range(8))
print(l[:], l[2:5], l[-3:], l[5:2], l[-100:100], l[6:-1], l[::-1], l[5::-2])
l[:3] = l[2::-1]
print(l)
l[2:4] = ["a", "b", "c"]
print(l)
l[7:2] = [None]
print(l)
l[-2:] = []
print(l)
l[100:] = [1]
print(l)
l[:] = l
print(l)
try:
    l[::2] = [1]
except ValueError as e:
    print("ValueError:", e)
try:
    l[::0]
except ValueError as e:
    print("ValueError:", e)
print(l[-9223372036854775807:3], l[3:-9223372036854775807], l[::-9223372036854775807])

# Floor division and modulo of ints, signs mixed, at the 64-bit edge.
for a, b in [(7, 2), (-7, 2), (7, -2), (-7, -2), (6, 3), (-6, 3), (0, -5)]:
    print(a // b, a % b)
m = -9223372036854775807 - 1
print(m // -1, m % -1, m // 1, m % 7)
for a, b in [(1, 0), (1.0, 0)]:
    try:
        print(a // b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)
    try:
        print(a % b)
    except ZeroDivisionError as e:
        print("ZeroDivisionError:", e)


# super() in methods, in a nested function of a method, and in a method that calls another.
class Base:
    def name(self):
        return "Base"

    def twice(self):
        return self.name() * 2


class Derived(Base):
    def name(self):
        return "Derived+" + super().name()

    def nested(self):
        def inner():
            return super(Derived, self).name()

        return inner()

    def calls_other(self):
        return self.twice()


d = Derived()
print(d.name(), d.nested(), d.calls_other())


# A global found from a function after the function's own scope was searched, and a local
# that shadows it.
def uses_global():
    return g * 2


def shadows_global(g):
    return g * 3


print(uses_global(), shadows_global(1), uses_global())
