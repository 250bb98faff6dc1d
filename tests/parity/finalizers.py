# __del__ runs exactly once, and for garbage cycles it runs while the whole cycle is
# still intact (PEP 442).
import gc

log = []

class Resource:
    def __init__(self, name):
        self.name = name
        self.partner = None
    def __del__(self):
        partner = self.partner.name if self.partner is not None else None
        log.append((self.name, partner))

gc.collect()

# Plain reference counting: __del__ runs at once, no collector involved.
r = Resource("solo")
del r
print("after del:", log)

# A cycle: __del__ runs during collection, and sees its partner intact.
a = Resource("a")
b = Resource("b")
a.partner = b
b.partner = a
del a, b
print("before collect:", log[1:])
gc.collect()
print("after collect:", sorted(log[1:]))

# gc.is_finalized reports the state.
class Tracked:
    def __del__(self):
        pass

t = Tracked()
print("finalized before:", gc.is_finalized(t))
t.me = t
keep = t
del t
print("finalized while reachable:", gc.is_finalized(keep))

# An exception in __del__ is reported and ignored; the program goes on.
class Noisy:
    def __del__(self):
        log.append("noisy")
        raise RuntimeError("ignored")

n = Noisy()
n.me = n
del n
gc.collect()
print("noisy finalized once:", log.count("noisy"))
gc.collect()
print("still once:", log.count("noisy"))
