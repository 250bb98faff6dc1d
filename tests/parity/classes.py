# Classes: inheritance, super(), special methods, class attributes, bound methods.
class Vector:
    count = 0
    def __init__(self, x, y):
        self.x = x
        self.y = y
        Vector.count += 1
    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)
    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)
    def __eq__(self, other):
        return isinstance(other, Vector) and self.x == other.x and self.y == other.y
    def __lt__(self, other):
        return (self.x, self.y) < (other.x, other.y)
    def __len__(self):
        return 2
    def __getitem__(self, i):
        return (self.x, self.y)[i]
    def __repr__(self):
        return "Vector(%r, %r)" % (self.x, self.y)
    def __str__(self):
        return "(" + str(self.x) + ", " + str(self.y) + ")"

a = Vector(1, 2)
b = Vector(3, 4)
print(a + b, repr(a * 3), a == Vector(1, 2), a != b, a < b, len(a), a[1], list(a))
print(sorted([b, a, Vector(0, 9)]), Vector.count, str(a), [a])
print(f"{a} and {a!r}", "%s" % a)

class Shape:
    sides = 0
    def __init__(self, name):
        self.name = name
    def describe(self):
        return self.name + " with " + str(self.sides) + " sides"
    def area(self):
        raise NotImplementedError("area")

class Square(Shape):
    sides = 4
    def __init__(self, side):
        super().__init__("square")
        self.side = side
    def area(self):
        return self.side ** 2

class Cube(Square):
    def describe(self):
        return "cube: " + super().describe()
    def area(self):
        return 6 * super().area()

shapes = [Square(2), Cube(3)]
for s in shapes:
    print(s.describe(), s.area(), isinstance(s, Shape), isinstance(s, Cube), type(s).__name__)
try:
    Shape("blob").area()
except NotImplementedError as e:
    print("NotImplementedError:", e)
print(issubclass(Cube, Shape), issubclass(Shape, Cube))

class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self, step=1):
        self.n += step
        return self.n
c = Counter()
c()
c(5)
print("callable object:", c.n, callable(c), callable(1))

class Stack:
    def __init__(self):
        self.items = []
    def push(self, x):
        self.items.append(x)
        return self
    def __iter__(self):
        return iter(self.items)
    def __contains__(self, x):
        return x in self.items
    def __bool__(self):
        return len(self.items) > 0
st = Stack()
print("empty stack is falsy:", not st)
st.push(1).push(2).push(3)
print([x * 10 for x in st], 2 in st, 5 in st, bool(st))

class AppError(Exception):
    def __init__(self, code, msg):
        super().__init__(msg)
        self.code = code
class NotFound(AppError):
    pass
try:
    raise NotFound(404, "missing")
except AppError as e:
    print(type(e).__name__, e.code, e, e.args, isinstance(e, Exception))

def method_attr():
    pass
method_attr.tag = "tagged"
print(method_attr.tag, method_attr.__name__)
setattr(a, "z", 9)
print(getattr(a, "z"), hasattr(a, "w"), a.__dict__)
