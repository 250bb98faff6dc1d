# globals() is the module's namespace itself: writes through it are globals, and the
# module's own assignments show through it.
globals()["x"] = 1
print("x:", x)

g = globals()
g.update({"y": 2, "z": 3})
print("y, z:", y, z)

del globals()["x"]
try:
    print(x)
except NameError as e:
    print("NameError:", e)

print("locals() is globals():", locals() is globals())
print("same dict each time:", globals() is g)

w = 5
print("w through the dict:", g["w"], "w" in g)
w = 6
print("reassigned:", g["w"])

print("setdefault:", g.setdefault("q", 7), q)
print("pop:", g.pop("q"), "q" in g)
print("get missing:", g.get("missing", "default"))


def writer():
    globals()["made_in_function"] = "yes"
    return globals() is g


print("function's globals() is the module's:", writer(), made_in_function)


def rebind():
    global w
    w = 10


rebind()
print("global statement seen through the dict:", g["w"])


def loc(a, b=2):
    c = a + b
    return sorted(locals().items())


print("locals() in a function:", loc(1))

names = [k for k in g if not k.startswith("__")]
print("names:", names)

import helper_counter

d = helper_counter.__dict__
d["counter"] = 41
print("module __dict__ write seen by its function:", helper_counter.bump())
print("module attribute through the dict:", d["counter"] == helper_counter.counter)
