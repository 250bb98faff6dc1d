# The with statement inside generators: suspended in the body, exits on close, on errors, in a collected cycle.
class CM:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, *a):
        print("exit", a[0])
        return False
def g():
    with CM() as c:
        yield 1
        yield 2
    yield 3
print(list(g()))
x = g()
print(next(x))
x.close()
@staticmethod
def h():
    pass
class A:
    @property
    def p(self):
        return (i * i for i in range(3))
print(sum(A().p))
class Sup:
    def __enter__(self):
        return "v"
    def __exit__(self, t, v, tb):
        print("sup exit", t.__name__ if t else None)
        return True
def g2():
    with CM(), Sup() as s:
        print("got", s)
        yield 1
        raise ValueError("x")
    yield "after"
print(list(g2()))
def g3():
    with CM() as c:
        x = yield "first"
        print("sent", x)
        return 5
gen = g3()
print(next(gen))
try:
    gen.send("hello")
except StopIteration as e:
    print("stop", e.value)
import gc
class Node:
    def __del__(self):
        print("del node")
def g4(n):
    with CM():
        n.gen = gen4
        yield 1
n = Node()
gen4 = g4(n)
next(gen4)
del n, gen4
print("collected", gc.collect() > 0)
