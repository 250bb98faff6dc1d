import pprint
data = {'zeta': list(range(30)), 'alpha': {'nested': ('a' * 30, 'b' * 30, 'c' * 30), 'x': 1},
        'mid': {1, 2, 3}, 'fs': frozenset({1, 2}), 'empty': [], 't1': (1,),
        'long': 'The quick brown fox jumps over the lazy dog. ' * 3}
pprint.pprint(data)
pprint.pprint(data, width=40)
pprint.pprint(data, indent=4, width=60, sort_dicts=False)
pprint.pprint(list(range(40)), compact=True)
pprint.pprint([[1, 2, [3, 4, [5, 6]]], {'a': {'b': {'c': 1}}}], depth=2)
print(pprint.pformat({'b': 1, 'a': 2}), pprint.pformat([1, 2], width=3))
pprint.pp({'b': 1, 'a': 2})
r = [1, 2]
r.append(r)
print(pprint.isrecursive(r), pprint.isreadable([1, 'a']), pprint.isreadable(r))
print(pprint.saferepr(r)[:30])
pprint.pprint({'k': 'x' * 100})
pprint.pprint('short')
pprint.pprint('word ' * 30)
pprint.pprint({1: 'a', 'b': 2, (1, 2): None})
pprint.pprint([1_000_000, 2.5, None, True], underscore_numbers=True)
class P:
    def __repr__(self):
        return 'P()'
pprint.pprint([P()] * 30)
