# Many closures that capture their own environment: each call leaves a cycle
# (function -> environment -> function) that reference counting cannot free.
# With the collector on, live objects stay flat; run with --no-cycle-gc to watch them grow:
#
#   minipy --gc-stats examples/million_closures.py
#   minipy --gc-stats --no-cycle-gc examples/million_closures.py
import gc

def make(i):
    def f():
        return f, i        # f refers to its own environment, which holds f
    return f

N = 1000000
for i in range(N):
    make(i)
    if i % 200000 == 0:
        print("iteration", i, "live tracked objects:", len(gc.get_objects()))
print("done; live tracked objects:", len(gc.get_objects()))
