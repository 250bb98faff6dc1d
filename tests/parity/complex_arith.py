# Complex arithmetic with CPython's algorithms: results compared by repr (bit for bit).
import sys

vals = [0j, 1j, -1j, 1 + 2j, 3 - 4j, -2.5 + 0.5j, 1e300 + 1e300j, 1e-300 - 1e-300j,
        complex(0.0, -0.0), complex(-0.0, 0.0), 7, -3, 0, 2.5, -0.0, True, 10**20]
ops = [("+", lambda a, b: a + b), ("-", lambda a, b: a - b), ("*", lambda a, b: a * b),
       ("/", lambda a, b: a / b), ("**", lambda a, b: a ** b)]
for a in vals:
    for b in vals:
        if not isinstance(a, complex) and not isinstance(b, complex):
            continue
        row = []
        for sym, f in ops:
            try:
                row.append(repr(f(a, b)))
            except Exception as e:
                row.append(type(e).__name__ + ": " + str(e))
        print(repr(a), repr(b), " | ".join(row))

# Integer powers use repeated squaring up to 100, the general formula beyond.
z = 1.1 + 0.3j
for n in [0, 1, 2, 3, 7, 10, 50, 100, 101, -1, -2, -100, -101, 0.5, -0.5, 2.0, 1j, 1 + 1j]:
    print(n, repr(z ** n))
print(repr((1 + 1j) ** 1e300 if False else 0), repr(1j ** 1e300), repr(1j ** 2), repr(1j ** 3))
print(repr(2 ** 0.5j), repr(2.5 ** (1 - 1j)), repr((-8) ** (1 / 3)), repr((-8.0) ** 0.5))
print(repr((-1) ** 0.5), repr((-2.5) ** -1.5), repr(pow(-4, 0.25)))
for a, b in [(0j, -1), (0j, 1j), (0j, -1.5), (0, -1j), (1e300 + 0j, 2), (1e200j, 3),
             (2 + 0j, 10000.5), (1j, 10**400), (1 + 1j, 0), (0j, 0), (0j, 2)]:
    try:
        print(repr(a), repr(b), repr(a ** b))
    except Exception as e:
        print(repr(a), repr(b), type(e).__name__, e)
try:
    pow(1j, 2, 3)
except ValueError as e:
    print(type(e).__name__, e)

# Division by zero and the operators complex numbers do not have.
for a, b in [(1j, 0), (1j, 0j), (1, 0j), (0j, 0.0), (1j, -0.0)]:
    try:
        print(a / b)
    except ZeroDivisionError as e:
        print(type(e).__name__, e)
for expr in ["1j // 1", "1j % 1", "2 // 1j", "2.0 % 1j", "1j << 1",
             "1j & 1", "~1j", "1j + 'a'", "'a' + 1j", "[1] * 1j", "1j < 2j", "1j > 1",
             "2 <= 1j", "1j >= 1.0", "sorted([2j, 1j])"]:
    try:
        print(expr, eval(expr))
    except TypeError as e:
        print(expr, type(e).__name__, e)

# Equality with ints, floats and complex numbers; hashing as CPython.
print(1 + 0j == 1, 1j == 1j, 1j != 1j, 1 == 1 + 0j, 1.5 + 0j == 1.5, 1j == 1, 0j == 0)
print(complex(10**20, 0) == 10**20, complex(1e20, 0) == 10**20 + 1, 0j == False, 1j == "1j")
print(complex(float("nan"), 0) == complex(float("nan"), 0), 1j in [1, 2, 1j], 1j == None)
for z in [0j, 1j, -1j, 1 + 1j, 1.5 - 2.5j, complex(1e300, -1e-300), complex(-0.0, 0.0),
          complex(2, 0), complex(0, -1), complex(10**17, 3), complex(float("inf"), 1),
          complex(0.1, 0.2), complex(-1, 0), complex(-1, -1)]:
    print(repr(z), hash(z))
print(hash(complex(2, 0)) == hash(2), hash(complex(1.5, 0)) == hash(1.5))
d = {1: "int", 1j: "imag", 2.0: "float"}
d[1 + 0j] = "complex one"
d[complex(2, 0)] = "complex two"
print(d, {1j, 1j, 2j, complex(0, 1)}, len({0j, 0, 0.0, -0.0, complex(-0.0, -0.0)}))

# Mixed-type sums and in-place operators.
acc = 0
for k in range(1, 6):
    acc += k * 1j
    acc *= 1 - 0.5j
print(acc, sum([1j, 2, 3.5, -1j]), sum([0.5j] * 10), -acc, +acc)
try:
    1j + 10**400
except OverflowError as e:
    print(type(e).__name__, e)
print(repr(1j * float("inf")), repr(complex(float("inf"), 0) * 0), repr(1j / 1e-320))
print(1.7976931348623157e+308 * 1j, (1 + 1j) / (1e-320 + 1e-320j), repr(1 / (1e308 + 1e308j)))
