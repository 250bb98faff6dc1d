# The match statement (structural pattern matching, PEP 634): every pattern kind, guards,
# bindings, the run-time TypeErrors, and `match` / `case` as ordinary names.
import collections
import collections.abc
from dataclasses import dataclass
from enum import Enum


def show(f, *args):
    try:
        print(f(*args))
    except Exception as e:
        print(type(e).__name__ + ":", e)


# ---------------------------------------------------------------- literals and singletons


def literal(x):
    match x:
        case 0:
            return "zero"
        case -1:
            return "minus one"
        case 2.5:
            return "two and a half"
        case -1.5e3:
            return "minus 1500"
        case 3j:
            return "3j"
        case -2j:
            return "-2j"
        case 1 + 2j:
            return "1+2j"
        case -1 - 2j:
            return "-1-2j"
        case 0.5 - 0.5j:
            return "0.5-0.5j"
        case "a" "b":
            return "the string ab"
        case b"ab" b"c":
            return "the bytes abc"
        case 123456789012345678901234567890:
            return "a big int"
        case -123456789012345678901234567890:
            return "a negative big int"
        case None:
            return "None"
        case True:
            return "True"
        case False:
            return "False"
        case _:
            return "something else: " + repr(x)


for v in [0, 0.0, -1, -1.0, 2.5, -1500, 3j, -2j, complex(1, 2), complex(-1, -2),
          complex(0.5, -0.5), "ab", "a", b"abc", bytearray(b"abc"),
          123456789012345678901234567890, -123456789012345678901234567890, None, True,
          False, 1, [], "None"]:
    print(repr(v), "->", literal(v))


def one(x):
    # `case 1` compares with ==: True and 1.0 match it; `case True` matches only True.
    match x:
        case True:
            return "is True"
        case 1:
            return "== 1"
        case _:
            return "no"


for v in [True, 1, 1.0, complex(1, 0), 2]:
    print(repr(v), one(v))


class Eq:
    def __init__(self, name):
        self.name = name

    def __eq__(self, other):
        print("  __eq__", self.name, repr(other))
        return other == 7

    __hash__ = None


def subject_is_left_operand():
    # The subject is the left operand of ==: its __eq__ runs.
    match Eq("subj"):
        case 7:
            return "matched 7"
        case "x":
            return "matched x"


print(subject_is_left_operand())

# ---------------------------------------------------------------- value patterns


class Color(Enum):
    RED = 1
    GREEN = 2


class Consts:
    LIMIT = 10

    class Inner:
        NAME = "inner"


def value(x):
    match x:
        case Color.RED:
            return "red"
        case Color.GREEN:
            return "green"
        case Consts.LIMIT:
            return "the limit"
        case Consts.Inner.NAME:
            return "the inner name"
        case other:
            return "other " + repr(other)


for v in [Color.RED, Color.GREEN, 10, 10.0, "inner", 1]:
    print(value(v))

# ---------------------------------------------------------------- sequences


def seq(x):
    match x:
        case []:
            return "empty"
        case [a]:
            return f"one: {a!r}"
        case [a, b] if a == b:
            return f"pair of equals {a!r}"
        case (a, b):
            return f"pair {a!r} {b!r}"
        case [first, *middle, last]:
            return f"first {first!r} middle {middle!r} last {last!r}"


for v in [[], (), [1], (2,), [3, 3], (1, 2), [1, 2, 3], (1, 2, 3, 4), range(5), range(1),
          "ab", b"ab", bytearray(b"ab"), {1: 2}, {1, 2}, collections.deque([7, 8, 9])]:
    print(repr(v), "->", seq(v))
print("an iterator ->", seq(iter([1, 2])))


def nested(x):
    match x:
        case [[a, b], [c, [d, *e]]]:
            return (a, b, c, d, e)
        case [1, [2, _], *_]:
            return "starts with 1, [2, _]"
        case [*_, [*_, 9]]:
            return "ends with a sequence ending in 9"
        case (_, _, *rest):
            return ("two or more", rest)
        case _:
            return "no"


for v in [[[1, 2], [3, [4, 5, 6]]], [1, [2, 3], 4, 5], [[1], [8, 9]], (1, 2), (1, 2, 3), [1]]:
    print(nested(v))


def open_sequence(x):
    match x:
        case 1, 2:
            return "1, 2"
        case a, *b:
            return ("a, *b", a, b)
        case ():
            return "empty tuple pattern"


print(open_sequence((1, 2)), open_sequence([5, 6, 7]), open_sequence([]),
      open_sequence("xy"))


