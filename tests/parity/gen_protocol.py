def g():
    yield 1
    yield 2
    yield 3
print(2 in g(), 5 in g(), 2 in map(int, "123"), 9 not in iter([1]))
try:
    len(g())
except TypeError as e:
    print(type(e).__name__, e)
x = g()
print(x == x, x != g(), bool(x), hash(x) == hash(x))
s = set()
s.add(x)
print(x in s)
l = [0]
l.extend(g())
print(l, tuple(g()), set(g()), dict((i, i) for i in g()), "".join(str(i) for i in g()))
print(list(zip(g(), g(), "ab")))
print(str(map(int, ""))[:12])
def kw(a, b=2, *args, **kw):
    yield a, b, args, kw
print(list(kw(1, 3, 4, z=5)))
try:
    kw()
except TypeError as e:
    print(type(e).__name__, e)
gen = g()
for i in gen:
    if i == 2:
        break
print(list(gen))
def gen_exc():
    yield 1
    raise KeyError("oops")
gg = gen_exc()
try:
    for v in gg:
        print(v)
except KeyError as e:
    print("KeyError", e)
print(list(gg))
try:
    g().throw(5)
except TypeError as e:
    print(type(e).__name__, e)
try:
    g().send()
except TypeError as e:
    print(type(e).__name__, e)
try:
    g().foo
except AttributeError as e:
    print(type(e).__name__, e)
def yf():
    yield from 5
try:
    next(yf())
except TypeError as e:
    print(type(e).__name__, e)
def closure_gen():
    total = 0
    def add(n):
        nonlocal total
        total += n
    for i in range(4):
        add(i)
        yield total
print(list(closure_gen()))
def counter_gen():
    global counter
    counter = 0
    while counter < 3:
        counter += 1
        yield counter
print(list(counter_gen()), counter)
class It:
    def __init__(self):
        self.n = 0
    def __iter__(self):
        return self
    def __next__(self):
        self.n += 1
        if self.n > 3:
            raise StopIteration
        return self.n
def deleg():
    r = yield from It()
    yield ("r", r)
print(list(deleg()))
print(list(map(lambda a, b: a + b, [1, 2, 3], g())))
e = enumerate("ab")
print(iter(e) is e, next(e), list(e))
r = reversed([1, 2])
print(next(r), type(r).__name__)
def gen_list_comp():
    data = [x * 2 for x in range(3)]
    yield data
    yield {k: v for k, v in zip("ab", data)}
print(list(gen_list_comp()))
def pairwise(it):
    it = iter(it)
    prev = next(it)
    for x in it:
        yield prev, x
        prev = x
print(list(pairwise([1, 2, 3, 4])))
def infinite():
    n = 0
    while True:
        n += 1
        yield n
for a, b in zip(infinite(), "xyz"):
    print(a, b, end=" ")
print()
it = filter(lambda v: v % 3 == 0, infinite())
print(next(it), next(it))
def nested_try():
    for i in range(3):
        try:
            try:
                yield i
                if i == 1:
                    raise ValueError(i)
            finally:
                yield "inner finally %d" % i
        except ValueError as e:
            yield "caught %s" % e
        else:
            yield "else %d" % i
print(list(nested_try()))
def ret_from_loop():
    for i in range(10):
        try:
            yield i
            if i == 2:
                return "early"
        finally:
            print("fin", i)
gen = ret_from_loop()
try:
    while True:
        next(gen)
except StopIteration as e:
    print(e.value)
data = [3, 2, 1, 0, 5]
print(list(iter(data.pop, 0)), data)
try:
    a, b = infinite()
except ValueError as e:
    print(type(e).__name__, e)
a, b = (i for i in range(2))
first, *rest = (i for i in range(4))
print(a, b, first, rest)
try:
    a, b, c = (i for i in range(2))
except ValueError as e:
    print(type(e).__name__, e)
def over_list():
    yield from [1, 2]
g = over_list()
next(g)
try:
    g.send(5)
except AttributeError as e:
    print(type(e).__name__, e)
g = (lambda: (yield))()
print(next(g), type(g).__name__)
