# super(C, self), __new__ / object.__new__, a live __dict__, __setattr__, __init_subclass__,
# descriptors, and ordering comparisons between instances.


class Base(object):
    def __init__(self, v):
        super(Base, self).__init__()
        self.v = v

    def describe(self):
        return "Base(%s)" % self.v


class Child(Base):
    def __init__(self, v, w):
        super(Child, self).__init__(v)
        self.w = w

    def describe(self):
        return "Child:" + super(Child, self).describe()


c = Child(1, 2)
print(c.describe(), c.v, c.w)


class Singleton:
    _instance = None

    def __new__(cls, *args):
        if cls._instance is None:
            cls._instance = super().__new__(cls)
            cls._instance.made = 0
        return cls._instance

    def __init__(self, n):
        self.made += 1
        self.n = n


a, b = Singleton(1), Singleton(2)
print(a is b, a.made, a.n)


class NotMine:
    def __new__(cls):
        return 42

    def __init__(self):
        print("never")


print(NotMine())
raw = object.__new__(Child)
print(type(raw).__name__, hasattr(raw, "v"))


class State:
    def __init__(self):
        self.a = 1
        self.b = 2

    def __setstate__(self, state):
        self.__dict__.update(state)


s = State()
d = s.__dict__
d["c"] = 3
s.__setstate__({"a": 10, "z": 26})
s.b = 20
del s.c
print(sorted(d.items()), s.a, s.z, vars(s) is d, "c" in s.__dict__)


class Logged:
    def __setattr__(self, name, value):
        print("set", name, value)
        object.__setattr__(self, name, value * 2)

    def __delattr__(self, name):
        print("del", name)
        super().__delattr__(name)


lg = Logged()
lg.x = 5
print(lg.x)
del lg.x
print(hasattr(lg, "x"))

registry = []


class Plugin:
    def __init_subclass__(cls):
        registry.append(cls.__name__)


class First(Plugin):
    pass


class Second(First):
    pass


print(registry)


class Typed:
    def __init__(self, name):
        self.name = name

    def __get__(self, obj, owner):
        if obj is None:
            return self
        return obj.__dict__.get(self.name, 0)

    def __set__(self, obj, value):
        if not isinstance(value, int):
            raise TypeError(f"{self.name} must be int")
        obj.__dict__[self.name] = value


class Account:
    balance = Typed("balance")


acct = Account()
print(acct.balance, type(Account.balance).__name__)
acct.balance = 7
print(acct.balance)
try:
    acct.balance = "x"
except TypeError as e:
    print(type(e).__name__, e)


class V:
    def __init__(self, n):
        self.n = n

    def __lt__(self, other):
        return self.n < other.n

    def __le__(self, other):
        return self.n <= other.n


x, y = V(1), V(2)
print(x < y, x > y, x <= y, x >= y, y > x, y >= x, sorted([y, x])[0].n)
try:
    V(1) < 3
except AttributeError as e:
    print(type(e).__name__, e)
try:
    object() < object()
except TypeError as e:
    print(type(e).__name__, e)
print((1).__class__, "s".__class__.__name__, [].__class__ is list, Child.__mro__[1].__name__)
print(repr(object.__repr__(c))[:15], Base.__dict__["describe"].__name__, Child.__module__)


class Proxy:
    def __init__(self, target):
        self._target = target

    def __getattr__(self, name):
        if name.startswith("bad"):
            raise AttributeError(f"no {name}")
        return getattr(self._target, name)


px = Proxy(c)
print(px.v, px.describe(), px._target is c, hasattr(px, "bad_x"), getattr(px, "bad_y", "dflt"))


class Field:
    def __set_name__(self, owner, name):
        self.name = owner.__name__ + "." + name

    def __get__(self, obj, owner):
        return self.name


class Model:
    title = Field()
    body = Field()


print(Model.title, Model().body)


class Outer:
    "Outer doc."
    class Inner:
        pass
class Sub(Outer):
    pass
def f():
    class Local:
        "L"
    return Local
print(Outer.__doc__, Sub.__doc__, Outer.Inner.__qualname__, Sub.__qualname__, Outer.Inner, f(), f().__doc__, f().__qualname__)
print(Outer().__doc__, repr(Outer.Inner()).split(" at ")[0])


class Plugin:
    registry = {}

    def __init_subclass__(cls, key=None, **kw):
        super().__init_subclass__(**kw)
        Plugin.registry[key or cls.__name__] = cls


class A(Plugin, key="a"):
    pass


class B(Plugin):
    pass


class M(metaclass=type):
    pass


print(sorted(Plugin.registry), M.__name__)
try:
    class C(key=1):
        pass
except TypeError as e:
    print(type(e).__name__, e)
