# Argument conversion of builtins and native modules: the shared converters (CPython's
# PyNumber_Index / __index__, Py_ssize_t, C int, PyFloat_AsDouble, slice indices), with
# their messages for big ints, bools, __index__ objects and wrong types.
import cmath
import gc
import itertools
import math
import random
import sys


class I:
    def __init__(self, v):
        self.v = v

    def __index__(self):
        return self.v


class BadI:
    def __index__(self):
        return "x"


class F:
    def __float__(self):
        return 2.5


class BadF:
    def __float__(self):
        return 1


big = 10**30


def show(label, f):
    try:
        r = f()
        if hasattr(r, "__next__"):
            r = list(itertools.islice(r, 4))
        print(label, "->", repr(r))
    except Exception as e:
        print(label, "!", type(e).__name__, e)


vals = [
    ("True", True),
    ("big", big),
    ("-big", -big),
    ("I(3)", I(3)),
    ("I(big)", I(big)),
    ("BadI", BadI()),
    ("2.0", 2.0),
    ("'x'", "x"),
    ("-1", -1),
]

cases = [
    ("math.factorial", lambda x: math.factorial(x)),
    ("math.isqrt", lambda x: math.isqrt(x)),
    ("math.comb(x, 1)", lambda x: math.comb(x, 1)),
    ("math.comb(5, x)", lambda x: math.comb(5, x)),
    ("math.perm(x, 2)", lambda x: math.perm(x, 2)),
    ("math.perm(5, x)", lambda x: math.perm(5, x)),
    ("math.gcd(x, 6)", lambda x: math.gcd(x, 6)),
    ("math.lcm(x, 6)", lambda x: math.lcm(x, 6)),
    ("math.sqrt", lambda x: math.sqrt(x)),
    ("math.fsum", lambda x: math.fsum([x, 1])),
    ("math.hypot", lambda x: math.hypot(x, 0)),
    ("math.isclose rel_tol", lambda x: math.isclose(1.0, 1.0, rel_tol=x)),
    ("cmath.sqrt", lambda x: cmath.sqrt(x)),
    ("cmath.rect", lambda x: cmath.rect(x, 0)),
    ("itertools.permutations", lambda x: itertools.permutations("ab", x)),
    ("itertools.combinations", lambda x: itertools.combinations("ab", x)),
    ("itertools.cwr", lambda x: itertools.combinations_with_replacement("ab", x)),
    ("itertools.product", lambda x: itertools.product("ab", repeat=x)),
    ("gc.collect", lambda x: gc.collect(x) >= 0),
    ("gc.get_objects", lambda x: len(gc.get_objects(x)) >= 0),
    ("sys.set_int_max_str_digits", lambda x: sys.set_int_max_str_digits(x)),
    ("str.zfill", lambda x: "ab".zfill(x)),
    ("str.center", lambda x: "ab".center(x, "*")),
    ("str.split", lambda x: "a b c".split(None, x)),
    ("str.find start", lambda x: "abcb".find("b", x)),
    ("list.insert", lambda x: [1, 2].insert(x, 0)),
    ("list.pop", lambda x: [1, 2, 3].pop(x)),
    ("list.index start", lambda x: [1, 2, 1].index(1, x)),
    ("tuple.index start", lambda x: (1, 2, 1).index(1, x)),
    ("chr", lambda x: chr(x)),
    ("hex", lambda x: hex(x)),
    ("bin", lambda x: bin(x)),
    ("round ndigits", lambda x: round(1.25, x)),
    ("int base", lambda x: int("11", x)),
    ("range", lambda x: range(x)),
    ("bytes.split", lambda x: b"a b c".split(None, x)),
    ("bytes.zfill", lambda x: b"ab".zfill(x)),
    ("bytes.hex sep", lambda x: b"abc".hex(":", x)),
    ("bytes.find start", lambda x: b"abcb".find(b"b", x)),
    ("bytearray.pop", lambda x: bytearray(b"abc").pop(x)),
    ("bytearray.insert", lambda x: bytearray(b"ab").insert(x, 65)),
    ("int.to_bytes", lambda x: (1).to_bytes(x, "big")),
    ("bytes([x])", lambda x: bytes([x])),
    ("random.getrandbits", lambda x: random.getrandbits(x) >= 0),
    ("slice start", lambda x: [1, 2, 3][x:]),
    ("slice stop", lambda x: "abc"[:x]),
    ("slice step", lambda x: [1, 2, 3][::x]),
]