class Logged(collections.abc.Sequence):
    """A sequence that says what the match statement asks of it."""

    def __init__(self, *items):
        self.items = list(items)

    def __len__(self):
        print("  len")
        return len(self.items)

    def __getitem__(self, i):
        print("  getitem", i)
        return self.items[i]


def logged(x):
    match x:
        case [1, *_, 5]:
            return "1 ... 5 by index"
        case [_, _]:
            return "two wildcards: no item fetched"
        case [a, *rest]:
            return ("unpacked by iteration", a, rest)


print(logged(Logged(1, 2, 3, 4, 5)))
print(logged(Logged(8, 9)))
print(logged(Logged(3, 4, 5)))


class MyList(list):
    pass


def sub(x):
    match x:
        case [a, b]:
            return ("a list subclass is a sequence", a, b)
        case _:
            return "no"


print(sub(MyList([1, 2])))

Point3 = collections.namedtuple("Point3", "x y z")


def nt(x):
    match x:
        case Point3(x, y, z=0):
            return ("flat point", x, y)
        case (a, b, c):
            return ("a namedtuple is a tuple", a, b, c)


print(nt(Point3(1, 2, 0)), nt(Point3(1, 2, 3)))

# ---------------------------------------------------------------- mappings


def mapping(x):
    match x:
        case {"action": "move", "to": (px, py)}:
            return f"move to {px},{py}"
        case {"action": "say", "text": str(text), **rest}:
            return f"say {text!r} with {rest!r}"
        case {Color.RED: v}:
            return f"red key -> {v}"
        case {1: _, 2: _}:
            return "has keys 1 and 2"
        case {}:
            return "some mapping: " + repr(x)


for v in [{"action": "move", "to": (1, 2)}, {"action": "move", "to": [3, 4], "speed": 9},
          {"action": "say", "text": "hi", "loud": True, "to": 1}, {"action": "say", "text": 5},
          {Color.RED: "r"}, {1: "a", 2: "b", 3: "c"}, {}, {"x": 1},
          collections.OrderedDict(action="move", to=(0, 0)), [("action", "move")]]:
    print(mapping(v))

dd = collections.defaultdict(list)
match dd:
    case {"missing": _}:
        print("matched a missing key")
    case _:
        print("defaultdict: no key created:", dict(dd))


class LoggedMap(collections.abc.Mapping):
    def __init__(self, d):
        self.d = d

    def __getitem__(self, k):
        print("  getitem", k)
        return self.d[k]

    def __len__(self):
        print("  len")
        return len(self.d)

    def __iter__(self):
        return iter(self.d)

    def get(self, k, default=None):
        print("  get", repr(k))
        return self.d.get(k, default)


match LoggedMap({"a": 1, "b": 2, "c": 3}):
    case {"a": 1, "b": x, **others}:
        print("LoggedMap", x, others)


def rest_only(x):
    match x:
        case {**everything}:
            return everything


print(rest_only({"k": 1}), rest_only({}))


class Keys:
    A = "a"
    B = "a"
    L = []


def dup_keys():
    match {"a": 1, "b": 2}:
        case {Keys.A: 1, Keys.B: 2}:
            return "matched"


show(dup_keys)


def unhashable_key():
    match {"a": 1}:
        case {Keys.L: 1}:
            return "matched"


show(unhashable_key)

# ---------------------------------------------------------------- class patterns


class Point:
    __match_args__ = ("x", "y")

    def __init__(self, x, y):
        self.x = x
        self.y = y


@dataclass
class Circle:
    center: Point
    radius: float


def where(p):
    match p:
        case Point(0, 0):
            return "origin"
        case Point(x=0, y=yy):
            return f"on the y axis at {yy}"
        case Point(xx, 0):
            return f"on the x axis at {xx}"
        case Point(x, y) if x == y:
            return f"on the diagonal at {x}"
        case Point():
            return "somewhere else"
        case Circle(Point(0, 0), r):
            return f"circle of radius {r} around the origin"
        case Circle(center=Point(x=cx), radius=r) if r > 10:
            return f"big circle at x={cx}"
        case _:
            return "not a point"


for v in [Point(0, 0), Point(0, 5), Point(3, 0), Point(2, 2), Point(1, 2),
          Circle(Point(0, 0), 2), Circle(Point(1, 1), 20), Circle(Point(1, 1), 1), (0, 0)]:
    print(where(v))


def builtin(x):
    match x:
        case bool(b):
            return f"bool {b}"
        case int(i) if i < 0:
            return f"negative int {i}"
        case int(i):
            return f"int {i}"
        case float(f):
            return f"float {f}"
        case str() as s if not s:
            return "empty str"
        case str(s):
            return f"str {s}"
        case bytes(b) | bytearray(b):
            return f"bytes-like {b!r}"
        case list([a, *_]) | tuple((a, *_)):
            return f"list or tuple starting with {a}"
        case dict({"k": v}):
            return f"dict with k={v}"
        case set(s) | frozenset(s):
            return f"a set of {len(s)}"
        case _:
            return "other"


