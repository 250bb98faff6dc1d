# random: CPython's exact Mersenne Twister sequences for many seeds, and the errors.
import random

for s in [0, 1, 2, 42, -7, 12345, 2 ** 32 - 1, 2 ** 32, 2 ** 40 + 3, -9223372036854775807 - 1, 9223372036854775807,
          1.5, -2.25, 3.0, True]:
    random.seed(s)
    a = [random.random() for i in range(3)]
    b = [random.randrange(100) for i in range(8)]
    c = [random.randrange(-50, 50, 7) for i in range(5)]
    d = [random.randint(1, 6) for i in range(8)]
    e = [random.getrandbits(k) for k in (0, 1, 7, 31, 32, 33, 50, 63)]
    f = list(range(12))
    random.shuffle(f)
    g = [random.choice("abcdefghij") for i in range(6)]
    h = random.sample(range(1000), 10)
    i = random.sample(["x", "y", "z", "w"], 3)
    j = [random.uniform(2, 5), random.gauss(), random.gauss(1, 2), random.normalvariate(0, 1)]
    k = [random.expovariate(1.5), random.triangular(), random.triangular(0, 10, 2)]
    print(s, a, b, c, d, e, f, g, h, i, j, k)
    print(random.randrange(10, 0, -3), random.randrange(2 ** 62), random.randrange(-9223372036854775807 - 1, 9223372036854775807))
    print(random.choices(range(10), k=5), random.choices("ab", [1, 3], k=6),
          random.choices([1, 2, 3], cum_weights=[1, 1, 5], k=4))
    print(random.sample(range(100), 30)[:5], random.sample("abc", 3, counts=[2, 1, 4]))
    print(random.betavariate(2, 3), random.gammavariate(0.5, 1), random.gammavariate(3, 2),
          random.lognormvariate(0, 1), random.vonmisesvariate(1, 2), random.paretovariate(3),
          random.weibullvariate(1, 2))

for s in ["", "a", "hello", "pyperformance", "x" * 200, "caf\u00e9 \u2603"]:
    random.seed(s)
    print(repr(s), random.random(), random.randrange(1000), random.getrandbits(40))

r1 = random.Random(99)
r2 = random.Random(99)
print(r1.random() == r2.random(), r1.randrange(1000), r2.randrange(1000))
st = r1.getstate()
x = [r1.random() for i in range(5)]
r1.setstate(st)
print(x == [r1.random() for i in range(5)], len(st), st[0], len(st[1]))
r3 = random.Random()
r3.seed(5)
print(r3.random(), random.Random(5).random())
random.seed()
print(0 <= random.random() < 1)
random.seed(None)
print(0 <= random.randrange(5) < 5)


class Seq:
    def __init__(self):
        self.items = [1, 2, 3, 4, 5, 6]

    def __len__(self):
        return len(self.items)

    def __getitem__(self, i):
        return self.items[i]

    def __setitem__(self, i, v):
        self.items[i] = v


random.seed(3)
s = Seq()
random.shuffle(s)
print(s.items, random.choice(s))

tests = [
    ("randrange(0)", lambda: random.randrange(0)),
    ("randrange(5, 5)", lambda: random.randrange(5, 5)),
    ("randrange(5, 1)", lambda: random.randrange(5, 1)),
    ("randrange(0, 10, 0)", lambda: random.randrange(0, 10, 0)),
    ("randrange(0, 10, -1)", lambda: random.randrange(0, 10, -1)),
    ("randrange(10, step=2)", lambda: random.randrange(10, step=2)),
    ("randrange('a')", lambda: random.randrange('a', 5)),
    ("randint(5, 1)", lambda: random.randint(5, 1)),
    ("choice([])", lambda: random.choice([])),
    ("getrandbits(-1)", lambda: random.getrandbits(-1)),
    ("sample(range(3), 5)", lambda: random.sample(range(3), 5)),
    ("sample(range(3), -1)", lambda: random.sample(range(3), -1)),
    ("sample({1, 2}, 1)", lambda: random.sample({1, 2}, 1)),
    ("choices(w, cw)", lambda: random.choices([1], [1], cum_weights=[1])),
    ("choices(bad len)", lambda: random.choices([1, 2], [1])),
    ("choices(zero)", lambda: random.choices([1, 2], [0, 0])),
    ("gammavariate(0, 1)", lambda: random.gammavariate(0, 1)),
    ("seed([])", lambda: random.seed([])),
    ("randrange([])", lambda: random.randrange([])),
    ("randrange(1.5)", lambda: random.randrange(1.5)),
    ("randrange(nan)", lambda: random.randrange(float("nan"))),
    ("randrange(inf)", lambda: random.randrange(float("inf"))),
]
for name, f in tests:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)

# getrandbits past 64 bits, randbytes (getrandbits(n * 8).to_bytes(n, 'little')), bytes seeds.
r = random.Random(1234)
print([r.getrandbits(k) for k in (0, 1, 31, 32, 33, 63, 64, 65, 100, 200)])
print([r.randbytes(n) for n in (0, 1, 3, 7, 8, 9, 20)])
random.seed(b"abc")
print(random.random(), random.randbytes(5))
random.seed(bytearray(b"\xff\x00"))
print(random.random())
