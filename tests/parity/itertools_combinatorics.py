# itertools.permutations, combinations, combinations_with_replacement and product:
# CPython's order, edge cases, argument errors, types, laziness and garbage collection.
import gc
import itertools
import weakref
from itertools import combinations, combinations_with_replacement, permutations, product


def show(label, it):
    print(label, list(it))


# Small cases, in CPython's order.
show("perm abc", permutations("abc"))
show("perm abcd 2", permutations("abcd", 2))
show("perm list 1", permutations([1, 2, 3], 1))
show("perm r=0", permutations("abc", 0))
show("perm r>n", permutations("ab", 3))
show("perm empty", permutations(""))
show("perm empty r=0", permutations([], 0))
show("perm empty r=1", permutations([], 1))
show("perm r=None", permutations("ab", None))
show("perm r kw", permutations("abc", r=2))
show("perm all kw", permutations(r=1, iterable="xy"))
show("perm bool r", permutations("ab", True))
show("perm dict", permutations({"k": 1, "j": 2}))
show("perm dup", permutations("aab", 2))
show("comb", combinations("abcde", 3))
show("comb r=0", combinations("abc", 0))
show("comb r=n", combinations(range(4), 4))
show("comb r>n", combinations(range(4), 5))
show("comb empty r=0", combinations([], 0))
show("comb empty r=1", combinations([], 1))
show("comb kw", combinations(r=2, iterable=[None, 1.5, "s"]))
show("cwr", combinations_with_replacement("abc", 2))
show("cwr r=0", combinations_with_replacement("abc", 0))
show("cwr r>n", combinations_with_replacement("ab", 3))
show("cwr empty r=0", combinations_with_replacement("", 0))
show("cwr empty r=2", combinations_with_replacement("", 2))
show("cwr one", combinations_with_replacement([7], 4))
show("prod", product("ab", range(3)))
show("prod repeat", product("01", repeat=3))
show("prod two repeat", product("ab", [1, 2], repeat=2))
show("prod none", product())
show("prod repeat=0", product("abc", repeat=0))
show("prod empty", product("ab", "", "cd"))
show("prod empty repeat=0", product("", repeat=0))
show("prod repeat bool", product("ab", repeat=True))
show("prod set", product({5}, (1, 2)))
show("prod big ints", product([10**30, -1], [2**70]))

# Against the recipes of CPython's documentation, over many sizes.
def r_product(*args, repeat=1):
    pools = [tuple(pool) for pool in args] * repeat
    result = [[]]
    for pool in pools:
        result = [x + [y] for x in result for y in pool]
    for prod in result:
        yield tuple(prod)


def r_permutations(iterable, r=None):
    pool = tuple(iterable)
    n = len(pool)
    r = n if r is None else r
    for indices in r_product(range(n), repeat=r):
        if len(set(indices)) == r:
            yield tuple(pool[i] for i in indices)