for v in [True, -3, 7, 2.5, "", "hey", b"b", bytearray(b"ba"), [1, 2], (3,), {"k": 0},
          {1, 2}, frozenset([1]), None, []]:
    print(repr(v), "->", builtin(v))


def list_sub(x):
    match x:
        case MyList(items):
            return ("MyList matches itself", items)


print(list_sub(MyList([1])))


class Attrs:
    __match_args__ = ("a", "b")

    @property
    def a(self):
        print("  get a")
        return 1

    @property
    def b(self):
        print("  get b")
        return 2

    @property
    def c(self):
        print("  get c")
        return 3


match Attrs():
    case Attrs(2, b, c=c):
        print("no")
    case Attrs(1, b, c=cc):
        print("all attributes are fetched before the sub-patterns match:", b, cc)

match Attrs():
    case Attrs(missing=1):
        print("no")
    case Attrs(a=1, missing=_):
        print("no")
    case _:
        print("a missing attribute fails the match")


class NoArgs:
    pass


class ListArgs:
    __match_args__ = ["x"]


class BadArg:
    __match_args__ = ("x", 1)
    x = 1


class Twice:
    __match_args__ = ("x", "x")
    x = 1


def err_positional():
    match NoArgs():
        case NoArgs(a):
            return a


def err_list_args():
    match ListArgs():
        case ListArgs(a):
            return a


def err_bad_arg():
    match BadArg():
        case BadArg(a, b):
            return a


def err_twice():
    match Twice():
        case Twice(a, b):
            return a


def err_twice_kw():
    match Twice():
        case Twice(a, x=b):
            return a


def err_not_a_class():
    match 3:
        case len():
            return "?"


def err_int_two():
    match 5:
        case int(a, b):
            return a


def err_point_three():
    match Point(1, 2):
        case Point(a, b, c):
            return a


def no_error_when_isinstance_fails():
    match "s":
        case Point(a, b, c):
            return a
        case _:
            return "not a Point: the sub-patterns are not looked at"


for f in [err_positional, err_list_args, err_bad_arg, err_twice, err_twice_kw,
          err_not_a_class, err_int_two, err_point_three, no_error_when_isinstance_fails]:
    show(f)

# ---------------------------------------------------------------- or, as, guards, bindings


def or_as(x):
    match x:
        case 1 | 2 | 3 as small:
            return f"small {small}"
        case [1, y] | [y, 1] | (y, 0, _):
            return f"y is {y}"
        case ("a" | "b") as letter:
            return f"letter {letter}"
        case [(1 | 2) as p, (3 | 4) as q] as both:
            return f"{p} {q} {both}"
        case {"k": (int() | float()) as num}:
            return f"number {num}"
        case _:
            return "nothing"


for v in [2, [1, 5], [6, 1], (7, 0, 0), "b", [2, 4], {"k": 1.5}, {"k": "s"}, "c"]:
    print(or_as(v))


def bindings():
    x = "before"
    match [1, 2]:
        case [x, 3]:
            print("no")
    print("a failed pattern binds nothing:", x)
    match [1, 2]:
        case [x, y] if x > 5:
            print("no")
        case _:
            print("a failed guard leaves the names bound:", x, y)
    match 5:
        case n if (doubled := n * 2) > 8:
            print("walrus in a guard:", doubled)


bindings()


def guard_order():
    def g(label, result):
        print("  guard", label)
        return result

    match 3:
        case 1 if g("one", True):
            pass
        case 3 if g("three, false", False):
            pass
        case int() if g("int", True):
            print("the first case whose pattern and guard hold runs")
        case _ if g("wildcard", True):
            print("not reached")


guard_order()


def locals_and_closures():
    match (1, 2):
        case (a, b):
            pass

    def inner():
        return a + b

    return inner()


print("a closure sees pattern bindings:", locals_and_closures())


def unbound():
    try:
        print(z)
    except NameError as e:
        print(type(e).__name__ + ":", e)
    match 1:
        case z:
            return z


print(unbound())

g_name = "global before"


def sets_global():
    global g_name
    match "global after":
        case g_name:
            pass


sets_global()
print(g_name)


class InClass:
    match 1, 2:
        case a, b:
            total = a + b


print("in a class body:", InClass.a, InClass.b, InClass.total)


