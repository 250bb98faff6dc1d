# Language basics: printing, numbers, strings, containers, control flow, exceptions.
print(1, 1.0, -0.5, 1e16, 1e-5, 123.456, 0.1 + 0.2, 1/3, 2.5e-10, float("inf"), -float("inf"))
print(10 / 4, 10 // 4, -10 // 4, 10 % 3, -10 % 3, 2 ** 10, 2 ** -2, 7.5 // 2, -7.5 % 2)
print(True + True, 3 * "ab", [0] * 3, (1, 2) + (3,), "a" < "b", [1, 2] < [1, 3])
print("it's", 'say "hi"', repr("it's"), repr('say "hi"'), repr("both ' and \""), repr("tab\tnl\n"))
print([1, "two", 3.0, None, True, (4,), [], {}], (1,), (), {"a": 1, 2: "b"})
print(str(3), int("42"), int(3.9), int(-3.9), float("2.5"), int("-17"), bool([]), bool([0]))
print(len("hello"), len([1, 2]), len({"a": 1}), "hello"[1:4], "hello"[::-1], "hello"[-1])
print("a,b,c".split(","), " x y ".split(), "-".join(["a", "b"]), "Hi".upper(), "Hi".lower())
print("hello".replace("l", "L"), "hello".find("l"), "hello".startswith("he"), " s ".strip())
print(f"{1 + 2} {'x'!r} {3.14159:.2f} {42:5d}|{'ab':<4}|{'ab':>4}|{7:03d} {1234567:,}")
print("%s is %d years and %.1f%%" % ("Bob", 42, 99.5))
print("{} and {}".format("a", "b"), "{0}{1}{0}".format("x", "y"), "{name}!".format(name="n"))

xs = [5, 3, 8, 1]
xs.append(7)
xs.insert(0, 9)
xs.remove(8)
print(xs, xs.pop(), xs.pop(0), xs, sorted(xs), sorted(xs, reverse=True))
xs.sort(key=lambda v: -v)
print(xs, xs.index(3), 3 in xs, 10 not in xs, xs[1:], xs[:-1])
xs.clear()
print(xs)

d = {"one": 1, "two": 2}
d["three"] = 3
print(d, d.get("two"), d.get("four"), d.get("four", 0), "one" in d, list(d.keys()), list(d.values()))
for k, v in d.items():
    print(k, "->", v)
del d["one"]
print(d, d.pop("two"), d, len(d))

total = 0
for i in range(10):
    if i % 2 == 0:
        continue
    if i > 7:
        break
    total += i
else:
    print("no break")
print("total", total)

n = 0
while n < 5:
    n += 1
else:
    print("while else", n)

a, b = 1, 2
a, b = b, a
first, *rest = [1, 2, 3, 4]
(p, q), r = (1, 2), 3
print(a, b, first, rest, p, q, r)

def greet(name, greeting="Hello", *args, **kwargs):
    return greeting + ", " + name + "!" + str(len(args)) + str(sorted(kwargs))
print(greet("Ann"), greet("Bob", "Hi"), greet("C", "Yo", 1, 2, z=1, a=2))
print(greet(greeting="Hey", name="Dee"))

square = lambda x: x * x
print([square(x) for x in range(5)], [x for x in range(10) if x % 3 == 0])
print({x: x * x for x in range(3)}, [(i, j) for i in range(2) for j in range(2)])
print(list(map(str, [1, 2])), list(filter(None, [0, 1, 2])), sum([1, 2, 3]), min(3, 1, 2), max([4, 9, 2]))
print(list(enumerate("ab")), list(zip([1, 2], "ab")), abs(-3), round(2.5), round(3.14159, 2))
print(isinstance(1, int), isinstance("s", str), isinstance([], (dict, list)), type(1), type("s"), type([]))

class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def __repr__(self):
        return "Animal(" + repr(self.name) + ")"

class Dog(Animal):
    def speak(self):
        return self.name + " barks"

dog = Dog("Rex")
print(dog.speak(), Animal("Cat").speak(), dog.kind, isinstance(dog, Animal), dog, [dog])
m = dog.speak
print(m(), type(dog).__name__, hasattr(dog, "name"), getattr(dog, "age", 3))

def risky(x):
    if x == 0:
        raise ValueError("zero!")
    return 10 / x

for x in [2, 0]:
    try:
        print("result", risky(x))
    except ValueError as e:
        print("caught", e)
    finally:
        print("finally", x)

class MyError(Exception):
    pass

try:
    raise MyError("custom", 2)
except Exception as e:
    print(type(e).__name__, e.args, e)

errors = [
    lambda: 1 / 0,
    lambda: 1 // 0,
    lambda: [][1],
    lambda: {}["k"],
    lambda: undefined_name,
    lambda: "a" + 1,
    lambda: int("x"),
    lambda: None.attr,
    lambda: [].pop(),
    lambda: len(5),
]
for f in errors:
    try:
        f()
    except Exception as e:
        print(type(e).__name__ + ":", e)

def deep(n):
    return deep(n + 1)
try:
    deep(0)
except RecursionError as e:
    print("RecursionError caught")

try:
    try:
        raise KeyError("inner")
    except KeyError:
        raise
except LookupError as e:
    print("re-raised", repr(e))

g = 5
def use_global():
    global g
    g += 1
    return g
print(use_global(), g)

def outer():
    x = "outer"
    def inner():
        return x
    return inner()
print(outer())
assert 1 + 1 == 2
print(id(dog) == id(dog), dog is dog, None is None, [] is not [])
