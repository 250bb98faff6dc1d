# dict.fromkeys: a class method of dict (on dict, on a dict, on subclasses), CPython's errors.
print(dict.fromkeys('abc'), dict.fromkeys([1, 2, 2], 0), dict.fromkeys(range(3), []))
print({}.fromkeys((1, 2)), {'x': 1}.fromkeys('yz', 'v'), dict.fromkeys([]))
print(dict.fromkeys({'a': 1, 'b': 2}), dict.fromkeys({3, 3}), dict.fromkeys(iter([5, 6]), None))
d = dict.fromkeys('ab', [])
d['a'].append(1)
print(d, d['a'] is d['b'])
print(dict.fromkeys.__name__, type(dict.fromkeys).__name__, dict.fromkeys.__self__,
      {}.fromkeys.__self__, 'fromkeys' in dir(dict), 'fromkeys' in dir({}))
print(dict.fromkeys(x * 2 for x in range(4)))
f = dict.fromkeys
print(f('pq', 1), hasattr({}, 'fromkeys'), getattr(dict, 'fromkeys')('r'))


class D(dict):
    pass


class E(D):
    def __init__(self):
        print('E.__init__')
        super().__init__()

    def __setitem__(self, k, v):
        print('set', k, v)
        self.update({k: v * 2})


class F(dict):
    def __init__(self, must):
        pass


d = D.fromkeys('ab', 1)
print(type(d).__name__, d, type(D().fromkeys('c')).__name__, D.fromkeys.__self__.__name__)
e = E.fromkeys([1, 2], 5)
print(type(e).__name__, e, type(e.fromkeys([])).__name__)
print(D.fromkeys.__name__, E().fromkeys.__self__ is E)


def gen():
    print('gen starts')
    yield 1
    print('gen goes on')
    yield 2


print(E.fromkeys(gen(), 'g'))


class G(dict):
    @classmethod
    def fromkeys(cls, it, v=None):
        return 'own fromkeys'


print(G.fromkeys('a'), G().fromkeys('b'))
for src in ["dict.fromkeys()", "dict.fromkeys(1, 2, 3)", "dict.fromkeys(1)",
            "dict.fromkeys([1], value=2)", "dict.fromkeys(iterable=[1])", "{}.fromkeys([[]])",
            "{}.fromkeys()", "D.fromkeys(None)", "F.fromkeys('a')", "D.fromkeys('a', 1, 2)",
            "dict.fromkeys([1, [2]])", "list.fromkeys", "[].fromkeys", "int.fromkeys([1])"]:
    try:
        print(src, '->', eval(src))
    except Exception as e:
        print(src, '!', type(e).__name__, e)


class H(dict):
    @classmethod
    def fromkeys(cls, it, v=None):
        d = super().fromkeys(it, v)
        d['extra'] = 1
        return d

    def make(self):
        return super().fromkeys('xy', 0)


h = H.fromkeys('ab')
print(type(h).__name__, h, type(H().make()).__name__, H().make())
print(dict.fromkeys(dict.fromkeys('qr')), repr(dict.fromkeys)[:35], repr(D.fromkeys)[:35])
