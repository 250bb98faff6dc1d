d = {'a': 1, 'b': 2}
k, v, it = d.keys(), d.values(), d.items()
d['c'] = 3
print(k, v, it)
print(len(k), 'a' in k, 'z' in k, 3 in v, ('a', 1) in it, ('a', 2) in it, list(reversed(k)))
print(type(k).__name__, type(v).__name__, type(it).__name__)
print(k & {'a', 'x'}, k | {'x'} == {'a', 'b', 'c', 'x'}, sorted(k - {'a'}), sorted(k ^ {'a', 'q'}))
print({'a', 'b', 'c'} == k, k == {'a', 'b', 'c'}, k == ['a', 'b', 'c'], k.isdisjoint(['x']))
print(sorted(it & {('a', 1)}), [x for x in it])
del d['a']
print(list(k), list(v), list(it), len(it))
for key in d.keys():
    print(key, d[key])
for key, val in d.items():
    print(key, val)
print(sum(d.values()), max(d.keys()), sorted(d.items(), reverse=True))
try:
    hash(k)
except TypeError as e:
    print(e)
try:
    k[0]
except TypeError as e:
    print(e)
print(dict(d.items()), sorted(set(d.keys())), tuple(d.values()))
e = {}
print(e.keys(), e.values(), e.items())
class D(dict):
    pass
dd = D(x=1)
print(dd.keys(), list(dd.items()))
