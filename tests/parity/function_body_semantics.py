# What a compiled function body must keep of the tree's semantics: locals, unbound and
# deleted names, globals and builtins rebound between calls, evaluation order, unpacking,
# loops with else, comprehension scopes, defaults shared by one definition, recursion, and
# the lines tracebacks name.
import sys

G = 1


def unbound(flag):
    if flag:
        v = 1
    try:
        return v
    except UnboundLocalError as e:
        return "UnboundLocalError: " + str(e)


print(unbound(True), unbound(False))


def deleted():
    a = 5
    del a
    try:
        print(a)
    except UnboundLocalError as e:
        print("UnboundLocalError:", e)
    a = 6
    return a


print(deleted())


def reads_global():
    return G + len("ab")


print(reads_global())
G = 10
print(reads_global())
len = lambda x: 100  # noqa: E731  (a module global shadowing the builtin)
print(reads_global())
del len
print(reads_global())


def declares_global(x):
    global G, H
    G = G + x
    H = x * 2
    return G, H


print(declares_global(3), G, H)
del G
try:
    reads_global()
except NameError as e:
    print("NameError:", e)
G = 2


log = []


def note(tag, value):
    log.append(tag)
    return value


def order():
    d = {note("k1", 1): note("v1", "a"), note("k2", 2): note("v2", "b")}
    t = (note("t1", 1), note("t2", 2))
    r = note("f", lambda *a, **k: (a, sorted(k.items())))(note("a1", 1), z=note("kw", 3))
    c = note("c1", 1) < note("c2", 2) < note("c3", 3)
    return d, t, r, c


print(order(), log)


class Box:
    def __init__(self):
        self.n = 0
        self.items = [0, 0]


def target_once():
    log.clear()
    b = Box()

    def get():
        log.append("get")
        return b

    get().n += 5
    get().items[note("i", 1)] += 7
    return b.n, b.items, log


print(target_once())


def shortcircuit(a, b):
    return (a and b, a or b, not a, a and note("never", 1) if not a else None)


print(shortcircuit(0, 2), shortcircuit([], "x"), shortcircuit(3, None))


def unpacking(seq):
    try:
        a, (b, c), *rest = seq
        return a, b, c, rest
    except (ValueError, TypeError) as e:
        return type(e).__name__ + ": " + str(e)


print(unpacking([1, (2, 3), 4, 5]))
print(unpacking([1, (2, 3)]))
print(unpacking([1, (2, 3, 4)]))
print(unpacking([1, (2,)]))
print(unpacking([1]))
print(unpacking([1, 2]))


def pair(seq):
    try:
        x, y = seq
        return x + y
    except ValueError as e:
        return "ValueError: " + str(e)


print(pair((1, 2)), pair([1, 2, 3]), pair("a"), pair(iter([4, 5])))


def loops(n):
    out = []
    for i in range(n):
        if i == 3:
            break
        out.append(i)
    else:
        out.append("for-else")
    j = 0
    while j < n:
        j += 1
        if j % 2:
            continue
        out.append(-j)
    else:
        out.append("while-else")
    for i in range(2):
        for k in range(3):
            if k == 1:
                break
            out.append((i, k))
    return out, i


print(loops(2))
print(loops(5))


def early_return(items):
    for x in items:
        for y in items:
            if x * y == 6:
                return x, y
    return None


print(early_return([1, 2, 3]), early_return([5]))


x = "global x"


def comprehension_scopes(n):
    squares = [x * x for x in range(n)]
    pairs = {(x, y) for x in range(2) for y in range(x)}
    table = {k: v for k, v in zip("ab", range(n))}
    nested = [[x + y for y in range(2)] for x in range(2)]
    local = 10
    uses_local = [local + x for x in range(2)]
    return squares, sorted(pairs), table, nested, uses_local, x


print(comprehension_scopes(3))


def later_local():
    try:
        y = [z for z in range(2)] + [w]
    except NameError as e:
        return "NameError: " + str(e)
    w = 1
    return y


print(later_local())

made = []
for k in range(3):

    def shared(a, b=k * 10, *rest, c=k, **kw):
        return a, b, rest, c, sorted(kw.items())

    made.append(shared)
print([f(1) for f in made], made[2](1, 2, 3, c=4, d=5))


