# The math module: values, special cases and CPython's error messages.
import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
xs = [0.0, -0.0, 0.5, 1, 2, 3.7, -2.5, 10, 1e-300, 1e200, 123456789, -7, 1.0000001, 0.99, 1e9, -1e-9, 300.0, 1e17, 5e-324]
names = ["sqrt", "sin", "cos", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
         "asinh", "acosh", "atanh", "exp", "exp2", "expm1", "log1p", "cbrt", "fabs",
         "degrees", "radians", "ulp", "log", "log2", "log10", "floor", "ceil", "trunc",
         "isnan", "isinf", "isfinite", "modf", "frexp"]
for name in names:
    f = getattr(math, name)
    out = []
    for x in (xs if name not in ("floor", "ceil", "trunc") else xs[:9] + xs[10:]) + [math.inf, -math.inf, math.nan, True]:
        try:
            out.append(repr(f(x)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(name, out)
for name in ["factorial", "isqrt"]:
    f = getattr(math, name)
    out = []
    for x in [0, 1, 5, 20, 13, -3, 2.0, True, "x", None]:
        try:
            out.append(repr(f(x)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(name, out)

pairs = [(2, 3), (2.0, -1), (0.0, -1), (-8, 1 / 3), (10, 400), (1.5, 2.5), (-3, 2),
         (0.0, 0.0), (5, math.inf), (math.inf, 2), (math.nan, 0), (1, math.nan),
         (-1, math.inf), (7, -0.0), (-7.5, 2), (1e308, 10)]
for name in ["pow", "atan2", "copysign", "fmod", "remainder", "hypot", "log", "nextafter"]:
    f = getattr(math, name)
    out = []
    for x, y in pairs:
        try:
            out.append(repr(f(x, y)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(name, out)

print(math.hypot(), math.hypot(3), math.hypot(3, 4), math.hypot(1, 2, 3, 4, 5))
print(math.hypot(1e-320, 1e-320), math.hypot(1e308, 1e308), math.hypot(math.inf, math.nan))
print(math.dist((1, 2), (4, 6)), math.dist([0.1, 0.2, 0.3], [1, 2, 3]))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100, 1e-100, 1e50, -1.0, -1e50]))
print(math.fsum([1e-16, 1, 1e16]), math.fsum([]), math.fsum(range(10)), math.fsum([math.inf, 1]))
print(math.gcd(), math.gcd(12), math.gcd(12, 18), math.gcd(-12, 18, 27), math.gcd(0, 0))
print(math.lcm(), math.lcm(4, 6), math.lcm(-4, 6, 10), math.lcm(0, 5))
print(math.comb(10, 3), math.comb(5, 7), math.comb(60, 30), math.perm(5), math.perm(5, 2), math.perm(3, 5))
print(math.factorial(0), math.factorial(20), math.isqrt(0), math.isqrt(99), math.isqrt(2 ** 62))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([1.5, 2]), math.prod([2, 3], start=10))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0.0, 1e-12, abs_tol=1e-9))
print(math.isclose(math.inf, math.inf), math.isclose(math.inf, 1e308), math.isclose(1, 1.05, rel_tol=0.1))
print(math.ldexp(0.5, 3), math.ldexp(1.0, -1074), math.ldexp(1.0, -1080), math.ldexp(3.0, 1023 - 2), math.ldexp(-0.0, 5))
print(math.frexp(1e-310), math.frexp(-8.0), math.modf(-3.0), math.modf(-0.0), math.modf(2.75))
print(math.floor(-2.5), math.ceil(-2.5), math.trunc(-2.5), math.floor(7), type(math.floor(2.0)).__name__)

