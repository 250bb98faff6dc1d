"""fractions: rational numbers, as CPython's Fraction over minipy's 64-bit ints.

A numerator or denominator that leaves 64 bits raises OverflowError (minipy has no big
integers). minipy hashes instances by identity, so equal Fractions are distinct dict keys.
"""

import math

_FLOAT_DIGITS = "0123456789"


def _float_ratio(x):
    if x != x:
        raise ValueError("cannot convert NaN to integer ratio")
    if x in (math.inf, -math.inf):
        raise OverflowError("cannot convert Infinity to integer ratio")
    m, e = math.frexp(x)
    while m != math.floor(m):
        m *= 2.0
        e -= 1
    n = int(m)
    d = 1
    if e > 0:
        n = n * 2 ** e
    else:
        d = 2 ** (0 - e)
    return n, d


def _parse(s):
    t = s.strip().replace("_", "")
    if not t:
        raise ValueError("Invalid literal for Fraction: " + repr(s))
    if "/" in t:
        num, _, den = t.partition("/")
        num = num.strip()
        den = den.strip()
        if not _is_int(num) or not _is_int(den) or den.startswith("-") or den.startswith("+"):
            raise ValueError("Invalid literal for Fraction: " + repr(s))
        return int(num), int(den)
    sign = 1
    if t[0] in "+-":
        if t[0] == "-":
            sign = -1
        t = t[1:]
    exp = 0
    low = t.lower()
    if "e" in low:
        t, _, e = low.partition("e")
        if not _is_int(e):
            raise ValueError("Invalid literal for Fraction: " + repr(s))
        exp = int(e)
    intpart, dot, frac = t.partition(".")
    if (not intpart and not frac) or (intpart and not _digits(intpart)) or (frac and not _digits(frac)):
        raise ValueError("Invalid literal for Fraction: " + repr(s))
    n = int(intpart + frac) if intpart + frac else 0
    d = 10 ** len(frac)
    if exp > 0:
        n = n * 10 ** exp
    elif exp < 0:
        d = d * 10 ** (0 - exp)
    return sign * n, d


def _digits(t):
    for c in t:
        if c not in _FLOAT_DIGITS:
            return False
    return len(t) > 0


def _is_int(t):
    if t[:1] in ("+", "-"):
        t = t[1:]
    return _digits(t)