def params(a, b, /, c, *, d=4):
    a = a + 1
    return a, b, c, d


print(params(1, 2, 3), params(1, 2, c=3, d=5))
try:
    params(1, b=2, c=3)
except TypeError as e:
    print("TypeError:", e)


def fib(n):
    if n < 2:
        return n
    return fib(n - 1) + fib(n - 2)


print(fib(20))


def deep(n):
    return deep(n + 1)


try:
    deep(0)
except RecursionError as e:
    print("RecursionError:", e)


def big_numbers():
    acc = 1
    for i in range(1, 30):
        acc = acc * i
    f = 0.1
    for _ in range(10):
        f += 0.1
    return acc, f, acc // 7, -acc % 11, 2**100 - acc


print(big_numbers())


def operators(a, b):
    return (
        a is b,
        a is not b,
        a in [b],
        a not in (b,),
        a == b,
        a != b,
        -a,
        ~a,
        +a,
        a // 3,
        a % 3,
        a**2,
        a << 2,
        a >> 1,
        a & 6,
        a | 8,
        a ^ 5,
    )


print(operators(7, 7), operators(-5, 3))


def slices(s):
    t = list(s)
    t[1:3] = ["X"]
    del t[0]
    return s[::-1], s[1:-1], s[::2], t, s[-2:], s[:100]


print(slices("abcdef"))


def conditional(v):
    return "big" if v > 10 else "small" if v > 5 else "tiny"


print([conditional(v) for v in (1, 7, 20)])


def calls_tree_function(n):
    def inner(m):  # a nested scope: this function keeps a closure
        return m + n

    return inner(1)


def through(n):
    return calls_tree_function(n) + len(str(n))


print(through(41))


class Counter:
    count = 0

    def bump(self, by=1):
        self.count += by
        return self

    def total(self):
        return self.count


c = Counter().bump().bump(5)
print(c.total(), Counter.count)


def attribute_errors(o):
    try:
        return o.missing
    except AttributeError as e:
        return "AttributeError: " + str(e)


print(attribute_errors(1), attribute_errors(c))


def asserts(v):
    try:
        assert v > 0, "v must be positive"
        assert v < 10
    except AssertionError as e:
        return "AssertionError: " + repr(e.args)
    return "ok"


print(asserts(5), asserts(-1), asserts(11))


def raises(kind):
    if kind == 1:
        raise ValueError("one")
    if kind == 2:
        raise KeyError
    try:
        {}["k"]
    except KeyError:
        raise


for kind in (1, 2, 3):
    try:
        raises(kind)
    except Exception as e:
        print(type(e).__name__, repr(e))


def statement_boundaries():
    import weakref

    class Obj:
        pass

    o = Obj()
    events = []
    r = weakref.ref(o, lambda ref: events.append("callback"))
    events.append("before del")
    del o
    events.append("after del")
    return events, r()


print(statement_boundaries())


def unpack_errors():
    def none():
        pass

    class Plain:
        pass

    class Refuses:
        def __iter__(self):
            raise TypeError("mine")

    out = []
    for make in (none, Plain, Refuses, lambda: 5):
        try:
            a, b = make()
        except TypeError as e:
            out.append(str(e))
        try:
            a, *b = make()
        except TypeError as e:
            out.append(str(e))
        try:
            for a, b in [make()]:
                pass
        except TypeError as e:
            out.append(str(e))
    try:
        for q in 5:
            pass
    except TypeError as e:
        out.append(str(e))
    return out


for line in unpack_errors():
    print(line)


class Base:
    def __init__(self, n):
        self.n = n

    def describe(self, depth):
        return "Base(%d)" % self.n

    def total(self, items):
        return sum(items)


class Derived(Base):
    def __init__(self, n):
        super().__init__(n * 10)
        self.extra = [super().describe(0)] * 2

    def describe(self, depth):
        if depth > 0:
            return "Derived>" + self.describe(depth - 1)
        return "Derived/" + super().describe(depth)

    def total(self, items):
        try:
            return super().total(items) + 1
        except TypeError as e:
            return "TypeError: " + str(e)


d = Derived(2)
print(d.n, d.extra, d.describe(2), d.total([1, 2]), d.total([1, "a"]))
