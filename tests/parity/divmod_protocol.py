# divmod(): __divmod__/__rdivmod__, real numbers, and CPython's errors (complex included).
class D:
    def __divmod__(self, o): return ("divmod", o)
    def __rdivmod__(self, o): return ("rdivmod", o)
class N:
    def __divmod__(self, o): return NotImplemented
for a, b in [(7, 2), (-7, 2), (7.5, -2), (10**20, 7), (True, 3), (1j, 1), (1, 1j), ("a", 1),
             (1, "a"), ([1], 2), (D(), 1), (1, D()), (N(), 1), (7, 0), (7.0, 0.0)]:
    try:
        print(divmod(a, b))
    except Exception as e:
        print(type(e).__name__, e)
from fractions import Fraction
print(divmod(Fraction(7, 2), 1), divmod(7, Fraction(2, 3)))
