# Classes deriving from tuple, and namedtuple classes (tuple subclasses, as in CPython).
from collections import namedtuple


class T(tuple):
    def __new__(cls, *args):
        return tuple.__new__(cls, args)

    @property
    def first(self):
        return self[0]


t = T(1, 2)
print(isinstance(t, tuple), issubclass(T, tuple), t[0], len(t), t.first, t == (1, 2))
print(hash(t) == hash((1, 2)), list(t), t + (3,), (0,) + t, t * 2, type(t).__name__, t)
a, b = t
print(a, b, t.count(1), t.index(2), tuple(t), sorted([T(2, 1), T(1, 2)]), t < (1, 3))
print(2 in t, t[::-1], {t: 1}, {(1, 2): "x"}[t], t >= T(1, 2), T(0) <= t, max(T(5), T(4, 9)))


class Plain(tuple):
    pass


p = Plain("abc")
print(p, len(p), Plain(), Plain(range(3)) == (0, 1, 2), hash(Plain((1,))) == hash((1,)))
for args in [(1, 2), ([1],)]:
    try:
        print(Plain(*args))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    Plain(x=1)
except TypeError as e:
    print(type(e).__name__, e)

P = namedtuple("P", "x y")
q = P(1, 2)
print(isinstance(q, tuple), issubclass(P, tuple), q, q + (3,), len(q), q[0], tuple(q))
print(q == (1, 2), hash(q) == hash((1, 2)), sorted([P(2, 1), P(1, 2)]), list(q), q.x, q.y)
print(P._fields, q._asdict(), q._replace(x=5), P._make([3, 4]), q[-1], q[:1], 1 in q)
x, y = q
print(x, y, q.count(1), q.index(2), "%s-%s" % q, {q: "v"}[(1, 2)], max(q), q < P(1, 3))
try:
    q.x = 5
except AttributeError as e:
    print(type(e).__name__)
try:
    q.z = 5
except AttributeError as e:
    print(type(e).__name__)
print(type(q).__name__, P.__name__)
D = namedtuple("D", ["a", "b", "c"], defaults=[0, 1])
print(D(5), D(5, 6, 7), D(a=1, c=3), D._field_defaults)
for bad in [lambda: P(1), lambda: P(1, 2, 3), lambda: P(1, y=2, z=3), lambda: P(1, x=2)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
