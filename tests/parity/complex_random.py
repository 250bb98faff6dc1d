# Random complex arithmetic and cmath calls (a seeded Mersenne Twister, the same in minipy):
# every result must be bit-identical to CPython's (compared by repr).
import cmath
import random

random.seed(12345)
def r():
    k = random.random()
    if k < 0.1:
        return random.choice([0.0, -0.0, 1.0, -1.0, 2.0, 0.5])
    return random.uniform(-10, 10) * 10 ** random.randint(-5, 5)
lines = 0
for i in range(100):
    a = complex(r(), r()); b = complex(r(), r())
    n = random.randint(-120, 120)
    out = []
    for f in (lambda: a + b, lambda: a - b, lambda: a * b, lambda: a / b, lambda: a ** b,
              lambda: a ** n, lambda: a ** (n / 7), lambda: abs(a), lambda: hash(a),
              lambda: cmath.sqrt(a), lambda: cmath.exp(a), lambda: cmath.log(a), lambda: cmath.log10(a),
              lambda: cmath.sin(a), lambda: cmath.cos(a), lambda: cmath.tan(a), lambda: cmath.sinh(a),
              lambda: cmath.cosh(a), lambda: cmath.tanh(a), lambda: cmath.atan(a), lambda: cmath.atanh(a),
              lambda: cmath.acos(a), lambda: cmath.asin(a), lambda: cmath.acosh(a), lambda: cmath.asinh(a),
              lambda: cmath.polar(a), lambda: cmath.rect(a.real, a.imag), lambda: complex(repr(a)) == a):
        try:
            out.append(repr(f()))
        except Exception as e:
            out.append(type(e).__name__)
    print(" ".join(out))
