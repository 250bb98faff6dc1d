# copy: shallow and deep copies, memo (shared and cyclic structure), hooks.
import copy


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)


class Hooked:
    def __init__(self, v):
        self.v = v

    def __copy__(self):
        return Hooked("shallow " + str(self.v))

    def __deepcopy__(self, memo):
        return Hooked("deep " + str(self.v))


class Reduced:
    def __init__(self):
        self.a = 1

    def __reduce__(self):
        return (Reduced, (), {"a": 5, "b": 6})


shared = [1, 2]
data = {"a": [shared, shared], "t": (shared, 3), "s": "str", "n": None, "f": 1.5,
        "p": Point(1, [2, 3]), "set": {1, 2}, "nested": {"k": [[1], [2]]}}
c = copy.copy(data)
d = copy.deepcopy(data)
print(c == data, c is data, c["a"] is data["a"])
print(d["a"] == data["a"], d["a"] is data["a"], d["a"][0] is d["a"][1], d["a"][0] is shared)
print(d["t"][0] is d["a"][0], d["p"], d["p"] is data["p"], d["p"].y is data["p"].y)
print(d["set"], d["nested"], d["s"] is data["s"])
t = (1, 2, "x")
print(copy.deepcopy(t) is t, copy.copy(t) is t, copy.deepcopy((1, [2]))[1] is not None)
cyc = [1]
cyc.append(cyc)
cc = copy.deepcopy(cyc)
print(cc[1] is cc, cc[1] is not cyc, len(cc))
dd = {}
dd["self"] = dd
print(copy.deepcopy(dd)["self"] is not dd)
p = Point(3, 4)
p2 = copy.copy(p)
print(p2, p2 is p, type(p2).__name__)
print(copy.copy(Hooked(1)).v, copy.deepcopy(Hooked(2)).v, copy.deepcopy([Hooked(3)])[0].v)
r = copy.deepcopy(Reduced())
print(r.a, r.b)
r = copy.copy(Reduced())
print(r.a, r.b)
memo = {}
x = [1, 2]
y = copy.deepcopy([x, x], memo)
print(y[0] is y[1], id(x) in memo)
print(copy.copy(5), copy.deepcopy("s"), copy.copy(len) is len, copy.deepcopy(Point) is Point)
l = [1, [2, 3]]
l2 = copy.copy(l)
l2[1].append(4)
print(l, l2, l2 is not l)
deep = []
cur = deep
for i in range(100):
    cur.append([])
    cur = cur[0]
print(len(copy.deepcopy(deep)))

# bytes are atomic; a bytearray is copied (shallow and deep).
b = b"xy"
a = bytearray(b"q")
print(copy.copy(b) is b, copy.deepcopy(b) is b, copy.copy(a), copy.copy(a) is not a)
d = copy.deepcopy([a, a])
print(d, d[0] is d[1], d[0] is not a)