def r_combinations(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    for indices in r_permutations(range(n), r):
        if sorted(indices) == list(indices):
            yield tuple(pool[i] for i in indices)


def r_cwr(iterable, r):
    pool = tuple(iterable)
    n = len(pool)
    for indices in r_product(range(n), repeat=r):
        if sorted(indices) == list(indices):
            yield tuple(pool[i] for i in indices)


ok = True
counts = []
for n in range(6):
    pool = "abcdef"[:n]
    for r in range(n + 2):
        for native, recipe in [
            (permutations, r_permutations),
            (combinations, r_combinations),
            (combinations_with_replacement, r_cwr),
        ]:
            got = list(native(pool, r))
            if got != list(recipe(pool, r)):
                ok = False
                print("mismatch", native.__name__, n, r)
            counts.append(len(got))
    if list(permutations(pool)) != list(r_permutations(pool)):
        ok = False
    for rep in range(4):
        if list(product(pool, "xy", repeat=rep)) != list(r_product(pool, "xy", repeat=rep)):
            ok = False
            print("mismatch product", n, rep)
print("recipes agree:", ok)
print("counts:", counts)
print(len(list(permutations(range(7)))), len(list(combinations(range(20), 4))))
print(sum(1 for _ in product(range(4), repeat=5)), len(list(combinations_with_replacement(range(6), 5))))
print(list(map("".join, permutations("0123")))[-3:])

# Laziness: the iterables are consumed when the iterator is made, as CPython does.
def gen(tag, items):
    for x in items:
        print("  gen", tag, "yields", x)
        yield x


print("making permutations")
p = permutations(gen("p", [1, 2, 3]), 2)
print("made; first:", next(p))
print("making product")
q = product(gen("a", "xy"), gen("b", [0, 1]))
print("made; rest:", list(q))
print("making combinations")
c = combinations(gen("c", range(3)), 2)
print("made:", list(c))
print("repeat=0 leaves the iterables alone:", list(product(gen("r", [1]), 5, repeat=0)))
g = gen("g", [1, 2])
print("generator shared:", list(product(g, g)))

# Each item is a new tuple; the iterator is its own iterator and stays exhausted.
p = permutations([[0], [1]])
a = next(p)
b = next(p)
print(a, b, a is b, type(a).__name__)
a[0].append(9)
print(b, next(p, "end"), next(p, "end"), list(p))
p = product("ab")
print(iter(p) is p, next(p), list(p), list(p))

# Types, names, reprs.
for t in (permutations, combinations, combinations_with_replacement, product):
    print(t.__name__, t.__qualname__, t.__module__, t, t is getattr(itertools, t.__name__))
x = combinations("ab", 1)
print(type(x), type(x).__name__, type(x) is combinations, isinstance(x, combinations))
print(isinstance(x, permutations), isinstance(permutations("a"), permutations))
print(isinstance(product(), product), isinstance(combinations_with_replacement("", 0), combinations_with_replacement))
print(repr(product()).startswith("<itertools.product object at 0x"), repr(product()).endswith(">"))
print(repr(combinations_with_replacement("a", 1)).split(" at ")[0])
print(type(permutations("ab")) is permutations, str(type(product("a"))))
print({permutations: 1}[permutations], permutations("ab").__class__, permutations("ab").__next__())
print(int.__qualname__, int.__module__, type(iter([])).__module__, type(None).__qualname__)

# Errors, with CPython's messages.
tests = [
    "permutations()",
    "permutations('ab', 1, 2)",
    "permutations('ab', 'x')",
    "permutations('ab', 1.5)",
    "permutations('ab', -1)",
    "permutations('ab', r=-1)",
    "permutations('ab', x=1)",
    "permutations(1)",
    "permutations(1, 'x')",
    "permutations('ab', 10**30)",
    "permutations('ab', -10**30)",
    "permutations('ab', iterable='c')",
    "permutations(iterable='a', r=1, x=2)",
    "permutations(iterable='ab', x=1)",
    "permutations(r=1)",
    "permutations('ab', 'x', r=2)",
    "permutations('ab', r=1, **{'r': 2})",
    "combinations()",
    "combinations('ab')",
    "combinations('ab', 'x')",
    "combinations('ab', 1.5)",
    "combinations('ab', None)",
    "combinations('ab', -1)",
    "combinations(1, 2)",
    "combinations(1, -1)",
    "combinations(1, 'x')",
    "combinations('ab', 10**30)",
    "combinations('ab', -10**30)",
    "combinations('ab', 1, 2)",
    "combinations('ab', r=1, x=2)",
    "combinations('ab', x=1)",
    "combinations('ab', iterable='c')",
    "combinations(iterable='a', r=1, x=2)",
    "combinations_with_replacement()",
    "combinations_with_replacement('ab')",
    "combinations_with_replacement('ab', 'x')",
    "combinations_with_replacement('ab', -1)",
    "combinations_with_replacement(1, 1)",
    "combinations_with_replacement('ab', 1, 2)",
    "combinations_with_replacement('ab', 10**30)",
    "combinations_with_replacement('ab', x=1)",
    "product(repeat=-1)",
    "product(1, repeat=-1)",
    "product(repeat='x')",
    "product(1, repeat='x')",
    "product(repeat=1.5)",
    "product('ab', repeat=None)",
    "product(repeat=10**30)",
    "product(['a'], repeat=2**62)",
    "product(x=1)",
    "product(repeat=-1, x=2)",
    "product('a', repeat=2, x=3)",
    "product(1)",
    "product('ab', 1)",
    "product('ab', repeat=1, **{'repeat': 2})",
    "len(permutations('ab'))",
    "permutations('ab')[0]",
    "product().x",
    "permutations.x",
]
for t in tests:
    try:
        r = eval(t)
        print(t, "->", list(r))
    except Exception as e:
        print(t, "!!", type(e).__name__, e)

# The collector sees what the iterators hold: a cycle through one is collected.
class Node:
    pass


for make in (
    lambda n: permutations([n, 1]),
    lambda n: combinations([n], 1),
    lambda n: combinations_with_replacement([n, 2], 2),
    lambda n: product([n], "ab", repeat=2),
):
    n = Node()
    n.it = make(n)
    first = next(n.it)
    r = weakref.ref(n)
    del n, first
    gc.collect()
    print("collected:", r() is None)
n = Node()
p = product([n], repeat=3)
r = weakref.ref(n)
del n
gc.collect()
print("alive while the iterator holds it:", r() is not None, next(p)[0] is r())
list(p)
gc.collect()
print("kept after exhaustion:", r() is not None)
del p
gc.collect()
print("freed with it:", r() is None)

# str.join over the items (problem_024's `map("".join, permutations(...))`).
print(list(map("".join, permutations("abc", 2))))
print(list(map("-".join, product("ab", repeat=2))), "-".join([]), "ab".join(("x",)))
print(", ".join(["é", "ü", "x"]), "".join(c for c in "gen"), "|".join({"k": 1}))
for bad in (["a", 1], ("a", "b", None), (c for c in [b"x"]), 5):
    try:
        "".join(bad)
    except TypeError as e:
        print("TypeError", e)


class BadIter:
    def __iter__(self):
        raise TypeError("from __iter__")


def failing():
    yield "a"
    raise TypeError("inside")


for bad in (BadIter(), failing()):
    try:
        "".join(bad)
    except TypeError as e:
        print("TypeError", e)
