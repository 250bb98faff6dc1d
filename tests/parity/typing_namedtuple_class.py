from typing import NamedTuple


class P(NamedTuple):
    """A point."""
    x: int
    y: int = 0

    def norm2(self):
        return self.x * self.x + self.y * self.y

    def __str__(self):
        return f"<{self.x}, {self.y}>"


p = P(3, 4)
print(p, repr(p), p.norm2(), p._fields, p._field_defaults)
print(P(1), P(x=2, y=5), P._make([7, 8]))
print(p._replace(y=9), p._asdict())
a, b = p
print(a, b, p[0], p[-1], len(p), list(p), p == (3, 4), p == P(3, 4), hash(p) == hash((3, 4)))
print(P.__name__, P.__doc__, P.__annotations__)
print(sorted([P(2, 1), P(1, 5), P(1, 2)]))
try:
    P()
except TypeError as e:
    print("TypeError:", e)
try:
    P(1, 2, 3)
except TypeError as e:
    print("TypeError:", e)
try:
    p._replace(z=1)
except ValueError as e:
    print("ValueError:", e)
try:
    class Bad(NamedTuple):
        x: int = 0
        y: int
except TypeError as e:
    print("TypeError:", e)
Q = NamedTuple("Q", [("a", int), ("b", str)])
print(Q(1, "z"), Q._fields)


class P3(P):
    def total(self):
        return self.x + self.y


q = P3(1, 2)
print(q, repr(q), q.total(), q.norm2(), P3._fields, type(q._replace(x=5)).__name__)