for name, f in cases:
    for vname, v in vals:
        show(f"{name}({vname})", lambda: f(v))

sys.set_int_max_str_digits(4300)

show("math.sqrt(F())", lambda: math.sqrt(F()))
show("math.sqrt(BadF())", lambda: math.sqrt(BadF()))
show("math.comb(big, big - 1)", lambda: math.comb(big, big - 1))
show("math.perm(big, 3)", lambda: math.perm(big, 3))
show("math.comb(big, 3)", lambda: math.comb(big, 3))
show("math.comb(-big, 3)", lambda: math.comb(-big, 3))
show("math.comb(3, -big)", lambda: math.comb(3, -big))
show("gc.collect(-1)", lambda: gc.collect(-1))
show("gc.collect(3)", lambda: gc.collect(3))
show("gc.get_objects(-1)", lambda: len(gc.get_objects(-1)) > 0)
show("gc.get_objects(-2)", lambda: gc.get_objects(-2))
show("gc.get_objects(3)", lambda: gc.get_objects(3))
show("gc.set_threshold(2**33)", lambda: gc.set_threshold(2**33))
show("gc.set_threshold(-2**33)", lambda: gc.set_threshold(-2**33))
show("gc.set_threshold(big)", lambda: gc.set_threshold(big))
show("gc.set_debug(big)", lambda: gc.set_debug(big))
show("sys.setrecursionlimit(big)", lambda: sys.setrecursionlimit(big))
show("sys.setrecursionlimit(0)", lambda: sys.setrecursionlimit(0))
show("sys.setrecursionlimit(-2**40)", lambda: sys.setrecursionlimit(-(2**40)))
show("sys.setrecursionlimit(I(900))", lambda: sys.setrecursionlimit(I(900)))
print(sys.getrecursionlimit())
sys.setrecursionlimit(1000)
show("'ab'.find('', big)", lambda: "ab".find("", big))
show("'ab'.find('', -big)", lambda: "ab".find("", -big))
show("[1][::-2**63]", lambda: [1][:: -(2**63)])
show("round(15, I(-1))", lambda: round(15, I(-1)))

# Module functions' count and keyword checks (one shared checker).
for label, f in [
    ("math.sqrt()", lambda: math.sqrt()),
    ("math.sqrt(1, 2)", lambda: math.sqrt(1, 2)),
    ("math.sqrt(x=1)", lambda: math.sqrt(x=1)),
    ("math.comb(1)", lambda: math.comb(1)),
    ("math.perm()", lambda: math.perm()),
    ("math.perm(1, 2, 3)", lambda: math.perm(1, 2, 3)),
    ("cmath.sqrt()", lambda: cmath.sqrt()),
    ("cmath.sqrt(x=1)", lambda: cmath.sqrt(x=1)),
    ("gc.is_tracked()", lambda: gc.is_tracked()),
    ("sys.intern()", lambda: sys.intern()),
    ("sys.intern(1)", lambda: sys.intern(1)),
    ("bytes.fromhex(1)", lambda: bytes.fromhex(1)),
    ("(1).to_bytes(1, 1)", lambda: (1).to_bytes(1, 1)),
    ("b'a'.decode(1)", lambda: b"a".decode(1)),
    ("str(b'a', 1)", lambda: str(b"a", 1)),
]:
    show(label, f)

# str arguments: Argument Clinic's `replace() argument 1 must be str`, `ensure_unicode`'s bare
# `must be str` (the substring of find, count, partition).
for label, f in [
    ("'ab'.replace(1, 'a')", lambda: "ab".replace(1, "a")),
    ("'ab'.replace('a', 1)", lambda: "ab".replace("a", 1)),
    ("'ab'.find(1)", lambda: "ab".find(1)),
    ("'ab'.rindex(1)", lambda: "ab".rindex(1)),
    ("'ab'.count(1)", lambda: "ab".count(1)),
    ("'ab'.partition(1)", lambda: "ab".partition(1)),
]:
    show(label, f)