class Fraction:
    """This class implements rational numbers."""

    def __init__(self, numerator=0, denominator=None):
        if denominator is None:
            t = type(numerator)
            if t is int or t is bool:
                n, d = int(numerator), 1
            elif isinstance(numerator, Fraction):
                n, d = numerator.numerator, numerator.denominator
            elif t is float:
                n, d = _float_ratio(numerator)
            elif t is str:
                n, d = _parse(numerator)
            else:
                raise TypeError("argument should be a string or a Rational instance")
        else:
            if isinstance(numerator, Fraction) or isinstance(denominator, Fraction):
                a = Fraction(numerator)
                b = Fraction(denominator)
                n = a.numerator * b.denominator
                d = a.denominator * b.numerator
            elif type(numerator) in (int, bool) and type(denominator) in (int, bool):
                n, d = int(numerator), int(denominator)
            else:
                raise TypeError("both arguments should be Rational instances")
        if d == 0:
            raise ZeroDivisionError("Fraction(%s, 0)" % n)
        g = math.gcd(n, d)
        if d < 0:
            g = 0 - g
        self.numerator = n // g
        self.denominator = d // g

    def as_integer_ratio(self):
        return (self.numerator, self.denominator)

    def limit_denominator(self, max_denominator=1000000):
        """Closest Fraction to self with denominator at most max_denominator."""
        if max_denominator < 1:
            raise ValueError("max_denominator should be at least 1")
        if self.denominator <= max_denominator:
            return Fraction(self)
        p0, q0, p1, q1 = 0, 1, 1, 0
        n, d = self.numerator, self.denominator
        while True:
            a = n // d
            q2 = q0 + a * q1
            if q2 > max_denominator:
                break
            p0, q0, p1, q1 = p1, q1, p0 + a * p1, q2
            n, d = d, n - a * d
        k = (max_denominator - q0) // q1
        if 2 * d * (q0 + k * q1) <= self.denominator:
            return Fraction(p1, q1)
        return Fraction(p0 + k * p1, q0 + k * q1)

    def __repr__(self):
        return "Fraction(%s, %s)" % (self.numerator, self.denominator)

    def __str__(self):
        if self.denominator == 1:
            return str(self.numerator)
        return "%s/%s" % (self.numerator, self.denominator)

    def _coerce(self, other):
        t = type(other)
        if isinstance(other, Fraction):
            return other
        if t is int or t is bool:
            return Fraction(other)
        return None

    def __add__(self, other):
        o = self._coerce(other)
        if o is None:
            if type(other) is float:
                return float(self) + other
            return NotImplemented_(self, other, "+")
        return Fraction(self.numerator * o.denominator + o.numerator * self.denominator,
                        self.denominator * o.denominator)

    def __radd__(self, other):
        if type(other) is float:
            return other + float(self)
        return self + other

    def __sub__(self, other):
        o = self._coerce(other)
        if o is None:
            if type(other) is float:
                return float(self) - other
            return NotImplemented_(self, other, "-")
        return Fraction(self.numerator * o.denominator - o.numerator * self.denominator,
                        self.denominator * o.denominator)

    def __rsub__(self, other):
        if type(other) is float:
            return other - float(self)
        return Fraction(other) - self

    def __mul__(self, other):
        o = self._coerce(other)
        if o is None:
            if type(other) is float:
                return float(self) * other
            return NotImplemented_(self, other, "*")
        return Fraction(self.numerator * o.numerator, self.denominator * o.denominator)

    def __rmul__(self, other):
        if type(other) is float:
            return other * float(self)
        return self * other

    def __truediv__(self, other):
        o = self._coerce(other)
        if o is None:
            if type(other) is float:
                return float(self) / other
            return NotImplemented_(self, other, "/")
        na, nb = self.numerator, o.numerator
        g = math.gcd(na, nb)
        if g > 1:
            na //= g
            nb //= g
        return Fraction(na * o.denominator, self.denominator * nb)

    def __rtruediv__(self, other):
        if type(other) is float:
            return other / float(self)
        return Fraction(other) / self

    def __floordiv__(self, other):
        o = self._coerce(other)
        if o is None:
            return float(self) // other
        return (self.numerator * o.denominator) // (self.denominator * o.numerator)

    def __rfloordiv__(self, other):
        if type(other) is float:
            return other // float(self)
        return Fraction(other) // self

    def __mod__(self, other):
        o = self._coerce(other)
        if o is None:
            return float(self) % other
        d = self.denominator * o.denominator
        return Fraction((self.numerator * o.denominator) % (o.numerator * self.denominator), d)

    def __rmod__(self, other):
        if type(other) is float:
            return other % float(self)
        return Fraction(other) % self

    def __pow__(self, b):
        if type(b) is int:
            if b >= 0:
                return Fraction(self.numerator ** b, self.denominator ** b)
            if self.numerator == 0:
                raise ZeroDivisionError("Fraction(%s, 0)" % (self.denominator ** (0 - b)))
            return Fraction(self.denominator ** (0 - b), self.numerator ** (0 - b))
        if isinstance(b, Fraction) and b.denominator == 1:
            return self ** b.numerator
        return float(self) ** float(b)

    def __rpow__(self, a):
        if self.denominator == 1 and self.numerator >= 0 and type(a) is int:
            return Fraction(a ** self.numerator)
        return float(a) ** float(self)

    def __pos__(self):
        return Fraction(self.numerator, self.denominator)

    def __neg__(self):
        return Fraction(0 - self.numerator, self.denominator)

    def __abs__(self):
        return Fraction(abs(self.numerator), self.denominator)

    def __int__(self):
        if self.numerator < 0:
            return 0 - ((0 - self.numerator) // self.denominator)
        return self.numerator // self.denominator

    def __trunc__(self):
        return self.__int__()

    def __floor__(self):
        return self.numerator // self.denominator

    def __ceil__(self):
        return 0 - ((0 - self.numerator) // self.denominator)

    def __round__(self, ndigits=None):
        if ndigits is None:
            floor, remainder = divmod(self.numerator, self.denominator)
            if remainder * 2 < self.denominator:
                return floor
            if remainder * 2 > self.denominator:
                return floor + 1
            if floor % 2 == 0:
                return floor
            return floor + 1
        shift = 10 ** abs(ndigits)
        if ndigits > 0:
            return Fraction(round(self * shift), shift)
        return Fraction(round(self / shift) * shift)

    def __float__(self):
        return self.numerator / self.denominator

    def __hash__(self):
        if self.denominator == 1:
            return hash(self.numerator)
        return hash(float(self))

    def __eq__(self, other):
        o = self._coerce(other)
        if o is None:
            if type(other) is float:
                if other != other or other in (math.inf, -math.inf):
                    return False
                return self == Fraction(other)
            return False
        return self.numerator == o.numerator and self.denominator == o.denominator

    def __ne__(self, other):
        return not self == other

    def _cmp(self, other, sym):
        o = self._coerce(other)
        if o is None:
            if type(other) is float:
                if other != other:
                    return None
                if other in (math.inf, -math.inf):
                    return (0.0, other)
                o = Fraction(other)
            else:
                raise TypeError("'%s' not supported between instances of 'Fraction' and '%s'"
                                % (sym, type(other).__name__))
        return (self.numerator * o.denominator, o.numerator * self.denominator)

    def __lt__(self, other):
        p = self._cmp(other, "<")
        return p is not None and p[0] < p[1]

    def __gt__(self, other):
        p = self._cmp(other, ">")
        return p is not None and p[0] > p[1]

    def __le__(self, other):
        p = self._cmp(other, "<=")
        return p is not None and p[0] <= p[1]

    def __ge__(self, other):
        p = self._cmp(other, ">=")
        return p is not None and p[0] >= p[1]

    def __bool__(self):
        return self.numerator != 0

    def __copy__(self):
        return self

    def __deepcopy__(self, memo):
        return self


def NotImplemented_(a, b, sym):
    raise TypeError("unsupported operand type(s) for %s: '%s' and '%s'"
                    % (sym, type(a).__name__, type(b).__name__))
