# Complex numbers: literals, the constructor, repr/str, attributes, truth, type.
print(1j, 2.5j, 1e3j, 0j, 00j, 1_000j, 1E-3J)
print(-1j, +1j, -(1 + 2j), 1 + 2j, 1 - 2j, -0.0 - 1j)
print(repr(complex(-0.0, -1)), repr(complex(0.0, -0.0)), str(complex(-0.0, 0.0)))
print(complex(1e300, 1), complex(float("nan"), float("inf")), complex(1, float("-inf")))
print(complex(1e16, 1e-7), complex(0.1, 123456789.0), complex(1.5, -2.25))
print(complex(), complex(2), complex(2.5), complex(1, 2), complex(real=3, imag=4))
print(complex(True, False), complex(1j), complex(1j, 1j), complex(1 + 2j, 3 + 4j))
print(complex(imag=2), complex(10**20, 1), complex(-0.0))
z = 3 + 4j
print(z.real, z.imag, z.conjugate(), type(z.real).__name__)
print(abs(z), abs(-3j), abs(complex(1e308, 1e308)), abs(complex(float("inf"), float("nan"))))
print(bool(0j), bool(1j), bool(complex(0, 0)), bool(complex(0.0, -0.0)), bool(1e-300j))
print(type(z).__name__, type(z), complex, complex.__class__, z.__class__)
print(isinstance(z, complex), isinstance(1, complex), isinstance(1.0, complex))
print(isinstance(z, (int, float)), isinstance(z, (complex, str)))
print(type(1j) is complex, complex.__name__)

# Strings, as CPython parses them.
for s in ["1+2j", " ( 1-j ) ", "j", "-J", "+j", "1e3j", "1E-3-1e3J", "-inf+nanj",
          "infj", "nan", "1_0j", "(1+2j)", "3", "  4.5  ", "1e500j", "-1e500-1e500j",
          ".5j", "5.j", "\t1+1j\n", "1+1j ", "Infinity-INFINITYj"]:
    print(repr(s), complex(s))
for s in ["", "garbage", "1+2", "(1+2j", "1+2j)", "1e", "j1", "1__0j", "_1j", "1_j",
          "()", "1+2jj", "1 + 2j", "((1+2j))", "1+-2j", "++1j", "1j+1", "nanj1", "\x00"]:
    try:
        print(repr(s), complex(s))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)

# Bad arguments.
for args in [("1", 2), (1, "x"), (None,), (b"1",), ([1],), (1, None), ("1j", "2")]:
    try:
        print(complex(*args))
    except TypeError as e:
        print(type(e).__name__, e)
for kw in [{"real": 1, "x": 2}, {"imag": "1"}]:
    try:
        print(complex(**kw))
    except TypeError as e:
        print(type(e).__name__, e)
try:
    complex(1, real=2)
except TypeError as e:
    print(type(e).__name__, e)
try:
    complex(10**400)
except OverflowError as e:
    print(type(e).__name__, e)

# Conversions that refuse complex numbers.
for f in [int, float, round]:
    try:
        f(1j)
    except TypeError as e:
        print(type(e).__name__, e)

# Numbers' real, imag and conjugate.
print((5).real, (5).imag, (5).conjugate(), True.real, True.imag, True.conjugate())
print((2.5).real, (2.5).imag, (2.5).conjugate(), (10**30).real, (10**30).imag)
print((-7).numerator, (-7).denominator, type((3).imag).__name__, type((3.0).imag).__name__)
try:
    (1j).conjugate(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    (1j).real = 2
except AttributeError as e:
    print(type(e).__name__)

# Complex numbers are atomic for copy.
import copy
z = 1 - 1j
print(copy.copy(z) is z, copy.deepcopy([z, {2j: z}]), copy.deepcopy(z) == z)

# Objects convert through __complex__, __float__ or __index__.
from fractions import Fraction
class C:
    def __complex__(self): return 1+2j
class F:
    def __float__(self): return 2.5
class I:
    def __index__(self): return 7
class Bad:
    def __complex__(self): return 1
class BadF:
    def __float__(self): return 1
for a in [(Fraction(1,2),), (C(),), (F(),), (I(),), (Bad(),), (1, C()), (C(), F()), (F(), I()), (BadF(),), (1, BadF())]:
    try:
        print(repr(complex(*a)))
    except Exception as e:
        print(type(e).__name__, e)
