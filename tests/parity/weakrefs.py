# Weak references: cleared when the referent dies; for garbage cycles they are cleared
# before any finalizer runs, so a __del__ can never reach a half-collected object through one.
import gc
import weakref

class Thing:
    def __init__(self, name):
        self.name = name

t = Thing("t")
r = weakref.ref(t)
print("alive:", r() is t, r().name)
del t
print("dead after del:", r() is None)

seen = []

class Watcher:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        seen.append((self.name, self.ref() is None))

gc.collect()
a = Watcher("a")
b = Watcher("b")
a.other = b
b.other = a
a.ref = weakref.ref(b)
b.ref = weakref.ref(a)
wa = weakref.ref(a)
del a, b
print("cycle still alive before collect:", wa() is not None)
gc.collect()
print("finalizers saw cleared weakrefs:", sorted(seen))
print("weakref dead after collect:", wa() is None)

# A callback is called with the weak reference once the referent is gone.
calls = []
def on_death(ref):
    calls.append(ref() is None)

x = Thing("x")
rx = weakref.ref(x, on_death)
del x
print("callback called:", calls)

# Weak references do not keep cycles alive.
y = Thing("y")
y.me = y
ry = weakref.ref(y)
del y
gc.collect()
print("cycle reachable only weakly is collected:", ry() is None)

try:
    weakref.ref([1, 2])
except TypeError as e:
    print("TypeError:", e)

# Callbacks of weak references to a garbage cycle run before any __del__ of the cycle, with
# the referent already gone; several on one object run newest first. A weak reference that
# is itself part of the garbage has its callback dropped.
order = []

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        order.append("del " + self.name)

def tell(label):
    def cb(ref):
        order.append("callback " + label + " dead=" + str(ref() is None))
    return cb

gc.collect()
p = Node("p")
q = Node("q")
p.other = q
q.other = p
keep = [weakref.ref(p, tell("p1")), weakref.ref(p, tell("p2")), weakref.ref(q, tell("q"))]
def never(ref):
    order.append("callback of a garbage weakref")

p.self_ref = weakref.ref(p, never)
del p, q
print("collected:", gc.collect())
print("callbacks first:", [e for e in order[:3]])
print("then finalizers:", sorted(order[3:]))

# By reference count: __del__ first, then the callbacks, newest first.
order.clear()
s = Node("s")
ks = [weakref.ref(s, tell("s1")), weakref.ref(s, tell("s2"))]
del s
print("refcount death:", order)

# A callback that asks for a collection while the collector is calling callbacks gets 0, and
# the remaining callbacks still run after it, in order.
order.clear()

def collecting(ref):
    order.append("collect inside a callback: " + str(gc.collect()))

for i in range(2):
    u = Node("u" + str(i))
    v = Node("v" + str(i))
    u.v = v
    v.u = u
    keep.append(weakref.ref(u, collecting))
    keep.append(weakref.ref(v, tell("v" + str(i))))
    del u, v
# (minipy's closures are cycles with their scope, CPython's are not: compare the four nodes.)
print("collected the four nodes:", gc.collect() >= 4)
print("in order:", [e for e in order if not e.startswith("del")])

# Functions take weak references with callbacks too, by reference count and in cycles.
order.clear()

def lonely():
    pass

rf = weakref.ref(lonely, tell("lonely"))
del lonely
print("function by refcount:", order)

def selfish():
    pass

selfish.me = selfish
rs = weakref.ref(selfish, tell("selfish"))
del selfish
gc.collect()
print("function in a cycle:", order)
