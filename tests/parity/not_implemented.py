class V:
    def __init__(self, x): self.x = x
    def __add__(self, o):
        if not isinstance(o, V): return NotImplemented
        return V(self.x + o.x)
    def __radd__(self, o):
        if not isinstance(o, int): return NotImplemented
        return V(self.x + o)
    def __eq__(self, o):
        if not isinstance(o, V): return NotImplemented
        return self.x == o.x
    def __lt__(self, o):
        if not isinstance(o, V): return NotImplemented
        return self.x < o.x
    __hash__ = None
print((V(1) + V(2)).x, (3 + V(4)).x)
print(V(1) == V(1), V(1) == V(2), V(1) == 1, 1 == V(1), V(1) != 3, NotImplemented, repr(NotImplemented))
print(type(NotImplemented).__name__, NotImplemented is NotImplemented, bool(NotImplemented) if False else 'skip')
for f in [lambda: V(1) + "s", lambda: "s" + V(1), lambda: V(1) < 3, lambda: 3 > V(1), lambda: V(1) >= 2]:
    try:
        f()
    except TypeError as e:
        print('TypeError', e)
print(V(1) < V(2), V(2) > V(1), sorted([V(3), V(1), V(2)], key=lambda v: v)[0].x)
class W:
    def __eq__(self, o):
        return NotImplemented
w = W()
print(w == w, w == W(), w != w, [w].count(w), w in [w])
class Num:
    def __init__(self, v): self.v = v
    def __mul__(self, o):
        return Num(self.v * o) if isinstance(o, int) else NotImplemented
    __rmul__ = __mul__
print((Num(2) * 3).v, (4 * Num(2)).v)
