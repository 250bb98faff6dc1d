# printf-style formatting with mapping keys: %(name)s.
print('%(a)s-%(b)05.1f' % {'a': 1, 'b': 2.25})
print('%(x)r and %(x)s, %%' % {'x': 'q'}, '%(a(b))s' % {'a(b)': 5})
d = {'n': 3}
print('%(n)d items' % d, 'plain' % d, '%s' % d)
class M:
    def __getitem__(self, k):
        return k.upper()
print('%(hello)s %(w)s' % M())
for e in ["'%(a)s' % (1,)", "'%(a)s' % 'x'", "'%(a' % {}", "'%(a)s' % {}", "'%(a)s %s' % {'a': 1}", "'%(a)s' % 5"]:
    try:
        print(eval(e))
    except Exception as ex:
        print(e, type(ex).__name__, ex)
print('%s %(a)s' % {'a': 1})
