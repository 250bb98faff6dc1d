# Keyword-only and positional-only parameters, with CPython's errors.
def f(a, /, b, *, c):
    return (a, b, c)


def g(a, b=1, *, c, d=2, e):
    return (a, b, c, d, e)


def h(a, /, **kw):
    return a, kw


def k(*args, key=None, **kw):
    return args, key, kw


print(f(1, 2, c=3), f(1, b=2, c=3))
print(g(1, c=3, e=5), g(1, 2, c=3, d=4, e=5))
print(h(1, a=2))
print(k(1, 2, key=3, z=4), k())
print(sorted([3, 1, 2], key=lambda x: -x))

for call in [
    lambda: f(1, 2),
    lambda: f(a=1, b=2, c=3),
    lambda: f(1, 2, 3, c=4),
    lambda: f(1, 2, 3),
    lambda: f(1, b=2, c=3, d=4),
    lambda: g(1, 2, 3, c=1),
    lambda: g(1),
    lambda: g(),
    lambda: g(1, 2, 3, 4, c=1, e=2),
    lambda: g(1, 2, 3, 4),
    lambda: g(1, c=1, e=2, a=5),
]:
    try:
        print(call())
    except TypeError as e:
        print(type(e).__name__, e)


class C:
    def m(self, x, *, flag=False):
        return x, flag


print(C().m(1, flag=True))
try:
    C().m(1, True)
except TypeError as e:
    print(type(e).__name__, e)
lam = lambda a, *, b=2: a + b
print(lam(1), lam(1, b=5))
