# Plain functions of the shapes the bytecode VM compiles (interp/vm), against CPython.
counter = 0


def bump(n):
    global counter
    counter += n
    return counter


def unbound(flag):
    if flag:
        x = 1
    return x


def chain(a, b, c):
    return a < b < c, a < b > c, a == b == c


def loops(n):
    out = []
    i = 0
    while i < n:
        i += 1
        if i == 2:
            continue
        if i == 7:
            break
        out.append(i)
    else:
        out.append("while-else")
    for j in range(3):
        for k in range(3):
            if k == 1:
                break
            out.append((j, k))
        else:
            out.append("never")
    for j in range(2):
        pass
    else:
        out.append("for-else")
    return out


def unpack(seq):
    a, b = seq
    return b, a


def kw(a, b=2, *, c=3):
    return a + b * c


def calls():
    return kw(1), kw(1, c=10), kw(b=5, a=1), kw(1, 2, c=4), max(3, 9, key=lambda_free)


def lambda_free(x):
    return -x


class Box:
    def __init__(self, v):
        self.v = v
        self.items = [1, 2, 3]

    def grow(self, by):
        self.v += by
        self.items[0] += by
        self.items[1:2] = [by, by]
        return self.v, self.items[::-1], self.items[1:]


def logic(a, b):
    return (a and b), (a or b), (not a), (a if b else "no"), -a, ~a


def raiser(kind):
    if kind == 1:
        raise ValueError("one")
    if kind == 2:
        raise KeyError
    assert kind != 3, "three"
    assert kind != 4
    return {"k": kind, kind: [kind]}


def bad_unpack(x):
    a, b, c = x
    return a


def early(xs):
    for x in xs:
        if x > 2:
            return x
    return None


print(bump(3), bump(4), counter)
print(unbound(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
print(chain(1, 2, 3), chain(3, 2, 1), chain(2, 2, 2))
print(loops(10))
print(unpack((1, 2)), unpack([3, 4]), unpack("ab"))
print(calls())
b = Box(5)
print(b.grow(2), b.v, b.items)
print(logic(0, 1), logic(5, 0))
for k in range(1, 6):
    try:
        print(raiser(k))
    except Exception as e:
        print(type(e).__name__, e)
for x in [(1, 2), (1, 2, 3, 4), [1, 2, 3], iter(range(10))]:
    try:
        print(bad_unpack(x))
    except ValueError as e:
        print("ValueError", e)
print(early([1, 2, 3, 4]), early([]))
try:
    kw()
except TypeError as e:
    print("TypeError", e)
try:
    kw(1, 2, 3)
except TypeError as e:
    print("TypeError", e)


def deep(n):
    return deep(n + 1)


try:
    deep(0)
except RecursionError as e:
    print("RecursionError", e)


def comps(xs, n):
    x = "outer"
    squares = [x * x for x in xs if x % 2]
    pairs = [(i, j) for i in range(n) for j in range(i) if (i + j) % 2]
    evens = {x % 3 for x in xs}
    table = {k: v for k, v in zip("abc", xs)}
    nested = [[y + n for y in range(x)] for x in range(3)]
    return x, squares, pairs, sorted(evens), table, nested


print(comps([1, 2, 3, 4, 5], 4))
try:
    comps([1, None], 2)
except TypeError as e:
    print("TypeError", e)
