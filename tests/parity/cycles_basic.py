# Self-referencing containers and objects: reference counting alone cannot free them;
# the cycle collector does. Counts are printed where CPython's object model and minipy's agree
# (a list or dict is one object in both); elsewhere only "something was collected".
import gc

gc.collect()

l = []
l.append(l)
print("list repr:", l)
del l
print("self-referencing list collected:", gc.collect())

d = {}
d["self"] = d
print("dict repr:", d)
del d
print("self-referencing dict collected:", gc.collect())

a = []
b = [a]
a.append(b)
del a, b
print("two lists in a cycle:", gc.collect())

class Node:
    def __init__(self, name):
        self.name = name
        self.me = self

n = Node("n")
del n
print("self-referencing instance collected:", gc.collect() > 0)

x = Node("x")
y = Node("y")
x.other = y
y.other = x
del x
print("still reachable through y:", y.other.other.name)
del y
print("pair collected:", gc.collect() > 0)
print("nothing left:", gc.collect())

# Acyclic garbage is freed by reference counting, with no collection needed.
acyclic = [[1, 2], {"k": [3]}]
del acyclic
print("acyclic garbage needs no collection:", gc.collect())
