# Functions are named by their qualified name (C.m, f.<locals>.g) in __qualname__, in
# their repr and in the TypeError of a bad call, as CPython names them.
class Obj:
    def m(self):
        return 1
    class Inner:
        def n(self, a):
            pass
def f():
    def g(x):
        return x
    class A:
        def h(self):
            pass
    return g, A, lambda: 0
g, A, lam = f()
print(Obj.m.__qualname__, Obj.Inner.n.__qualname__, g.__qualname__, A.h.__qualname__, lam.__qualname__, f.__qualname__)
for call in [lambda: Obj().m(1), lambda: Obj.Inner().n(), lambda: g(), lambda: g(1, 2), lambda: A().h(z=1), lambda: f(1)]:
    try:
        call()
    except TypeError as e:
        print(e)
print(repr(g).split(' at ')[0], repr(Obj.m).split(' at ')[0])
print(str(Obj().m).split(' of ')[0])
