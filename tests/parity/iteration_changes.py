# Changing the size of a dict or set while iterating over it raises RuntimeError, as in CPython.
d = {'a': 1, 'b': 2}
try:
    for k in d:
        d[k + 'x'] = 1
except RuntimeError as e:
    print('RuntimeError:', e, sorted(d))
d = {'a': 1}
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print('RuntimeError:', e, d)
d = {'a': 1, 'b': 2}
for k in d:
    d[k] = 5
print(d)
try:
    print([d.pop(k) for k in d])
except RuntimeError as e:
    print('RuntimeError:', e, d)
s = {1, 2, 3}
try:
    for x in s:
        s.add(x + 10)
except RuntimeError as e:
    print('RuntimeError:', e, len(s))
s = {1}
try:
    for x in s:
        s.discard(x)
except RuntimeError as e:
    print('RuntimeError:', e, s)
d = {'a': 1}
for k in list(d):
    d[k + 'y'] = 2
print(d)
