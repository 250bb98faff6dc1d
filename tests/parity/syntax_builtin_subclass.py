# Classes deriving from list and dict: construction, inherited methods, isinstance, the
# protocols (len, iteration, indexing, in, truthiness, ==, repr), and super().__init__.


class OrderedCollection(list):
    pass


class Stack(list):
    def push(self, x):
        self.append(x)

    def peek(self):
        return self[-1]


class Counted(dict):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.created = True

    def total(self):
        return sum(self.values())


class Named(list):
    def __init__(self, name, items):
        super(Named, self).__init__(items)
        self.name = name


oc = OrderedCollection()
oc.append(3)
oc.append(1)
oc.extend([2])
print(len(oc), list(oc), oc[0], oc[-1], 1 in oc, 9 in oc, bool(oc), bool(OrderedCollection()))
oc[1] = 10
del oc[0]
oc.sort()
print(oc, oc == [2, 10], isinstance(oc, list), isinstance(oc, OrderedCollection), type(oc).__name__)
print(oc.pop(), oc, oc.index(2), oc.count(2))
s = Stack([1, 2])
s.push(5)
print(s.peek(), s, len(s), [x * 2 for x in s])
c = Counted({"a": 1}, b=2)
c["c"] = 3
print(c.total(), c.created, sorted(c.keys()), c["a"], c.get("z", 0), "b" in c, len(c))
print(isinstance(c, dict), c == {"a": 1, "b": 2, "c": 3})
n = Named("n", (4, 5))
print(n.name, n, n[1:], len(n))
for x in OrderedCollection([7, 8]):
    print(x)
for bad in [lambda: OrderedCollection(1, 2), lambda: OrderedCollection(x=1)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
