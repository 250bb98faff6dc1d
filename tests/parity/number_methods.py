# The operator, conversion and rounding methods of int, float and bool as attributes
# (`(5).__add__(3)`, `float.__lt__`, `True.bit_length()`): NotImplemented for operands of
# other types, CPython's argument messages, and their use through map, sorted and reduce.
import math
vals = [0, 7, -7, True, False, 2**70, -2**70, 1.5, -2.5, 0.0, float('inf'), float('-inf')]
binops = ['__add__', '__radd__', '__sub__', '__rsub__', '__mul__', '__rmul__', '__truediv__', '__rtruediv__',
          '__floordiv__', '__rfloordiv__', '__mod__', '__rmod__', '__divmod__', '__rdivmod__', '__pow__', '__rpow__',
          '__and__', '__rand__', '__or__', '__ror__', '__xor__', '__rxor__', '__lshift__', '__rlshift__',
          '__rshift__', '__rrshift__', '__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__']
def show(f, *a):
    try:
        r = f(*a)
        if isinstance(r, float) and r != r:
            return 'nan'
        return repr(r)
    except Exception as e:
        return type(e).__name__ + ': ' + str(e)
for x in vals[:10]:
    for name in binops:
        m = getattr(x, name, None)
        if m is None:
            print(type(x).__name__, name, 'missing')
            continue
        if name in ('__rpow__', '__rlshift__') and isinstance(x, int) and abs(x) > 1000:
            continue
        print(type(x).__name__, repr(x), name, [show(m, y) for y in (3, -2, 0, True, 2.0, 2**65 if name not in ('__pow__', '__rpow__', '__lshift__', '__rlshift__') else 5, 'a', None)])
unary = ['__neg__', '__pos__', '__invert__', '__abs__', '__bool__', '__int__', '__float__', '__index__', '__hash__',
         '__trunc__', '__floor__', '__ceil__', '__round__', '__getnewargs__']
for x in vals[:12]:
    for name in unary:
        m = getattr(x, name, None)
        print(type(x).__name__, repr(x), name, 'missing' if m is None else show(m))
for x in (1234.5678, 1234, -15, True, 2**70):
    print(show(x.__round__, 2), show(x.__round__, -1), show(x.__round__, None), show(x.__format__, '>10'), show(x.__format__, 5))
print(show((2).__pow__, 10, 7), show((2).__pow__, 10, None), show((2.0).__pow__, 10, 7), show((3).__rpow__, 2, 5), show((2).__pow__, 3, 2.0))
print(int.__add__(3, 4), float.__mul__(1.5, 2), show(int.__add__, 'a', 1), show(float.__add__, 1, 2), bool.__and__(True, False), int.__or__(True, 2))
print(True.bit_length(), (255).bit_count(), (-2**80 - 1).bit_count(), True.bit_count(), True.as_integer_ratio(), True.conjugate())
print(show((1).__add__), show((1).__add__, 1, 2), show((1).__neg__, 1), show((1.0).__trunc__, 1))
print(sum(map(int.__mul__, [1, 2, 3], [4, 5, 6])), sorted([3, 1, 2], key=(0).__sub__))
import functools, operator
print(functools.reduce(int.__add__, range(10)), list(map((10).__rsub__, [1, 2])))
print('__add__' in dir(5), '__add__' in dir(5.0), '__and__' in dir(5.0), '__index__' in dir(5.0))
