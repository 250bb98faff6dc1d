# Tutorial 3: instances and self.
#
# self is just a reference to the instance; self.wheels is an attribute that lives with the
# instance on the heap, so it outlives the __init__ frame. Calling c.getWheels() pushes a
# frame whose self points at the same instance.
import gc
import sys

class Car:
    def __init__(self, w):
        self.wheels = w
        print("in __init__, self is the new instance:", type(self).__name__)

    def getWheels(self):
        return self.wheels

c = Car(4)
print("wheels after __init__ returned:", c.wheels)
print("via a method call:", c.getWheels())
m = c.getWheels
print("a bound method remembers its self:", m.__self__ is c, m())
print("references to c (name, bound method, argument):", sys.getrefcount(c))
del m
print("after del m:", sys.getrefcount(c))
print("the instance is tracked by the collector:", gc.is_tracked(c))
