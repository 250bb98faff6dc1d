"""array: typed arrays of numbers, as CPython's array module (no 'u', no bytes methods).

An array keeps its items in a list, each converted and range-checked for its typecode on the
way in ('f' items are rounded to single precision), with CPython's error messages.
"""

import _minipy

typecodes = "bBuhHiIlLqQfd"

_INT_LIMITS = {
    "b": (-128, 127, 1, "signed char is less than minimum", "signed char is greater than maximum"),
    "B": (0, 255, 1, "unsigned byte integer is less than minimum",
          "unsigned byte integer is greater than maximum"),
    "h": (-32768, 32767, 2, "signed short integer is less than minimum",
          "signed short integer is greater than maximum"),
    "H": (0, 65535, 2, "unsigned short is less than minimum", "unsigned short is greater than maximum"),
    "i": (-2147483648, 2147483647, 4, "signed integer is less than minimum",
          "signed integer is greater than maximum"),
    "I": (0, 4294967295, 4, "can't convert negative value to unsigned int",
          "unsigned int is greater than maximum"),
    "l": (-9223372036854775807 - 1, 9223372036854775807, 8, "Python int too large to convert to C long",
          "Python int too large to convert to C long"),
    "L": (0, 9223372036854775807, 8, "can't convert negative value to unsigned int",
          "Python int too large to convert to C unsigned long"),
    "q": (-9223372036854775807 - 1, 9223372036854775807, 8, "int too big to convert",
          "int too big to convert"),
    "Q": (0, 9223372036854775807, 8, "can't convert negative int to unsigned", "int too big to convert"),
}


def _conv_float(v):
    t = type(v)
    if t is float:
        return v
    if t is int or t is bool:
        return float(v)
    raise TypeError("must be real number, not " + type(v).__name__)


def _conv_f32(v):
    return _minipy.f32(_conv_float(v))


def _make_int_conv(tc):
    lo, hi, size, low_msg, high_msg = _INT_LIMITS[tc]

    def conv(v):
        t = type(v)
        if t is not int:
            if t is bool:
                v = int(v)
            else:
                raise TypeError("'" + type(v).__name__ + "' object cannot be interpreted as an integer")
        if v < lo:
            raise OverflowError(low_msg)
        if v > hi:
            raise OverflowError(high_msg)
        return v
    return conv


_CONV = {"d": _conv_float, "f": _conv_f32}
_SIZE = {"d": 8, "f": 4}
for _tc in _INT_LIMITS:
    _CONV[_tc] = _make_int_conv(_tc)
    _SIZE[_tc] = _INT_LIMITS[_tc][2]


class array:
    """array(typecode [, initializer]) -> array"""

    # Sequence patterns of `match` take it (CPython's Py_TPFLAGS_SEQUENCE).
    __minipy_match__ = "sequence"

    def __init__(self, typecode, initializer=None):
        if not isinstance(typecode, str) or len(typecode) != 1:
            raise TypeError("array() argument 1 must be a unicode character, not "
                            + type(typecode).__name__)
        if typecode not in _CONV:
            raise ValueError("bad typecode (must be b, B, u, h, H, i, I, l, L, q, Q, f or d)")
        self.typecode = typecode
        self.itemsize = _SIZE[typecode]
        self._conv = _CONV[typecode]
        if initializer is None:
            self._a = []
        elif isinstance(initializer, array):
            if initializer.typecode == typecode:
                self._a = list(initializer._a)
            else:
                conv = self._conv
                self._a = [conv(x) for x in initializer._a]
        else:
            conv = self._conv
            self._a = [conv(x) for x in initializer]

    def _new(self, items):
        a = _minipy.new_instance(array)
        a.typecode = self.typecode
        a.itemsize = self.itemsize
        a._conv = self._conv
        a._a = items
        return a

    def __len__(self):
        return len(self._a)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self._new(self._a[i])
        try:
            return self._a[i]
        except IndexError:
            raise IndexError("array index out of range")

    def __setitem__(self, i, v):
        if isinstance(i, slice):
            self._set_slice(i, v)
            return
        v = self._conv(v)
        try:
            self._a[i] = v
        except IndexError:
            raise IndexError("array assignment index out of range")

    def _set_slice(self, s, v):
        if not isinstance(v, array):
            raise TypeError('can only assign array (not "' + type(v).__name__ + '") to array slice')
        if v.typecode != self.typecode:
            raise TypeError("bad argument type for built-in operation")
        if s.indices(len(self._a))[2] != 1:
            size = len(range(len(self._a))[s])
            if len(v._a) != size:
                raise ValueError("attempt to assign array of size " + str(len(v._a))
                                 + " to extended slice of size " + str(size))
        self._a[s] = list(v._a)

    def __delitem__(self, i):
        if isinstance(i, slice):
            del self._a[i]
            return
        try:
            del self._a[i]
        except IndexError:
            raise IndexError("array assignment index out of range")

    def __iter__(self):
        return iter(self._a)

    def __contains__(self, x):
        return x in self._a

    def __eq__(self, other):
        if not isinstance(other, array):
            return False
        return self._a == other._a

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._a < other._a

    def __add__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only append array (not "' + type(other).__name__ + '") to array')
        if other.typecode != self.typecode:
            raise TypeError("bad argument type for built-in operation")
        return self._new(self._a + other._a)

    def __iadd__(self, other):
        if not isinstance(other, array):
            raise TypeError('can only extend array with array (not "' + type(other).__name__ + '")')
        if other.typecode != self.typecode:
            raise TypeError("can only extend with array of same kind")
        self._a.extend(other._a)
        return self

    def __mul__(self, n):
        if type(n) is not int and type(n) is not bool:
            raise TypeError("can't multiply sequence by non-int of type '" + type(n).__name__ + "'")
        return self._new(self._a * n)

    def __rmul__(self, n):
        return self.__mul__(n)

    def __imul__(self, n):
        self._a = self._a * n
        return self

    def __copy__(self):
        return self._new(list(self._a))

    def __deepcopy__(self, memo):
        return self._new(list(self._a))

    def __reduce__(self):
        return (array, (self.typecode, list(self._a)))

    def __repr__(self):
        if not self._a:
            return "array('" + self.typecode + "')"
        return "array('" + self.typecode + "', " + repr(self._a) + ")"

    def append(self, v):
        self._a.append(self._conv(v))

    def extend(self, iterable):
        if isinstance(iterable, array):
            if iterable.typecode != self.typecode:
                raise TypeError("can only extend with array of same kind")
            self._a.extend(iterable._a)
            return
        conv = self._conv
        self._a.extend([conv(x) for x in iterable])

    def fromlist(self, items):
        if not isinstance(items, list):
            raise TypeError("arg must be list")
        self.extend(items)

    def insert(self, i, v):
        self._a.insert(i, self._conv(v))

    def pop(self, i=-1):
        if not self._a:
            raise IndexError("pop from empty array")
        try:
            return self._a.pop(i)
        except IndexError:
            raise IndexError("pop index out of range")

    def remove(self, x):
        try:
            self._a.remove(x)
        except ValueError:
            raise ValueError("array.remove(x): x not in array")

    def index(self, x, *args):
        try:
            return self._a.index(x, *args)
        except ValueError:
            raise ValueError("array.index(x): x not in array")

    def count(self, x):
        return self._a.count(x)

    def reverse(self):
        self._a.reverse()

    def tolist(self):
        return list(self._a)

    def buffer_info(self):
        return (id(self), len(self._a))


ArrayType = array
