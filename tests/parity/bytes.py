# bytes and bytearray: literals, repr, sequence operations, constructors, codecs, hex, int
# conversions, bytearray mutation, and CPython's error messages.


def attempt(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# Literals: escapes, raw literals, joining adjacent literals, quote choice in repr.
print(b"ab", b'a"b', b"a'b", b"a'\"b", rb"\n\x41", Rb"x", bR"\\", br'\'')
print(b"\x00\x7f\x80\xff\t\n\r\\", b"\101\0\777"[:2], b"\u1234", b"\N{DASH}")
print(b"con" b"cat" rb"\d", b"""tri
ple""", b"", len(b"\x00" * 3))
print(repr(b"'"), repr(b'"'), repr(b"'\""), str(b"x"), f"{b'y'}", "%s|%r" % (b"z", b"w"))
print(bytearray(b"ab"), bytearray(), repr(bytearray(b"'")), str(bytearray(b"q")))
print(type(b""), type(bytearray()), type(b"") is bytes, bytes, bytearray)

# Sequence behaviour.
b = b"hello world"
print(b[0], b[-1], b[1:4], b[::-1], b[::2], b[100:], b[-3:], len(b))
print(list(b"abc"), [x for x in b"xy"], tuple(bytearray(b"\x01\x02")))
print(104 in b, b"lo w" in b, b"" in b, b"zz" in b, bytearray(b"wor") in b)
print(b"ab" + b"cd", b"ab" * 3, 2 * b"x", b"ab" * -1, b"ab" + bytearray(b"c"))
print(bytearray(b"ab") + b"cd", bytearray(b"ab") * 2, type(bytearray(b"a") + b"b"))
print(b"abc" == b"abc", b"abc" == bytearray(b"abc"), b"a" == "a", b"a" != "a")
print(b"abc" < b"abd", b"ab" < b"abc", b"b" > b"abc", b"ab" <= b"ab", b"\xff" > b"\x7f")
print(bytearray(b"a") < b"b", b"a" >= bytearray(b"a"), sorted([b"b", b"a", b"ab"]))
print(bool(b""), bool(b"\x00"), bool(bytearray()), min(b"zab"), max(b"zab"), sum(b"\x01\x02"))
d = {b"k": 1, "k": 2}
print(d, d[b"k"], b"k" in {b"k"}, len({b"a", b"a", "a"}))
print(hash(b"abc") == hash("abc"), hash(b"\xe9") == hash("\xe9"), hash(b"") == hash(""))
print(hash(b"x") == hash(b"x"), isinstance(b"", bytes), isinstance(bytearray(), bytes))
print(b"abc".__len__() if hasattr(b"", "__len__") else 3, iter(b"ab").__next__())

# Constructors.
print(bytes(), bytes(3), bytes([65, 66, 0]), bytes((1, 2)), bytes(range(3)), bytes(b"ab"))
print(bytes(bytearray(b"x")), bytes("hé", "utf-8"), bytes("abc", "ascii"), bytes("é", "latin-1"))
print(bytearray(3), bytearray([1, 2]), bytearray(b"ab"), bytearray("ä", "utf-8"), bytes(x for x in [7]))
print(bytes("x", encoding="utf-8"), bytes(0), bytearray(bytearray(b"c")), bytes([True]))

# Codecs.
print("hé€😀".encode(), "hé".encode("utf-8"), "hé".encode("latin-1"), "abc".encode("ascii"))
print("x".encode("UTF8"), "x".encode("utf_8"), "é".encode("Latin1"), "é".encode("iso-8859-1"))
print("a€b".encode("ascii", "replace"), "a€b".encode("ascii", "ignore"), "a€b".encode("latin-1", "replace"))
print("a€b".encode("ascii", "backslashreplace"), "a😀".encode("latin-1", "backslashreplace"))
print("a€b".encode("ascii", "xmlcharrefreplace"), "a€".encode(errors="strict"), "x".encode(encoding="ascii"))
print(b"h\xc3\xa9".decode(), b"h\xc3\xa9".decode("utf-8"), b"h\xe9".decode("latin-1"), b"ab".decode("ascii"))
print(b"a\xffb".decode("utf-8", "replace"), b"a\xffb".decode("utf-8", "ignore"), b"a\xffb".decode("ascii", "replace"))
print(b"a\xffb".decode("utf-8", "backslashreplace"), bytearray(b"\xc3\xa9").decode(), str(b"ab", "ascii"))
print(repr(b"\xe2\x82".decode("utf-8", "replace")), b"\xed\xa0\x80".decode("utf-8", "replace"))
print(str(b"x", encoding="utf-8"), str(bytearray(b"y"), "latin-1"))

# hex / fromhex.
print(b"\x00\xab\xff".hex(), b"".hex(), bytearray(b"\x10").hex(), b"abc".hex(":"), b"abcd".hex("-", 2))
print(bytes.fromhex("00 ab FF"), bytes.fromhex(""), bytearray.fromhex("4142"), bytes.fromhex(" 41  42 "))

# int.from_bytes / int.to_bytes.
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"), int.from_bytes(b"", "big"))
print(int.from_bytes(b"\xff", "big", signed=True), int.from_bytes(b"\xff" * 9, "little"), int.from_bytes([1, 2], "big"))
print(int.from_bytes(b"\x80" + b"\x00" * 9, "big", signed=True), int.from_bytes(b"\x01\x02", byteorder="little"))
print((1).to_bytes(2, "big"), (258).to_bytes(2, "little"), (-1).to_bytes(2, "big", signed=True), (0).to_bytes(0, "big"))
print((2 ** 70).to_bytes(9, "little"), (-2 ** 70).to_bytes(10, "big", signed=True), (255).to_bytes(1, byteorder="big"))
print((65).to_bytes(), (1000).to_bytes(length=2), int.from_bytes(b"\x05"))

# Methods shared with str.
print(b"a,b,,c".split(b","), b" a  b ".split(), b"a b".split(None, 0), b"x".join([b"a", bytearray(b"b"), b"c"]))
print(b"abc".startswith(b"ab"), b"abc".endswith(b"bc"), b"abc".startswith((b"x", b"a")), b"abcb".find(b"b"), b"abcb".rfind(b"b"))
print(b"abcb".find(99), b"abcb".index(b"c"), b"abcb".count(b"b"), b"  x ".strip(), b"xxaxx".strip(b"x"), b"abc".upper(), b"ABC".lower())
print(b"a-b".replace(b"-", b"+"), b"a".ljust(3), b"a".rjust(3, b"*"), b"a".center(4), b"1".zfill(3), b"ab".isalpha(), b"12".isdigit())
print(b"a\nb".splitlines(), b"a b".partition(b" "), b"a b c".rsplit(b" ", 1), b"abc".lstrip(b"a"), b"abc".rstrip(b"c"))
print(b"Hello".swapcase(), b"hello world".title(), b"hello".capitalize(), b"ab".isupper(), b"  ".isspace(), b"a1".isalnum())
print(b"abc".removeprefix(b"a"), b"abc".removesuffix(b"c"), b"x".islower(), b"abcabc".rindex(b"a"), b"a\tb".expandtabs(4))
print(b"abc".find(b"", 3), b"abc".find(b"", 4), b"abc".find(b"b", 2, 1), b"abcb".find(b"b", -2), b"abc".count(b""))
print(b"abc".startswith(b"", 5), b"abc".startswith(b"", 3), b"abc".endswith(b"c", 0, 2), b"abc".startswith(b"b", 1))
print(b"abc".rfind(b"", 1, 2), b"abc".count(b"", 2, 1), b"a".replace(b"", b"-"), b"aaa".replace(b"a", b"b", 2))

# bytearray mutation.
a = bytearray(b"hello")
a[0] = 72
a[-1] = ord("O")
print(a, a[0], a[1:3])
a[1:3] = b"EL"
print(a)
a[1:3] = b""
print(a)
a[0:0] = [1, 2]
print(a)
a[::2] = b"xyz"
print(a)
a.append(33)
a.extend(b"??")
a.extend([65, 66])
a.extend(bytearray(b"!"))
print(a, len(a))
del a[0]
del a[-2:]
print(a, a.pop(), a.pop(0), a)
a.insert(1, 0x5F)
a.remove(ord("y"))
a.reverse()
print(a, a.copy(), a.index(ord("z")))
a += b"++"
print(a)
a *= 2
print(a)
a.clear()
print(a, len(a))
c = bytearray(b"abc")
e = c
c += b"d"
print(e is c, e)
for x in bytearray(b"ab"):
    print(x, end=" ")
print()

# Errors.
attempt(lambda: b"a" + "b")
attempt(lambda: "a" + b"b")
attempt(lambda: b"a" + 1)
attempt(lambda: b"a"[5])
attempt(lambda: bytearray(b"a")[5])
key = "x"
attempt(lambda: b"a"[key])
attempt(lambda: b"a" < "a")
attempt(lambda: "a" in b"abc")
attempt(lambda: 256 in b"abc")
attempt(lambda: -1 in bytearray(b"abc"))
attempt(lambda: 1.0 in b"abc")
attempt(lambda: bytes(-1))
attempt(lambda: bytes([256]))
attempt(lambda: bytes([-1]))
attempt(lambda: bytes(["a"]))
attempt(lambda: bytes("abc"))
attempt(lambda: bytes(1.5))
attempt(lambda: bytes("é", "ascii"))
attempt(lambda: bytes(b"x", "utf-8"))
attempt(lambda: bytearray("x"))
attempt(lambda: "é".encode("ascii"))
attempt(lambda: "a€b".encode("latin-1"))
attempt(lambda: "x".encode("nope"))
attempt(lambda: "x".encode("ascii", "nope"))
attempt(lambda: b"\xff".decode())
attempt(lambda: b"a\xe9b".decode("ascii"))
attempt(lambda: b"\xc3".decode("utf-8"))
attempt(lambda: b"\xc3(".decode("utf-8"))
attempt(lambda: b"x".decode("nope"))
attempt(lambda: bytes.fromhex("0g"))
attempt(lambda: bytes.fromhex("abc"))
attempt(lambda: bytes.fromhex(b"ab"))
attempt(lambda: (256).to_bytes(1, "big"))
attempt(lambda: (-1).to_bytes(1, "big"))
attempt(lambda: (1).to_bytes(1, "middle"))
attempt(lambda: (1).to_bytes(-1, "big"))
attempt(lambda: (128).to_bytes(1, "big", signed=True))
attempt(lambda: int.from_bytes(b"x", "wrong"))
attempt(lambda: int.from_bytes("x", "big"))
attempt(lambda: hash(bytearray(b"x")))
attempt(lambda: {bytearray(): 1})
attempt(lambda: b"abc".index(b"z"))
attempt(lambda: b"x".split(""))
attempt(lambda: b"x".join(["a"]))
attempt(lambda: b"x".startswith("x"))
attempt(lambda: b"x" * 1.5)


def setitem(obj, i, v):
    obj[i] = v


def setslice(obj, v):
    obj[0:1] = v


attempt(lambda: setitem(b"x", 0, 1))
attempt(lambda: setitem(bytearray(b"x"), 0, 256))
attempt(lambda: setitem(bytearray(b"x"), 0, -1))
attempt(lambda: setitem(bytearray(b"x"), 0, b"a"))
attempt(lambda: setitem(bytearray(b"x"), 3, 1))
attempt(lambda: setslice(bytearray(b"x"), 5))
attempt(lambda: setslice(bytearray(b"x"), "ab"))
attempt(lambda: setslice(bytearray(b"x"), [300]))
attempt(lambda: bytearray(b"x").append(256))
attempt(lambda: bytearray(b"x").append(b"a"))
attempt(lambda: bytearray(b"x").extend(5))
attempt(lambda: bytearray(b"x").extend("ab"))
attempt(lambda: bytearray().pop())
attempt(lambda: bytearray(b"x").remove(5))
attempt(lambda: b"x".append(1))


def assign_step(a):
    a[::2] = b"q"


attempt(lambda: assign_step(bytearray(b"abcd")))

# sys.intern (pyperformance's btree.py interns the strings it stores next to its bytes).
import sys

s = sys.intern("ab" + "c")
print(s, s is sys.intern("abc"), type(s).__name__)
attempt(lambda: sys.intern(b"abc"))

# Edge cases: bounds, separators, maxsplit, codecs' ranges, slices of every shape.
tests = [
    lambda: b"".center(-5), lambda: b"abc".hex("", 1), lambda: b"abcde".hex(":", 0),
    lambda: b"abcde".hex(":", -2), lambda: b"abcde".hex(b"-", 3), lambda: bytearray().pop(5),
    lambda: bytearray(b"ab").pop(5), lambda: int.from_bytes(b"", "little", signed=True),
    lambda: (0).to_bytes(0, "big", signed=True), lambda: (-1).to_bytes(0, "big", signed=True),
    lambda: (-128).to_bytes(1, "big", signed=True), lambda: (-129).to_bytes(1, "big", signed=True),
    lambda: b"abc"[::0], lambda: b"a".split(b"a"), lambda: b"".split(), lambda: b" a b ".rsplit(None, 0),
    lambda: b" a b c ".rsplit(None, 1), lambda: b"a\tb".expandtabs(-1), lambda: b"\t".expandtabs(0),
    lambda: b"abc".center(6, b"*"), lambda: b"abc".center(7, b"*"), lambda: b"ab".center(5),
    lambda: b"-5".zfill(4), lambda: b"a\r\nb\rc\n".splitlines(True), lambda: b"a\r\nb\rc\n".splitlines(),
    lambda: b"abc".rpartition(b"x"), lambda: b"a,b,c".rsplit(b",", 1), lambda: b"aXbXc".split(b"X", 1),
    lambda: bytes.fromhex("a b"), lambda: bytes.fromhex("\t41\n"), lambda: b"ab".decode(errors="ignore"),
    lambda: b"\xff".decode("latin1"), lambda: "é".encode("LATIN-1"), lambda: b"\xf0\x9f\x98".decode(),
    lambda: b"\xf0\x9f\x98".decode("utf-8", "replace"), lambda: b"\xe0\x80".decode(),
    lambda: b"\xf5".decode(), lambda: b"a\x80\x80b".decode("utf-8", "backslashreplace"),
    lambda: "aé€".encode("ascii"), lambda: "é€x€".encode("latin-1", "xmlcharrefreplace"),
    lambda: bytes(range(250, 260)), lambda: bytearray(x for x in (1, 2)), lambda: b"ab" * True,
    lambda: bytes.fromhex("41").hex(), lambda: b"abc".index(98, 0, 1), lambda: b"abc".count(b"b", 5),
    lambda: b"ABC".title(), lambda: b"hello WORLD 1a".title(), lambda: b"aBc".swapcase(),
    lambda: b"".isupper(), lambda: b"A1".isupper(), lambda: b"abc".endswith((b"c",), -1),
    lambda: str(b"\xe9", "ascii", "replace"), lambda: str(1, "utf-8"), lambda: b"%s" * 2,
    lambda: [x for x in reversed(bytearray(b"ab"))], lambda: bytes(b"abc"[1:]) is not None,
]
for t in tests:
    attempt(t)
a = bytearray(b"abcdef")
a[::-1] = b"uvwxyz"; print(a)
del a[::-2]; print(a)
a[5:1] = b"Q"; print(a)
a[-100:1] = b""; print(a)
a[100:] = b"end"; print(a)
