# dataclasses: @dataclass with and without arguments, field(), fields(), asdict(), replace().
from dataclasses import dataclass, field, fields, asdict, astuple, replace, is_dataclass


@dataclass
class Point:
    x: int
    y: int = 0


@dataclass(order=True)
class Version:
    major: int
    minor: int = 0
    tags: list = field(default_factory=list, compare=False)
    count = 0


@dataclass(repr=False, eq=False)
class Plain:
    a: str


@dataclass
class Point3(Point):
    z: int = 5
    label: str = field(default="p", repr=False)

    def __post_init__(self):
        self.norm = abs(self.x) + abs(self.y) + abs(self.z)


p = Point(1, 2)
print(p, Point(3), Point(y=4, x=5), p == Point(1, 2), p == Point(2, 1), p == (1, 2))
print(Point.__init__.__qualname__, is_dataclass(p), is_dataclass(5))
v1, v2 = Version(1, 2), Version(1, 10, ["rc"])
print(v1, v2, v1 < v2, v1 >= v2, sorted([v2, v1]) == [v1, v2], Version(1, 2, ["x"]) == v1)
v1.tags.append("a")
print(v1.tags, v2.tags, Version(3).tags, Version.count)
print(type(Plain("a").__repr__()).__name__, Plain("a") == Plain("a"))
q = Point3(1, -2)
print(q, q.norm, q.label, [f.name for f in fields(q)])
print(asdict(q), astuple(p), replace(p, y=9))
print(Point.__annotations__, Point.__match_args__)


@dataclass(frozen=True)
class Frozen:
    a: int
    b: str = "b"


fr = Frozen(1)
print(fr, fr == Frozen(1), hash(fr) == hash(Frozen(1)))
try:
    fr.a = 2
except AttributeError as e:
    print(type(e).__name__, e)
try:
    del fr.b
except AttributeError as e:
    print(type(e).__name__, e)

for bad in [lambda: Point(), lambda: Point(1, 2, 3), lambda: Point(1, x=2), lambda: Point(1, w=2)]:
    try:
        bad()
    except TypeError as e:
        print(type(e).__name__, e)
try:
    Version(1) < Point(1)
except TypeError as e:
    print(type(e).__name__, e)
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as e:
    print(type(e).__name__, e)
try:
    field(default=1, default_factory=list)
except ValueError as e:
    print(type(e).__name__, e)


@dataclass
class Node:
    value: int
    children: "list[Node]" = field(default_factory=list)


tree = Node(1, [Node(2), Node(3, [Node(4)])])
print(tree)
print(asdict(tree))
