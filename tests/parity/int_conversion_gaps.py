# Integer arguments CPython 3.11 converts with __index__, __int__, __floor__ ... or at any
# size: math.ldexp/floor/ceil/trunc, bytes(n), %-formatting, deque's maxlen, islice's
# indices, random's seeds and ranges.
import math, collections, itertools, random

def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

class I:
    def __init__(self, v): self.v = v
    def __index__(self): return self.v
class F:
    def __floor__(self): return 'floor!'
    def __ceil__(self): return 'ceil!'
    def __trunc__(self): return 'trunc!'
class Fl:
    def __float__(self): return 2.5
class A:
    def __int__(self): return 5
class Both:
    def __index__(self): return 7
    def __int__(self): return 8
class BadInt:
    def __int__(self): return 'x'
class BadIndex:
    def __index__(self): return 'x'
class Raising:
    def __index__(self): raise ZeroDivisionError('no index')

print('-- math')
t(lambda: math.ldexp(1.0, 2**70))
t(lambda: math.ldexp(-1.0, 2**70))
t(lambda: math.ldexp(1.0, -2**70))
t(lambda: math.ldexp(-1.0, -2**70))
t(lambda: math.ldexp(0.0, 2**70))
t(lambda: math.ldexp(float('inf'), -2**70))
t(lambda: math.ldexp(1.5, 3))
t(lambda: math.ldexp(1.5, True))
t(lambda: math.ldexp(1.5, I(3)))
t(lambda: math.ldexp(1.5, 3.0))
t(lambda: math.ldexp(1.0, 1024))
t(lambda: math.ldexp(1.0, -1080))
for f in (math.floor, math.ceil, math.trunc):
    t(lambda: f(2**70))
    t(lambda: f(-2**70))
    t(lambda: f(True))
    t(lambda: f(F()))
    t(lambda: f(I(3)))
    t(lambda: f(Fl()))
    t(lambda: f(1e300))
    t(lambda: f(-2.5))
    t(lambda: f(float('nan')))
    t(lambda: f(float('-inf')))
    t(lambda: f('x'))
    t(lambda: f(None))
t(lambda: type(math.floor(2**70)).__name__)

print('-- bytes')
t(lambda: bytes(I(3)))
t(lambda: bytearray(I(3)))
t(lambda: bytes(I(0)))
t(lambda: bytes(I(-1)))
t(lambda: bytes(I(2**70)))
t(lambda: bytes(2**70))
t(lambda: bytearray(-2**70))
t(lambda: bytes(BadIndex()))
t(lambda: bytes(Raising()))
t(lambda: bytes(True))

print('-- % formatting')
for spec in ('%d', '%i', '%u', '%x', '%X', '%o', '%5d', '%-5x|', '%#x', '%#o', '%+d', '%05d', '%#08x', '%-#8X|', '%+#o'):
    for v in (I(255), I(-3), A(), Both(), Fl(), BadInt(), BadIndex(), 1 + 2j, 's', None,
              1.9, -1.9, True, 2**70, -255):
        try:
            print(spec, repr(spec % v))
        except Exception as e:
            print(spec, type(e).__name__ + ':', e)
t(lambda: '%d' % Raising())
t(lambda: '%x' % Raising())
t(lambda: '%d' % float('nan'))
t(lambda: '%x' % float('inf'))
t(lambda: '%c' % I(65))
t(lambda: '%c' % True)
t(lambda: '%c' % 0x1F600)
t(lambda: '%c' % I(-1))
t(lambda: '%c' % 2**70)
t(lambda: '%c' % 1.5)
t(lambda: '%c' % 'ab')
t(lambda: '%c' % BadIndex())
t(lambda: '%(n)x %(m)d' % {'n': I(255), 'm': A()})

print('-- deque')
for m in (True, False, 0, 3, 10**30, -10**30, -1, I(2), 1.5, 'x', None):
    try:
        d = collections.deque([1, 2, 3], maxlen=m)
        print(repr(d), repr(d.maxlen))
    except Exception as e:
        print(type(e).__name__ + ':', e)
t(lambda: collections.deque([1, 2, 3], 2**63))
t(lambda: collections.deque([1, 2, 3], 2**63 - 1))

print('-- islice')
r = range(10)
for args in [(2**70,), (I(3),), (I(1), I(6), I(2)), (2**70, None), (None, 2**70),
             (1, 5, 2**70), (-1,), (-5,), (1, -1), (1, -5), (-2, 5), (1, 5, 0),
             (1, 5, -1), (1.5,), ('a', 3), (1, 3, 'a'), (None, 3, None), (None,),
             (None, None), (BadIndex(),), (Raising(),), (1, Raising()), (0,), (3, 3)]:
    try:
        print(args if not any(isinstance(a, (I, BadIndex, Raising)) for a in args) else 'obj',
              list(itertools.islice(r, *args)))
    except Exception as e:
        print(type(e).__name__ + ':', e)
t(lambda: itertools.islice(5, 1))
t(lambda: itertools.islice(5, 'x'))
t(lambda: list(itertools.islice(itertools.count(), 2**62, 2**62 + 2)) if False else 'skipped')

print('-- random')
for s in (2**100, -2**100, 2**64, 2**64 - 1, 2**32, 2**32 - 1, 0, 1, -1, 10**40 + 7):
    random.seed(s)
    print(s, random.random(), random.getrandbits(40))
random.seed(12345)
t(lambda: random.randrange(2**70))
t(lambda: random.randrange(2**70, 2**71))
t(lambda: random.randrange(0, 2**80, 2**70))
t(lambda: random.randrange(2**70, 0, -2**60))
t(lambda: random.randrange(-2**100, -2**99))
t(lambda: random.randrange(I(10)))
t(lambda: random.randrange(I(2**70), I(2**70 + 3)))
t(lambda: random.randint(2**70, 2**70 + 5))
t(lambda: random.randint(-2**65, 2**65))
t(lambda: random.randrange(10**30, 10**30 + 10**20, 10**19))
t(lambda: random.randrange(0))
t(lambda: random.randrange(2**70, 2**70))
t(lambda: random.randrange(0, 2**70, 0))
t(lambda: random.randrange(0, 10, 2**70))
t(lambda: random.randrange(BadIndex()))
t(lambda: random.randrange(Raising()))
t(lambda: random.randrange('3'))
t(lambda: random.randrange(None))
t(lambda: random.seed(I(5)))
t(lambda: [random.randrange(2**64 + 1) for _ in range(3)])
t(lambda: random.getrandbits(70))

print('-- format with # and zero padding')
for v in (255, -3, 0, 2**70, True):
    print(format(v, '#08x'), format(v, '#010b'), format(v, '#08o'), format(v, '=#10X'),
          format(v, '#8x'), format(v, 'x<#10o'), format(v, '+#09x'))

print('-- int()')
t(lambda: int(I(3)))
t(lambda: int(I(2**70)))
t(lambda: int(BadInt()))
t(lambda: int(A()))
t(lambda: int(Both()))
t(lambda: int(BadIndex()))
t(lambda: int(Raising()))
t(lambda: int(Fl()))
t(lambda: int(object()))
t(lambda: int(I(3), 10))
t(lambda: int(3, 10))
t(lambda: int(1.5, 10))
t(lambda: int('11', 2))