def gen(items):
    for item in items:
        match item:
            case [x, *_]:
                yield "starts with", x
                yield "and then"
            case {"k": v}:
                got = yield v
                print("  sent", got)
            case _:
                yield "other"


g = gen([[1, 2], {"k": 3}, 4])
print(next(g), next(g), next(g), g.send("S"))
print(list(g))

for i in range(3):
    match i:
        case 0:
            continue
        case 1:
            print("break and continue reach the loop")
            break
print("i =", i)


def returns(x):
    match x:
        case [v]:
            return v
    return "fell through"


print(returns([9]), returns(9))

# ---------------------------------------------------------------- match and case as names

match = {"case": 1}
print(match["case"])
case = [3]
match[case[0] - 2] = 2
print(match)
match = lambda *a: a
print(match(1, 2))
print(match (3))
match, case = 1, 2
print(match, case)
match += 1
print(match)


class M:
    match = "attr"


print(M.match, M().match)


def match_func(match, case=0):
    return match + case


print(match_func(match=1, case=2))
_ = "underscore is a name too"
print(_)
match (1, 2):
    case (1, match):
        print("match as a capture name:", match)
match 5:
    case case:
        print("case as a capture name:", case)

# ---------------------------------------------------------------- scopes, generators, coroutines


def outer():
    x = 0

    def inner():
        nonlocal x
        match 5:
            case x:
                pass

    inner()
    return x


print("a nonlocal capture:", outer())


def gen2():
    while True:
        match (yield "ready"):
            case "stop":
                return "stopped"
            case [x, *_]:
                yield f"first {x}"
            case other:
                print("  got", other)


g = gen2()
print(next(g), g.send([5, 6]), next(g), g.send(3), end=" ")
try:
    g.send("stop")
except StopIteration as e:
    print(e.value)


def gen3():
    match (yield from [1, 2]):
        case None:
            yield "yield from gave None"


print(list(gen3()))


def gen4():
    try:
        match (yield 1):
            case _:
                yield "no"
    except ValueError as e:
        yield f"thrown {e}"


g = gen4()
print(next(g), g.throw(ValueError("v")))


class Ready:
    def __await__(self):
        got = yield "suspended"
        return got


async def co():
    match await Ready():
        case [x]:
            return f"awaited a list holding {x}"
        case _:
            return "awaited something else"


c = co()
print(c.send(None))
try:
    c.send([4])
except StopIteration as e:
    print(e.value)

# ---------------------------------------------------------------- dataclasses' __match_args__
from dataclasses import field


@dataclass
class DA:
    x: int
    y: int = field(default=0, kw_only=True)


@dataclass(match_args=False)
class DB:
    x: int


@dataclass
class DC:
    __match_args__ = ("y",)
    x: int
    y: int = 5


print(DA.__match_args__, hasattr(DB, "__match_args__"), DC.__match_args__)
match DC(1):
    case DC(y):
        print("DC's own __match_args__:", y)


def db_positional():
    match DB(1):
        case DB(x):
            return x


show(db_positional)

# ---------------------------------------------------------------- dict and list subclasses


class D(dict):
    pass


class D2(dict):
    def get(self, k, default=None):
        print("  D2.get", k)
        return dict.get(self, k, default)


class L(list):
    def __len__(self):
        print("  L.len")
        return list.__len__(self)

    def __iter__(self):
        print("  L.iter")
        return list.__iter__(self)


for subj in [D(a=1, b=2), D2(a=1, b=2)]:
    match subj:
        case {"a": x, **rest}:
            print(type(subj).__name__, x, rest, type(rest).__name__)
print({**D(c=3)})
match L([1, 2, 3]):
    case [a, *b]:
        print(a, b)
match L([1, 2, 3]):
    case [a, *_, c]:
        print(a, c)
match L([1, 2, 3]):
    case L([a, *_]):
        print("self", a)
match D(a=1):
    case D({"a": 1}) as d:
        print("D self", d)

# ---------------------------------------------------------------- the order names are bound in
# An OR pattern binds its names in its first alternative's order, whichever matched (seen in
# the order of a class's namespace).


class C1:
    match [1, 2]:
        case {"x": a, "y": b} | [b, a]:
            pass


print([k for k in vars(C1) if not k.startswith("__")])


class C2:
    match [1, [2, 3], 4]:
        case (None, q, r, s, t) | [s, ([r, q] | (q, r, None)), *t]:
            pass


print([k for k in vars(C2) if not k.startswith("__")])


class C3:
    match {"j": (1, 2, 3)}:
        case ({"k": [z, y]} as x) | {"j": (x, y, z)}:
            pass


print([k for k in vars(C3) if not k.startswith("__")])
