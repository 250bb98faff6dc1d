# Tutorial 4: what reference counting alone cannot do.
#
# An object that refers to itself, or two objects that refer to each other, keep each other's
# counts above zero after every name is gone. Only the cycle collector frees them.
import gc
import weakref

class Node:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        print("  freed", self.name)

gc.disable()            # collect by hand, to show the moments

me = Node("self-referencing")
me.ref = me
w = weakref.ref(me)
del me
print("after del, still alive (count kept up by itself):", w() is not None)

a = Node("a")
b = Node("b")
a.other = b
b.other = a
del a, b
print("two nodes referring to each other are still alive too")

print("run the collector:")
n = gc.collect()
print("collected:", n > 0, "| the weak reference is now dead:", w() is None)

l = []
l.append(l)
del l
print("a list containing itself:", gc.collect(), "object collected")
gc.enable()
