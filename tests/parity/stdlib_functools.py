# functools: reduce, partial, lru_cache/cache, wraps, cmp_to_key, total_ordering.
import functools
from functools import reduce, partial, lru_cache, wraps, cmp_to_key

print(reduce(lambda a, b: a + b, [1, 2, 3, 4]), reduce(lambda a, b: a * b, range(1, 6), 10), reduce(max, [3], 0))
try:
    reduce(lambda a, b: a, [])
except TypeError as e:
    print("TypeError", e)


def power(base, exp=2, mod=None):
    r = base ** exp
    return r if mod is None else r % mod


sq = partial(power, exp=2)
cube = partial(power, exp=3)
p10 = partial(power, 10)
print(sq(5), cube(2), p10(3), p10(exp=1), partial(p10, mod=7)(2), sq.args, sq.keywords, p10.func is power)

calls = []


def fib(n):
    calls.append(n)
    return n if n < 2 else fib(n - 1) + fib(n - 2)
fib = lru_cache(maxsize=None)(fib)


print(fib(30), len(calls), fib.cache_info())
fib.cache_clear()
print(fib.cache_info())


def sq2(x):
    calls.append(x)
    return x * x
sq2 = lru_cache(maxsize=2)(sq2)


calls = []
print([sq2(x) for x in [1, 2, 1, 3, 1, 2]], calls, sq2.cache_info())


def ident(x, y=0):
    return (x, y)
ident = lru_cache(ident)


print(ident(1), ident(1, y=2), ident.cache_info().hits, ident.__name__)


def fact(n):
    return 1 if n == 0 else n * fact(n - 1)
fact = functools.cache(fact)


print(fact(10), fact.__name__)


def deco(f):
    def wrapper(*args, **kwargs):
        """wrapper doc"""
        return f(*args, **kwargs) + 1
    wrapper = wraps(f)(wrapper)
    return wrapper


def add(a, b):
    """Add two numbers."""
    return a + b
add = deco(add)


print(add(1, 2), add.__name__, add.__wrapped__(1, 2))


def cmp(a, b):
    return (a > b) - (a < b)


print(sorted([5, 2, 9, 1], key=cmp_to_key(cmp)), sorted("banana", key=cmp_to_key(lambda a, b: cmp(b, a))))


class V:
    def __init__(self, v):
        self.v = v

    def __eq__(self, o):
        return self.v == o.v

    def __lt__(self, o):
        return self.v < o.v
V = functools.total_ordering(V)


print(V(1) < V(2), V(1) > V(2), V(2) >= V(2), V(3) <= V(2), V(1) != V(1))
