# The cmath module: CPython's algorithms and special values, compared by repr.
import cmath
import math

print(cmath.pi, cmath.e, cmath.tau, cmath.inf, cmath.nan, cmath.infj, cmath.nanj)
print(cmath.pi == math.pi, type(cmath.infj).__name__)

inf, nan = float("inf"), float("nan")
parts = [0.0, -0.0, 1.0, -1.0, 0.5, -2.5, 1e-310, -3e-320, 1e300, -1e308, 710.0, -710.0,
         inf, -inf, nan]
samples = [complex(x, y) for x in parts for y in parts]
samples += [1 + 1j, 0.75 + 0.66j, 3 - 4j, -8, 2, 0, 1e-5j, 1j, -1j, 10**20, True, 0.5]
names = ["sqrt", "exp", "log", "log10", "cosh", "sinh", "tanh", "cos", "sin", "tan",
         "atanh", "atan", "acos", "asin", "acosh", "asinh"]
for z in samples:
    row = []
    for name in names:
        try:
            row.append(repr(getattr(cmath, name)(z)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__)
    for f in [cmath.phase, cmath.polar, cmath.isnan, cmath.isinf, cmath.isfinite]:
        try:
            row.append(repr(f(z)))
        except (ValueError, OverflowError) as e:
            row.append(type(e).__name__)
    print(repr(z), " ".join(row))

# rect, including its special values.
for r in [0.0, -0.0, 1.0, -2.0, inf, -inf, nan]:
    for phi in [0.0, -0.0, 1.0, -0.5, math.pi, inf, -inf, nan]:
        try:
            print(r, phi, repr(cmath.rect(r, phi)))
        except ValueError as e:
            print(r, phi, type(e).__name__, e)

# Logarithms to a base.
for z, base in [(8, 2), (1j, 1j), (100, 10), (-1, 2), (0, 2), (2, 1), (1j, 0), (1 + 1j, 2 - 1j),
                (0, 0)]:
    try:
        print(z, base, repr(cmath.log(z, base)))
    except ValueError as e:
        print(z, base, type(e).__name__, e)

# isclose.
print(cmath.isclose(1 + 1j, 1 + 1.0000000001j), cmath.isclose(1j, 1.1j),
      cmath.isclose(1j, 1.1j, rel_tol=0.2), cmath.isclose(0j, 1e-12j, abs_tol=1e-9),
      cmath.isclose(complex(inf, 0), complex(inf, 0)), cmath.isclose(nan, nan),
      cmath.isclose(a=1, b=1), cmath.isclose(1e308 + 1e308j, 1e308 + 1e308j))

# Errors.
for src in ["cmath.sqrt('x')", "cmath.sqrt(1, 2)", "cmath.sqrt()", "cmath.exp(x=1)",
            "cmath.exp(1000)", "cmath.exp(complex(1, inf))", "cmath.cosh(1000 + 1j)",
            "cmath.log()", "cmath.log(1, 2, 3)", "cmath.log(1, 'x')", "cmath.rect(1j, 1)",
            "cmath.rect(1)", "cmath.phase(10**400)", "cmath.sqrt(None)", "cmath.sqrt(b'1')",
            "cmath.isclose(1)", "cmath.isclose(1, 2, 3)", "cmath.isclose(1, 2, rel_tol=-1)",
            "cmath.isclose(1, 2, tol=1)", "cmath.polar(complex(1e308, 1e308))",
            "cmath.atanh(1)", "cmath.atanh(-1)", "cmath.log(0j)", "cmath.sinh(complex(inf, inf))",
            "cmath.acos()", "cmath.asinh(1, 2)", "cmath.acosh(z=1)", "cmath.asin('x')",
            "cmath.acos(10**400)", "cmath.acosh(True)", "cmath.acos(1e308+1e308j)",
            "cmath.asin(-1e308-0j)", "cmath.acosh(complex(-1e308, -0.0))",
            "cmath.asinh(complex(-1e308, -0.0))", "cmath.acos(complex(1e308, -0.0))",
            "cmath.asinh(complex(-0.0, -1e308))"]:
    try:
        print(src, repr(eval(src)))
    except Exception as e:
        print(src, type(e).__name__, e)

# The real asinh (glibc's ranges, by the high word) at the edges of its ranges, as acos, acosh
# and asinh use it.
for base in [2.0 ** 28, 2.0, 2.0 ** -28]:
    for x in [base, math.nextafter(base, 0.0), math.nextafter(base, inf), base * (1 + 2 ** -21),
              base * (1 + 2 ** -20), base * (1 - 2 ** -22)]:
        print(repr(x), repr(math.asinh(x)), repr(math.asinh(-x)), repr(cmath.asinh(x)),
              repr(cmath.acos(complex(0.5, x))), repr(cmath.acosh(complex(x, 1.0))))
