# Calls reuse the environments of earlier calls that nothing kept (minipy's pool): what a
# call leaves behind (closures, generators, frames' locals, objects with __del__) must behave
# exactly as if every call had its own scope.


def make_counter(start):
    n = start

    def bump():
        nonlocal n
        n += 1
        return n

    return bump


a = make_counter(10)
b = make_counter(100)
print(a(), a(), b(), a(), b())


def plain(x, y):
    z = x * y
    return z + 1


# Many plain calls between uses of the closures: their scopes are reused, the closures' not.
total = 0
for i in range(1000):
    total += plain(i, 2)
print(total, a(), b())

# Lambdas made in a comprehension share its scope, which stays alive.
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
gs = [(lambda j=i: j) for i in range(3)]
print([g() for g in gs])


def gen(n):
    k = n
    while k > 0:
        yield k
        k -= 1


it1 = gen(3)
it2 = gen(2)
print(next(it1), plain(1, 1), next(it2), plain(2, 2), list(it1), list(it2))


class Noisy:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        # Calls a function while the scope that held this object is being emptied.
        print("del", self.name, plain(len(self.name), 3))


def holds_two():
    first = Noisy("first")
    second = Noisy("second")
    return "returned"


print(holds_two())


def fails(n):
    tmp = Noisy("tmp%d" % n)
    if n > 0:
        return fails(n - 1)
    raise ValueError("bottom")


try:
    fails(2)
except ValueError as e:
    # (CPython's traceback keeps the frames, and so the objects, until the block ends.)
    message = str(e)
print("caught", message)


def keeps_locals():
    p = 1
    q = [2]
    return locals()


d1 = keeps_locals()
d2 = keeps_locals()
d1["q"].append(3)
print(sorted(d1.items()), sorted(d2.items()))


def recurse(n):
    if n == 0:
        return []
    here = [n]
    return here + recurse(n - 1)


print(recurse(30))
print([plain(i, i) for i in range(5)], {i: plain(i, 1) for i in range(3)}, {plain(i, 0) for i in range(3)})


def with_defaults(a, b=2, *rest, c=3, **kw):
    return (a, b, rest, c, sorted(kw.items()))


print(with_defaults(1), with_defaults(1, 5, 6, 7, c=0, z=9), plain(3, 3))
try:
    plain(1)
except TypeError as e:
    print(e)
print(plain(4, 5))
