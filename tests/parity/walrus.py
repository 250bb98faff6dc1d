import re
data = [1, 5, 12, 7, 20]
if (n := len(data)) > 3:
    print(f"list is long ({n} elements)")
while (chunk := data[:2]):
    print(chunk)
    data = data[2:]
print([y for x in range(6) if (y := x * x) % 2 == 0], y)
def f(xs):
    total = 0
    vals = [(total := total + x) for x in xs]
    return vals, total
print(f([1, 2, 3, 4]))
print([[(z := i * j) for j in range(3)] for i in range(2)], z)
m = None
if (m := re.match(r'(\d+)', '42abc')) is not None:
    print(m.group(1))
print((a := 10), a)
print(sum(w for w in [1, 2, 3]))
def g():
    lines = iter(['a', 'b', ''])
    out = []
    while (line := next(lines)):
        out.append(line)
    return out, line
print(g())
def h():
    [q := 5 for _ in range(1)]
    return q
print(h())
print({k: (last := v) for k, v in [('a', 1), ('b', 2)]}, last)
