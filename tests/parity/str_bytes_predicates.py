# str and bytes predicates (isalpha, isspace, ...), bytes case mapping, bytes.removeprefix/removesuffix.
for s in ["", "abc", "ABC", "aB1", "123", " \t\n", "x y", "É", "\x1c", "Ab"]:
    print(repr(s), s.isdigit(), s.isalpha(), s.isalnum(), s.isspace(), s.isupper(), s.islower())
for s in [b"", b"abc", b"ABC", b"aB1", b"123", b" \t\n\x0b\x0c\r", b"x y", b"\xc3"]:
    for t in (s, bytearray(s)):
        print(repr(t), t.isdigit(), t.isalpha(), t.isalnum(), t.isspace(), t.isupper(), t.islower())
        print(t.removeprefix(b"a"), t.removesuffix(b"c"), t.removeprefix(b""), t.removesuffix(t))
try: b"a".isalpha(1)
except TypeError as e: print(e)
try: b"a".removeprefix()
except TypeError as e: print(e)
try: b"a".removesuffix("a")
except TypeError as e: print(e)
for s in [b"", b"hello world", b"HeLLo wORLD 9x", b"a1b2 c_d", b"\xe9t\xc9 ab", b"o'neil mc-d", b"  x"]:
    for t in (s, bytearray(s)):
        print(t.upper(), t.lower(), t.swapcase(), t.title(), t.capitalize())
