# fractions: Fraction arithmetic, comparisons, conversions and errors.
from fractions import Fraction

a = Fraction(3, 4)
b = Fraction(-6, 8)
print(a, b, repr(a), Fraction(5), Fraction(), Fraction(10, -4), Fraction(a), Fraction(1, 3).numerator, Fraction(2, 6).denominator)
print(Fraction("3/7"), Fraction(" -1.25 "), Fraction("2e3"), Fraction("1.5e-2"), Fraction(0.5), Fraction(1.1), Fraction(-3.75))
print(a + b, a - b, a * b, a / b, a + 1, 1 + a, a - 2, 2 - a, a * 3, 3 * a, a / 2, 2 / a)
print(a + 0.5, 0.5 + a, a * 1.5, a // Fraction(1, 3), 7 // a, a % Fraction(1, 3), a ** 2, a ** -2, a ** 0.5, 2 ** Fraction(2))
print(-a, +a, abs(b), int(Fraction(-7, 2)), float(a), round(Fraction(5, 2)), round(Fraction(7, 2)), round(Fraction(22, 7), 2))
print(a == Fraction(6, 8), a == 0.75, a == 1, Fraction(2) == 2, a < 1, a > b, a <= 0.75, b >= -1, a < 0.8, min(a, Fraction(1)), max(1, a))
print(sorted([Fraction(1, 2), Fraction(1, 3), Fraction(2, 3), 0.4]), sum([Fraction(1, 3)] * 3), bool(Fraction(0)), bool(a))
print(Fraction(3.141592653589793).limit_denominator(1000), Fraction(1, 3).limit_denominator(2), a.as_integer_ratio())
tests = [("zero", lambda: Fraction(1, 0)), ("str", lambda: Fraction("x")), ("type", lambda: Fraction([1])),
         ("float den", lambda: Fraction(1, 2.0)), ("div0", lambda: a / 0), ("cmp", lambda: a < "x"),
         ("add", lambda: a + "x"), ("pow0", lambda: Fraction(0) ** -1), ("limit", lambda: a.limit_denominator(0))]
for name, f in tests:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