tests = [
    ('math.sqrt(-1)', lambda: math.sqrt(-1)),
    ('math.log(0)', lambda: math.log(0)),
    ('math.log(-1.5)', lambda: math.log(-1.5)),
    ('math.log(10, 1)', lambda: math.log(10, 1)),
    ('math.exp(1000)', lambda: math.exp(1000)),
    ('math.pow(0, -1)', lambda: math.pow(0, -1)),
    ('math.pow(-8, 1/3)', lambda: math.pow(-8, 1/3)),
    ('math.pow(10, 400)', lambda: math.pow(10, 400)),
    ('math.acos(2)', lambda: math.acos(2)),
    ('math.fmod(1, 0)', lambda: math.fmod(1, 0)),
    ('math.fmod(math.inf, 1)', lambda: math.fmod(math.inf, 1)),
    ('math.ldexp(1.0, 5000)', lambda: math.ldexp(1.0, 5000)),
    ('math.ldexp(1.0, 1.5)', lambda: math.ldexp(1.0, 1.5)),
    ('math.factorial(-1)', lambda: math.factorial(-1)),
    ('math.factorial(5.0)', lambda: math.factorial(5.0)),
    ('math.comb(-1, 2)', lambda: math.comb(-1, 2)),
    ('math.comb(1, -2)', lambda: math.comb(1, -2)),
    ('math.perm(-1)', lambda: math.perm(-1)),
    ('math.perm(3, -1)', lambda: math.perm(3, -1)),
    ('math.isqrt(-1)', lambda: math.isqrt(-1)),
    ('math.isqrt(2.0)', lambda: math.isqrt(2.0)),
    ('math.gcd(1.5)', lambda: math.gcd(1.5)),
    ("math.sqrt('x')", lambda: math.sqrt('x')),
    ("math.floor('a')", lambda: math.floor('a')),
    ("math.trunc('a')", lambda: math.trunc('a')),
    ('math.isnan(None)', lambda: math.isnan(None)),
    ("math.fsum([1, 'a'])", lambda: math.fsum([1, 'a'])),
    ('math.fsum(1)', lambda: math.fsum(1)),
    ('math.fsum([math.inf, -math.inf])', lambda: math.fsum([math.inf, -math.inf])),
    ('math.fsum([1e308, 1e308])', lambda: math.fsum([1e308, 1e308])),
    ('math.ceil(math.nan)', lambda: math.ceil(math.nan)),
    ('math.floor(math.inf)', lambda: math.floor(math.inf)),
    ('math.sqrt()', lambda: math.sqrt()),
    ('math.floor(1, 2)', lambda: math.floor(1, 2)),
    ('math.log()', lambda: math.log()),
    ('math.log(1, 2, 3)', lambda: math.log(1, 2, 3)),
    ('math.atan2(1)', lambda: math.atan2(1)),
    ('math.pow(1)', lambda: math.pow(1)),
    ('math.comb(1)', lambda: math.comb(1)),
    ('math.perm()', lambda: math.perm()),
    ('math.perm(1, 2, 3)', lambda: math.perm(1, 2, 3)),
    ('math.isclose(1)', lambda: math.isclose(1)),
    ('math.isclose(1, 2, 3)', lambda: math.isclose(1, 2, 3)),
    ('math.isclose(1, 2, rel_tol=-1)', lambda: math.isclose(1, 2, rel_tol=-1)),
    ('math.prod()', lambda: math.prod()),
    ('math.dist((1,), (1, 2))', lambda: math.dist((1,), (1, 2))),
    ('math.dist(1, 2)', lambda: math.dist(1, 2)),
    ("math.hypot('a')", lambda: math.hypot('a')),
    ('math.copysign(1)', lambda: math.copysign(1)),
    ('math.sin(math.inf)', lambda: math.sin(math.inf)),
    ('math.cosh(1000)', lambda: math.cosh(1000)),
    ('math.atanh(1)', lambda: math.atanh(1)),
]
for src, f in tests:
    try:
        print(src, "->", f())
    except Exception as e:
        print(src, "->", type(e).__name__, e)

# gamma and lgamma are CPython's own Lanczos code: the same bits.
x = 0.987654321
vals = [0.0, -0.0, 1, 2, 3, 0.5, -0.5, -1, -2.5, 1e-25, -1e-25, 5, 23, 24, 100.5, 141.3, 171.5, 172, 200.5, -200.5, 1e300, -1e300, math.inf, -math.inf, math.nan, 4.99, 5.01, -170.5, -140.2]
for i in range(60):
    x = (x * 3.7 + 0.31) % 1.0
    vals.append((x - 0.3) * 60)
for f in (math.gamma, math.lgamma):
    out = []
    for v in vals:
        try:
            out.append(repr(f(v)))
        except Exception as e:
            out.append(type(e).__name__ + ": " + str(e))
    print(out)
