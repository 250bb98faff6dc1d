# Constant folding (minipy folds constants once after parsing, as CPython 3.11's AST optimizer
# does): folded expressions have the values they have at run time, and operations CPython
# leaves unfolded (too large, or raising) still run, with the same results and errors.

# Unary operators on constants, negative literals.
print(-5, +5, ~5, -0, -0.0, +-3, --3, ~-1, -(-(2)))
print(~True, -True, +True, ~False, not 0, not 1, not '', not 'a', not (), not (0,), not None)
print(-9223372036854775808, -(9223372036854775807 + 1), -(2 ** 63), ~(2 ** 63))
print(-1.5e308, -float('inf') if False else -1e309, not 0.0, not 0j, not 1j)
print(type(-True).__name__, type(not 5).__name__, type(~False).__name__)

# Binary operators on numbers.
print(1 + 2 * 3 - 4 // 3 % 2, 7 / 2, 7 // -2, -7 % 3, 7 % -3, 2 ** 10, 2 ** -1, (-2) ** 3)
print(1.5 + 2, 3 - 0.5, 2.5 * 4, 1 / 3, 7.5 // 2, -7.5 % 2, 2.0 ** 0.5, 10 ** -2)
print(0xff & 0x0f, 0xf0 | 0x0f, 0xff ^ 0x0f, 1 << 10, 1024 >> 3, -1 >> 100, 5 >> 64)
print(True + True, True * 3, True & False, True | False, True ^ True, False - 1)
print(2 ** 64, 2 ** 63 - 1 + 1, 9223372036854775807 * 2, 1 << 127, -(1 << 127) - 1)
print(12345678901234567890 * 10, 2 ** 64 // 3, 2 ** 64 % 1000, -(2 ** 64) // 7)
print(10 ** 38, 10 ** 39, (10 ** 20) ** 2, 3 ** 80)

# Complex numbers.
print(1 + 2j, 1 - 2j, -(1 + 2j), +(2j), 2j * 2j, (1 + 2j) * (3 - 1j), (1 + 2j) / 2)
print(1j ** 2, (1 + 1j) ** 3, 2 - 0j, -0j, 0j - 0, (1 + 2j).real, (3 - 4j).imag)
print(abs(3 + 4j), 1.5 + 2.5j, -(0.0 + 0j), 1e308j * 10)

# Strings and bytes.
print('ab' + 'cd', 'ab' * 3, 3 * 'xy', 'a' * 0, 'a' * -2, '' * 1000, 'é' * 3)
print(b'ab' + b'c', b'ab' * 3, 2 * b'z', b'' * 7, b'a' * -1)
print(len('ab' * 2048), len('a' * 4096), len('abc' * 1366), len(b'ab' * 2048))
print('%s and %d' % ('x', 5), '%05.1f' % 2.25, '%%' % ())

# Tuples: constant, nested, with folded members.
print((), (1,), (1, 2), (1, (2, 3), ('a', (b'b', None))), (-1, 2 ** 3, 'a' * 2, 1 + 1j))
print((1, 2) + (3,), (1, 2) * 2, 2 * (0,), (1,) * 0, () * 5, ((1, 2),) * 2)
print(len((1, 2) * 128), len((1,) * 256), len((1, 2, 3, 4) * 64), len(((1, 2), 3) * 100))
t = (1, 2, (3, 4))
print(t, t[2], t[2][1], type(t).__name__, type(t[2]).__name__, t == (1, 2, (3, 4)))
print((1, 2) < (1, 3), (1, 2) == (1, 2.0), hash((1, 2)) == hash((1, 2)))

# Subscripts of constants.
print('abc'[1], 'abc'[-1], 'abc'[True], 'héllo'[1], b'abc'[0], b'abc'[-1], (5, 6, 7)[1])
print((1, (2, 3))[1], (1, (2, 3))[1][0], ('a', 'b')[False], 'abc'[1:], (1, 2, 3)[::2])

# `in` and `not in` with list, tuple and set displays.
x = 2
print(x in [1, 2, 3], x in (1, 2, 3), x in {1, 2, 3}, x not in [4, 5], x not in {4, 5})
print('a' in ['a', 'b'], 'c' in ('a', 'b'), 2.0 in [1, 2], True in {1}, None in [None])
print((1, 2) in [(1, 2), (3, 4)], (1, 2) in {(1, 2)}, [1] in [[1], [2]], [1] in ([1],))
print(not (x in [1, 2]), not (x not in [1, 2]), not (x is None), not (x is not None))
print(x in [x, 3], x in {x, 3}, x in [1, 2 ** 70], 3 in [1, 2 + 1])
print(2 < x in [1, 2], 1 < x < 3, 1 in [1] in [[1]])
for y in [1, 2, 3]:
    print('list', y, end=' ')
for y in (4, 5):
    print('tuple', y, end=' ')
for y in [x, x + 1]:
    print('names', y, end=' ')
print()
for y in {30, 10, 20, 8, 16, 0, 1}:
    print(y, end=' ')
print()
for y in {2.5, -1, (1, 2), 17, 33, 49, 65}:
    print(y, end=' ')
print()
print([v * 2 for v in [1, 2, 3]], [v for v in {9, 1, 17}], {v for v in (3, 1, 2)})
print(list(v for v in [4, 5, 6] if v > 4), {k: k for k in [1, 2]}, sum(v for v in {1, 2}))
print({3, 1, 2}, {17, 1, 9, 25}, {(1, 2), (0, 0), 5}, {2 ** 3, 8.0, 3})

# Identity where CPython and minipy agree.
a = (1, 2)
print(a is a, a[0] is a[0], 'a' + 'b' == 'ab')


def same():
    return (1, 2, 3)


print(same() == same(), same() is same())

# Docstrings: a folded string as a body's first statement is not a docstring.


def f():
    'a' 'b'


def g():
    'a' + 'b'


class C:
    'x' * 2


class D:
    'doc'


print(f.__doc__, g.__doc__, C.__doc__, D.__doc__)

# `__debug__` is a constant True.
print(__debug__, not __debug__, __debug__ + 1)
if __debug__:
    print('debug')
