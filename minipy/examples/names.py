# Tutorial 1: names point at objects.
#
#   x = 10      creates an int object and binds the name x to it
#   y = x       binds a second name to the same object
#   x = x + 1   creates a new object 11 and rebinds x
#   z = 10      binds z to the existing 10 object
#
# In minipy (as in CPython) small ints are values the collector never tracks; containers are
# heap objects with a reference count, which sys.getrefcount shows.
import sys
import gc

x = 10
y = x
print("x is y:", x is y)
x = x + 1
print("after x = x + 1:", x, y, "x is y:", x is y)
z = 10
print("z is y:", z is y)

# The same with a list, a tracked heap object whose count we can watch.
a = [1, 2, 3]
print("one name:  refcount", sys.getrefcount(a))
b = a
print("two names: refcount", sys.getrefcount(a))
b.append(4)
print("a sees the change made through b:", a)
del b
print("one again: refcount", sys.getrefcount(a))
print("ints tracked by the collector:", gc.is_tracked(x), " lists:", gc.is_tracked(a))
