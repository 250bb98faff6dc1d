# Variable, class and function annotations, evaluated as CPython evaluates them.
x: int = 5
y: "list[int]"
print(x, __annotations__)


class Config:
    name: str = "cfg"
    size: int
    ratio: float = 0.5

    def method(self, a: int, b: str = "b", *args: int, flag: bool = False, **kw) -> str:
        local: int = 3
        never: undefined_name  # not evaluated inside a function
        return f"{a}{b}{local}"


print(Config.__annotations__)
print(Config.name, Config.ratio, hasattr(Config, "size"))
print(Config.method.__annotations__)
print(Config().method(1))


def plain(a, b=1):
    return a


print(plain.__annotations__, plain.__defaults__)


def ret() -> None:
    pass


print(ret.__annotations__)
try:
    z: int = undefined_value
except NameError as e:
    print(type(e).__name__, e)
try:
    w: undefined_type = 1
except NameError as e:
    print(type(e).__name__, e)
print(w)
d = {}
d["k"]: int = 7
print(d)
