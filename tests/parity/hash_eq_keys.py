# Dict keys and set members whose hash and equality are the class's __hash__ / __eq__.


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __hash__(self):
        return hash((self.x, self.y))

    def __eq__(self, other):
        return isinstance(other, Point) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Point({self.x}, {self.y})"


d = {Point(1, 2): "a", Point(3, 4): "b"}
print(d[Point(1, 2)], Point(3, 4) in d, Point(5, 6) in d, d.get(Point(5, 6), "none"))
d[Point(1, 2)] = "A"
print(d, len(d))
del d[Point(3, 4)]
print(d)
try:
    del d[Point(9, 9)]
except KeyError as e:
    print("KeyError", e)
print(d.pop(Point(1, 2)), d, d.setdefault(Point(0, 0), "z"), d)
s = {Point(1, 1), Point(1, 1), Point(2, 2)}
print(len(s), Point(1, 1) in s, sorted(s, key=lambda p: p.x))
s.add(Point(2, 2))
s.discard(Point(1, 1))
print(s)
try:
    s.remove(Point(7, 7))
except KeyError as e:
    print("KeyError", e)
a = {Point(1, 1), Point(2, 2)}
b = {Point(2, 2), Point(3, 3)}
print(sorted(a | b, key=repr), a & b, sorted(a - b, key=repr), sorted(a ^ b, key=repr))
print(a == {Point(2, 2), Point(1, 1)}, {Point(2, 2)} < a, a.issubset(b), set(a.copy()) == a)
print({(Point(1, 2), 3): "t"}[(Point(1, 2), 3)], frozenset([Point(1, 2)]) in {frozenset([Point(1, 2)])})
print(dict([(Point(1, 1), 1), (Point(1, 1), 2)]), {p: 1 for p in [Point(0, 1), Point(0, 1)]})
print(len(set([Point(4, 4)] * 3)))

# __hash__ results are reduced as CPython reduces them; -1 becomes -2.
class Big:
    def __hash__(self):
        return 2**70


class MinusOne:
    def __hash__(self):
        return -1


class FromBool:
    def __hash__(self):
        return True


print(hash(Big()), hash(MinusOne()), hash(FromBool()), hash((1, 2, 3)), hash((-1, (2, 3.5))))

# Unhashable classes.
class NoHash:
    __hash__ = None


class OnlyEq:
    def __eq__(self, other):
        return True


class EqAndHash(OnlyEq):
    def __hash__(self):
        return 7


print(OnlyEq.__hash__, len({EqAndHash(), EqAndHash()}))
for make in (lambda: {NoHash(): 1}, lambda: {OnlyEq()}, lambda: hash(OnlyEq()), lambda: {(1, NoHash())}):
    try:
        make()
    except TypeError as e:
        print("TypeError:", e)

# Plain instances hash by identity.
class Plain:
    pass


p, q = Plain(), Plain()
print(len({p, q, p}), {p: 1}[p])

# Exceptions raised by __hash__ and __eq__ propagate.
class BadHash:
    def __hash__(self):
        raise ValueError("hash failed")


class BadEq:
    def __hash__(self):
        return 1

    def __eq__(self, other):
        raise RuntimeError("eq failed")


class StrHash:
    def __hash__(self):
        return "x"


for make in (lambda: {BadHash(): 1}, lambda: BadHash() in {1: 2}, lambda: {BadEq(), BadEq()},
             lambda: {StrHash()}):
    try:
        make()
    except (ValueError, RuntimeError, TypeError) as e:
        print(type(e).__name__ + ":", e)
x = BadEq()
print(x in {x}, {x: 5}[x])

# An __eq__ that mutates the dict being probed: the lookup starts again.
class Mutator:
    table = None

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 0

    def __eq__(self, other):
        if Mutator.table is not None and len(Mutator.table) < 6:
            Mutator.table[len(Mutator.table) + 100] = 0
        return self.n == other.n


t = {}
Mutator.table = t
t[Mutator(1)] = "one"
t[Mutator(2)] = "two"
print(t.get(Mutator(2)), t.get(Mutator(3)), len(t))

class Remover:
    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 0

    def __eq__(self, other):
        victims.clear()
        return False

    def __repr__(self):
        return f"Remover({self.n})"


victims = {}
victims[Remover(1)] = 1
victims[Remover(2)] = 2
print(len(victims))
victims[Remover(4)] = 4
print(len(victims) in (1, 2))  # which keys survive depends on CPython's allocator

# Changing the dict from __eq__ while iterating it.
class Grower:
    def __hash__(self):
        return 5

    def __eq__(self, other):
        g[len(g)] = 0
        return False


g = {Grower(): 1}
try:
    for k in g:
        Grower() in g
except RuntimeError as e:
    print("RuntimeError:", e)

# dataclasses follow CPython's __hash__ rules.
from dataclasses import dataclass


@dataclass
class Mutable:
    x: int


@dataclass(frozen=True)
class Frozen:
    x: int


@dataclass(frozen=True)
class FrozenOwnEq:
    x: int

    def __eq__(self, other):
        return self.x % 10 == other.x % 10


@dataclass(eq=False)
class NoEq:
    x: int


print(Mutable.__hash__, {Frozen(1): "f"}[Frozen(1)], len({Frozen(1), Frozen(1), Frozen(2)}))
print(len({NoEq(1), NoEq(1)}), hash(FrozenOwnEq(3)) == hash(FrozenOwnEq(3)))
try:
    {Mutable(1)}
except TypeError as err:
    print("TypeError:", err)
try:

    @dataclass(unsafe_hash=True)
    class Explicit:
        x: int

        def __hash__(self):
            return 5

except TypeError as err:
    print("TypeError:", err)

# An int returned by __hash__ is the hash itself when it fits (-1 becomes -2); a bigger one is
# hashed as an int, as CPython's slot_tp_hash.
class H:
    def __init__(self, h):
        self.h = h

    def __hash__(self):
        return self.h


for h in [2**62, -2**63, 2**64, -1, True, 2**61 - 1, 2**61]:
    print(h, hash(H(h)))
