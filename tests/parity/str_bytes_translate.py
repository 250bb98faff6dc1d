# str.maketrans / str.translate and bytes.maketrans / bytes.translate / bytearray.translate,
# with CPython 3.11's errors and its order of table lookups.
def t(f):
    try:
        print(repr(f()))
    except Exception as e:
        print(type(e).__name__ + ':', e)

# str.maketrans: the three forms.
t(lambda: str.maketrans('abc', 'xyz'))
t(lambda: str.maketrans('abc', 'xyz', 'de'))
t(lambda: str.maketrans('', '', 'ab'))
t(lambda: str.maketrans({'a': 'b', 98: None, 'c': 100, True: 'T'}))
t(lambda: str.maketrans({}))
t(lambda: 'x'.maketrans('a', 'b', 'cd'))
t(lambda: str.maketrans({2**70: 'x', 'é': 'e'}))
# Its errors.
t(lambda: str.maketrans())
t(lambda: str.maketrans(1, 2, 3, 4))
t(lambda: str.maketrans(x={}))
t(lambda: str.maketrans('ab', 1))
t(lambda: str.maketrans(1, 'ab'))
t(lambda: str.maketrans('ab', 'cd', 5))
t(lambda: str.maketrans('ab', 'c'))
t(lambda: str.maketrans('ab', 'c', 5))
t(lambda: str.maketrans([1]))
t(lambda: str.maketrans('abc'))
t(lambda: str.maketrans({'ab': 1}))
t(lambda: str.maketrans({'': 1}))
t(lambda: str.maketrans({1.5: 1}))
t(lambda: str.maketrans({(1,): 1}))
class D(dict):
    pass
t(lambda: str.maketrans(D(a=1)))

# str.translate: ints, strs and None, missing keys kept.
table = str.maketrans('abc', 'xyz', 'd')
t(lambda: 'abcdabcd-e'.translate(table))
t(lambda: 'hello world'.translate({ord('o'): '0', ord('l'): None, ord(' '): '__'}))
t(lambda: 'héllo wörld'.translate({ord('é'): 'e', ord('ö'): 'oe', ord('l'): 'L'}))
t(lambda: 'abc'.translate({97: 0x1F600, 98: 'ünï', 99: 10}))
t(lambda: 'abc'.translate({}))
t(lambda: ''.translate({}))
t(lambda: 'abc'.translate({97: True, 98: 66, 99: 'see'}))
t(lambda: 'abc'.translate('xyz' * 40))
t(lambda: 'abc'.translate([None] * 98))
t(lambda: 'abc'.translate([None] * 98 + ['B']))
t(lambda: 'aaa'.translate({97: 'aa'}))
t(lambda: 'abc'.translate(str.maketrans({'a': None, 'b': None, 'c': None})))
# Its errors.
t(lambda: 'abc'.translate(5))
t(lambda: 'abc'.translate(None))
t(lambda: 'abc'.translate({97: 2**70}))
t(lambda: 'abc'.translate({97: -1}))
t(lambda: 'abc'.translate({97: 0x110000}))
t(lambda: 'abc'.translate({97: 1.5}))
t(lambda: 'abc'.translate({97: b'x'}))
t(lambda: 'éabc'.translate({97: 1.5}))
t(lambda: 'abc'.translate())
t(lambda: 'abc'.translate(table={}))
t(lambda: 'abc'.translate({}, {}))
t(lambda: str.translate(1, {}))

# The table's lookups: what a mapping with side effects sees.
class Log:
    def __init__(self, m):
        self.m = m
        self.seen = []
    def __getitem__(self, k):
        self.seen.append(chr(k))
        if k not in self.m:
            raise KeyError(k)
        return self.m[k]
for s, m in [('abcabc', {97: 'A', 98: None}),
             ('aXbaXb', {97: 'long', 98: 'B'}),
             ('abcab', {97: 0xe9, 98: None}),
             ('xbbbyb', {98: None}),
             ('ébbaéb', {98: None, 97: 'A'}),
             ('abab', {97: 'é'}),
             ('zz', {})]:
    log = Log(m)
    print(repr(s.translate(log)), ''.join(log.seen))
class Boom:
    def __getitem__(self, k):
        raise ZeroDivisionError('boom %d' % k)
t(lambda: 'ab'.translate(Boom()))
class Idx:
    def __getitem__(self, k):
        raise IndexError
t(lambda: 'ab'.translate(Idx()))
class Missing(dict):
    def __missing__(self, k):
        return chr(k).upper()
t(lambda: 'abc'.translate(Missing({98: None})))

# bytes.maketrans and the translate of bytes and bytearray.
t(lambda: bytes.maketrans(b'ab', b'xy')[95:100])
t(lambda: bytes.maketrans(b'', b'') == bytes(range(256)))
t(lambda: bytearray.maketrans(bytearray(b'ab'), b'xy')[97:100])
t(lambda: b''.maketrans(b'a', b'b')[97])
t(lambda: bytearray().maketrans(b'a', bytearray(b'b'))[97])
t(lambda: b'abc'.translate(None))
t(lambda: b'abc'.translate(None, b'b'))
t(lambda: b'abc'.translate(None, delete=b'b'))
t(lambda: b'abcabc'.translate(bytes.maketrans(b'abc', b'cab'), b'c'))
t(lambda: b'abc'.translate(bytearray(bytes.maketrans(b'a', b'A')), bytearray(b'c')))
t(lambda: bytearray(b'abc').translate(bytes.maketrans(b'a', b'z'), b'c'))
t(lambda: bytearray(b'abc').translate(None, b'abc'))
t(lambda: b'\x00\xff'.translate(bytes(range(255, -1, -1))))
# Their errors.
t(lambda: bytes.maketrans(b'ab', b'x'))
t(lambda: bytes.maketrans('ab', b'xy'))
t(lambda: bytes.maketrans(b'ab', 'xy'))
t(lambda: bytes.maketrans(b'ab'))
t(lambda: bytes.maketrans(b'ab', b'xy', b''))
t(lambda: bytes.maketrans(frm=b'', to=b''))
t(lambda: bytearray.maketrans(frm=b'', to=b''))
t(lambda: b'abc'.translate(b'x'))
t(lambda: b'abc'.translate(b'x', 'b'))
t(lambda: b'abc'.translate('x' * 256))
t(lambda: b'abc'.translate(None, 'b'))
t(lambda: b'abc'.translate(None, None))
t(lambda: b'abc'.translate(None, delete=3))
t(lambda: b'abc'.translate())
t(lambda: b'abc'.translate(None, b'', 1))
t(lambda: b'abc'.translate(table=None))
t(lambda: b'abc'.translate(delete=b''))
t(lambda: b'abc'.translate(None, table=None))
t(lambda: b'abc'.translate(None, b'', delete=b''))
t(lambda: b'abc'.translate(None, x=1))
t(lambda: bytearray(b'abc').translate())
t(lambda: bytes.translate('abc', None))
# sum's iterable is positional-only too.
t(lambda: sum(start=1))
t(lambda: sum(iterable=[1]))
t(lambda: sum([1], start=2))
t(lambda: sum([1], 2, start=3))
print(hasattr(str, 'maketrans'), hasattr('', 'translate'), hasattr(b'', 'translate'))
