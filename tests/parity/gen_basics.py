def gen(n):
    i = 0
    while i < n:
        x = yield i
        if x is not None:
            print("got", x)
        i += 1
    return "done"

g = gen(3)
print(g.__name__, type(g).__name__)
print(iter(g) is g)
print(next(g))
print(g.send(10))
print(next(g))
try:
    next(g)
except StopIteration as e:
    print(type(e).__name__, e, e.value)
print(list(gen(5)), sum(gen(5)), sorted(gen(4), reverse=True))
a, b, c = gen(3)
print(a, b, c)
print(sum(x*x for x in range(10)))
print(list(x for x in range(10) if x % 2 if x > 3))
print([*map(str, range(3))], list(zip("abc", gen(10))), list(enumerate(gen(3), 1)))
def inner():
    r = yield 1
    print("inner got", r)
    yield 2
    return 42
def outer():
    v = yield from inner()
    print("yield from ->", v)
    yield from [7, 8]
o = outer()
print(next(o), o.send("hi"), next(o), next(o))
def t():
    try:
        yield 1
        yield 2
    except ValueError as e:
        print("caught", e)
        yield 3
    finally:
        print("finally")
g = t()
print(next(g))
print(g.throw(ValueError("boom")))
try:
    next(g)
except StopIteration:
    print("stop")
g = t(); next(g); g.close(); print("closed")
def count():
    n = 0
    while True:
        yield n
        n += 1
import sys
m = map(lambda x: x * 2, count())
print(next(m), next(m), next(m))
def fib():
    a, b = 0, 1
    for _ in range(10):
        yield a
        a, b = b, a + b
print(list(fib()))
g = gen(2)
try:
    g.send(1)
except TypeError as e:
    print(type(e).__name__, e)
def selfref():
    me = yield
    me.send(1)
g = selfref(); next(g)
try:
    g.send(g)
except ValueError as e:
    print(type(e).__name__, e)
def raises_stop():
    yield 1
    raise StopIteration
try:
    list(raises_stop())
except RuntimeError as e:
    print(type(e).__name__, e)
async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)
coro = fibonacci(10)
try:
    while True:
        coro.send(None)
except StopIteration as e:
    print("coro", e.value)
print(repr(gen(1))[:26])
