d = {"a": 1}
d["v"] = d.values()
print(d)
d = {"a": 1}
d["k"] = d.keys()
print(d)
d = {"a": 1}
d["i"] = d.items()
print(d)
e = {}
e["i"] = e.items()
print(repr(e["i"]), e.values(), str(e))
lst = [1]
f = {"l": lst}
lst.append(f.values())
print(f, lst)
g = {"self": None}
g["self"] = g
g["vals"] = g.values()
print(g)
print(repr({1: 2}.items()), {}.keys(), {"x": [1, (2, 3)]}.values())
