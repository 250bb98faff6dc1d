class S:
    __slots__ = ('a', 'b')
    def __init__(self):
        self.a = 1
s = S()
s.b = 2
print(s.a, s.b)
try:
    s.c = 3
except AttributeError as e:
    print(e)
class T(S):
    __slots__ = ['c']
t = T()
t.c = 5
print(t.a, t.c)
try:
    t.d = 1
except AttributeError as e:
    print(e)
class U(S):
    pass
u = U()
u.anything = 1
print(u.anything)
class One:
    __slots__ = 'x'
o = One()
o.x = 9
try:
    o.y = 1
except AttributeError as e:
    print(e)
class D:
    __slots__ = ('x', '__dict__')
d = D()
d.z = 1
print(d.z)
class P:
    __slots__ = ('_v',)
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, val):
        self._v = val
p = P()
p.v = 4
print(p.v)
