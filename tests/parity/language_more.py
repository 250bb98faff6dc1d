# More language: closures binding, slices, dict order, finally, string methods, formatting.
# closures late binding
fs = [lambda: i for i in range(3)]
print([f() for f in fs])
fs = [lambda i=i: i for i in range(3)]
print([f() for f in fs])
def append_to(x, acc=[]):
    acc.append(x)
    return acc
print(append_to(1), append_to(2))
# slicing assignment
l = list(range(10))
l[2:5] = ['a', 'b']
print(l)
l[::2] = [0] * len(l[::2])
print(l)
del l[1:3]
print(l, l[-3:], l[:-3], l[100:], l[-100:2])
# dict order after deletes
d = {i: i * i for i in range(10)}
for k in [3, 5, 7]:
    del d[k]
d[3] = 'x'
print(d, list(d), d.pop(0), d.popitem(), len(d))
d.update({'a': 1}, )
d.update([('b', 2)])
print(d.setdefault('c', []), d.get('zz', 'dflt'), sorted(k for k in d if isinstance(k, str)))
# try/finally semantics
def f():
    try:
        return 'try'
    finally:
        print('finally runs')
print(f())
def g():
    for i in range(3):
        try:
            if i == 1:
                continue
            if i == 2:
                break
        finally:
            print('fin', i)
    return i
print(g())
def h():
    try:
        raise ValueError('a')
    except ValueError:
        try:
            raise KeyError('b')
        except KeyError as e:
            return repr(e)
print(h())
# string methods
s = "  Hello, World!  "
print(s.strip().lower(), s.split(','), s.strip().split(', '), s.count('l'), s.find('World'), s.rfind('l'))
print("a-b-c".split('-', 1), "a-b-c".rsplit('-', 1), "abc".center(9, '*'), "7".zfill(3), "-7".zfill(4))
print("Title case words".title(), "CAPS".isupper(), "123".isdigit(), "abc".isalpha(), " ".isspace(), "ab".capitalize())
print("x".join("abc"), "a,b,,c".split(","), "".split(), "  a  b  ".split(None, 1), "abcabc".replace("b", "", 1))
print("line1\nline2\n".splitlines(), "k=v".partition("="), "abc".startswith(("x", "a")), "abc".endswith("bc"))
# formatting
print("%5.2f|%-5d|%05d|%x|%o|%e|%g|%r|%%" % (3.14159, 42, 42, 255, 8, 12345.678, 0.0001234, 'q'))
print("{:>8}|{:<8}|{:^8}|{:08.3f}|{:+d}|{:,}|{:.1%}|{:e}|{:b}".format("r", "l", "c", 3.14159, 5, 1234567, 0.256, 1500.0, 10))
print(f"{'nested ' + str(1)!s:>12}", f"{{literal}}", f"{1.5e20}", f"{1e-7}", f"{100.0}")
print(format(1e16), format(1e15), repr(1e15), str(123456789012345678.0), 1.5e300 * 1e10, -1e-320)
print(round(0.5), round(1.5), round(-0.5), round(2.675, 2), int(-0.9), 7 // -2, -7 // 2, 7 % -2, divmod(-7, 2))
print(0.1 * 3, 1 / 3, 2 / 3, 100 / 7, 1e22, 1e21, 123e-20, float('nan'), 5e-324, 1.7976931348623157e308)
# nested data
m = [[0] * 3 for _ in range(3)]
m[1][1] = 5
print(m, [row[1] for row in m], list(zip(*m)))
t = (1, [2, 3])
t[1].append(4)
print(t, t.count(1), t.index([2, 3, 4]), (1, 2) == (1, 2), (1, 2) < (1, 3), [1, 2] == [1, 2.0])
print(sorted([(2, 'b'), (1, 'z'), (2, 'a')]), sorted(['b', 'A', 'c'], key=str.lower) if False else sorted(['b', 'A', 'c']))
print(max([1, 5, 3], key=lambda v: -v), min('hello'), sum([0.1] * 10), any([0, '', None]), all([]))
# while/else, for/else with break
for n in range(2, 20):
    for k in range(2, n):
        if n % k == 0:
            break
    else:
        print(n, end=' ')
print()
x = 0
while x < 3:
    x += 1
    if x == 10:
        break
else:
    print('while-else', x)
# global/nonlocal counters
count = 0
def bump():
    global count
    count += 1
def make():
    c = 0
    def inner():
        nonlocal c
        c += 1
        return c
    return inner
bump(); bump()
i1 = make(); i1(); print(count, i1())
# unpacking
a, (b, c), *d = 1, (2, 3), 4, 5
print(a, b, c, d)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x, y, end='; ')
print()
print(*[1, 2, 3], sep='-', end='!\n')
def kw(*args, **kwargs):
    return args, sorted(kwargs.items())
print(kw(1, *[2, 3], a=1, **{'b': 2}))
print(isinstance(True, int), type(True) is bool, bool(0.0), 1 == True, hash(1) == hash(1.0), {1: 'a', True: 'b'})
print(chr(65), ord('a'), hex(255) if False else '', abs(-2.5), pow(2, 8), str(None), repr(None), str([None]))
