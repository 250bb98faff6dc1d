# A __del__ that stores self somewhere reachable resurrects the object. The finalizer never
# runs a second time, even when the object becomes garbage again.
import gc

saved = []
calls = []

class Phoenix:
    def __init__(self, name):
        self.name = name
        self.me = self
    def __del__(self):
        calls.append(self.name)
        saved.append(self)

gc.collect()
p = Phoenix("fawkes")
del p
gc.collect()
print("finalizer calls:", calls)
print("resurrected:", len(saved), saved[0].name)
print("is_finalized:", gc.is_finalized(saved[0]))
print("still usable:", saved[0].me is saved[0])

saved.clear()
gc.collect()
print("finalizer calls after second death:", calls)

# Resurrection by reference counting (no cycle).
class Lazarus:
    def __del__(self):
        calls.append("lazarus")
        saved.append(self)

z = Lazarus()
del z
print("calls:", calls)
print("alive again:", type(saved[0]).__name__)
saved.clear()
print("calls after second death:", calls)
