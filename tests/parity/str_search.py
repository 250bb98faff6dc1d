print("a\r\nb\rc\x0bd\x0ce\x1cf\x85g\u2028h\n\nlast".splitlines())
print("a\r\nb\rc\n".splitlines(True), "".splitlines(), "\n".splitlines(keepends=True))
print("hello world".find("o", 5), "hello world".find("o", 5, 7), "hello".rfind("l", 0, 3), "hello".find("l", -2))
print("hello".count("l", 3), "héllo".find("l", 2), "héllo".rindex("l"), "abc".find("", 10), "abc".count("", 1))
for args in [("z",), ("l", 0, 2)]:
    try:
        "hello".index(*args)
    except ValueError as e:
        print("ValueError", e)
try:
    "abc".find("a", "x")
except TypeError as e:
    print("TypeError", e)
# Format widths beyond 100,000 are honoured.
print(len(format(1, '200000')), len(f"{'x':>150000}"), len('%150000d' % 5))
try:
    format(1, '99999999999999999999')
except ValueError as e:
    print('ValueError', e)
