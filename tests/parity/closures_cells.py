# A closure keeps alive only the variables it uses (CPython's cells): the other locals of
# its defining call die when that call returns.
import gc
import weakref


class Tracked:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  del", self.name)


def make():
    big = Tracked("uncaptured local")
    kept = Tracked("captured local")

    def inner():
        return kept.name

    return inner


print("make():")
f = make()
print("inner sees:", f())
del f
print("after del f")


class Obj:
    pass


def make_weak():
    o = Obj()
    r = weakref.ref(o)
    n = 5
    return (lambda: n), r


g, r = make_weak()
print("uncaptured object alive after return:", r() is not None)
print("lambda sees:", g())


def make_gen():
    junk = Tracked("local beside a generator expression")
    data = [1, 2, 3]
    return (x * 2 for x in data)


print("make_gen():")
it = make_gen()
print("genexp:", list(it))


def make_class():
    tag = "T"
    other = Tracked("local beside a class")

    class K:
        label = tag

        def get(self):
            return self.label

    return K


print("make_class():")
K = make_class()
print("class body saw:", K().get())


def shadowing():
    i = Tracked("outer i, shadowed in the inner function")

    def inner():
        i = 3
        return i

    return inner


print("shadowing():")
s = shadowing()
print("inner:", s())

gc.collect()


def make_rec():
    spare = Tracked("local beside a recursive closure")

    def rec(n):
        return 0 if n == 0 else rec(n - 1)

    return rec


print("make_rec():")
h = make_rec()
print("rec:", h(3))
del h
print("recursive closure collected:", gc.collect() > 0)


def counter():
    count = 0
    spare = Tracked("local beside a nonlocal counter")

    def inc():
        nonlocal count
        count += 1
        return count

    return inc


print("counter():")
c = counter()
print("counts:", c(), c())
del c


def nested_twice():
    outer_only = Tracked("local used by nobody")
    deep = Tracked("local used two levels down")

    def middle():
        def leaf():
            return deep.name

        return leaf

    return middle


print("nested_twice():")
m = nested_twice()
print("leaf sees:", m()())
del m


def gen_with_closure():
    spare = Tracked("generator local beside a closure")
    used = "used"
    yield lambda: used
    yield 2


print("generator:")
gen = gen_with_closure()
fn = next(gen)
print("first:", fn())
print("second:", next(gen))
for _ in gen:
    pass
print("generator finished")
print("closure still sees:", fn())
print("end")
