# collections: deque, defaultdict, OrderedDict, Counter, namedtuple.
import collections
from collections import deque, defaultdict, OrderedDict, Counter, namedtuple

d = deque([1, 2, 3])
d.append(4)
d.appendleft(0)
print(d, len(d), d[0], d[-1], d.pop(), d.popleft(), d)
d.rotate(1)
print(d)
d.rotate(-2)
print(d, list(d), 2 in d, 9 in d)
d.extend([7, 8])
d.extendleft([-1, -2])
print(d, d.count(7), d.index(7))
m = deque(range(10), maxlen=3)
print(m, m.maxlen)
m.append(10)
m.appendleft(5)
print(m, deque(), deque([1]) == deque([1]), bool(deque()), deque("ab") + deque("c"))
d.reverse()
print(d, d.copy(), list(reversed(deque([1, 2]))))
d.clear()
for name, f in [("pop", lambda: deque().pop()), ("popleft", lambda: deque().popleft()),
                ("index", lambda: deque([1])[5]), ("remove", lambda: deque([1]).remove(3)),
                ("maxlen", lambda: deque([], -1))]:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)

dd = defaultdict(list)
dd["a"].append(1)
dd["a"].append(2)
dd["b"].append(3)
print(dd, dict(dd), len(dd), "a" in dd, "z" in dd, sorted(dd.items()), dd["c"], len(dd))
cnt = defaultdict(int)
for ch in "mississippi":
    cnt[ch] += 1
print(sorted(cnt.items()), cnt.get("q"), cnt.get("q", 0), list(cnt.keys()))
nd = defaultdict()
try:
    nd["x"]
except KeyError as e:
    print("KeyError", e)
print(defaultdict(lambda: 1.0)["k"], defaultdict(float, {"a": 2.0}))

od = OrderedDict()
od["b"] = 1
od["a"] = 2
od["c"] = 3
print(od, list(od), od.popitem(), od.popitem(last=False), od)
od = OrderedDict([("x", 1), ("y", 2), ("z", 3)])
od.move_to_end("x")
print(od, od == OrderedDict([("y", 2), ("z", 3), ("x", 1)]), OrderedDict())
od.move_to_end("z", last=False)
print(list(od.items()), od.get("y"), od.pop("y"), od)

c = Counter("abracadabra")
print(c, c["a"], c["z"], c.most_common(2), c.most_common()[-1], c.total())
c.update("aaz")
c.subtract({"b": 1})
print(c, sorted(c.elements()), Counter({"x": 2, "y": 1}), Counter(a=3, b=1), Counter())
print(Counter("aab") + Counter("bcc"), Counter("aaab") - Counter("ab"), Counter("aab") | Counter("abb"), Counter("aab") & Counter("abb"))
print(Counter([1, 2, 2, 3, 3, 3]).most_common(1), len(Counter("hello")), "l" in Counter("hello"))

Point = namedtuple("Point", ["x", "y"])
p = Point(1, 2)
q = Point(x=3, y=4)
print(p, q, p.x, p[1], p == (1, 2), tuple(p), list(q), len(p), Point._fields)
x, y = q
print(x, y, p._asdict(), p._replace(x=10), Point._make([5, 6]), p + (3,))
P3 = namedtuple("P3", "a b c", defaults=[0, 9])
print(P3(1), P3(1, 2), P3(1, 2, 3), P3._field_defaults, sorted([Point(2, 1), Point(1, 5)]))
for name, f in [("missing", lambda: Point(1)), ("extra", lambda: Point(1, 2, 3)),
                ("dup", lambda: namedtuple("D", "a a")), ("under", lambda: namedtuple("U", "_a")),
                ("kw", lambda: Point(1, 2, z=3))]:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
print(collections.abc.Iterator if False else "abc-ok")
