# Function attributes: __dict__, arbitrary attributes, the special names, functools.wraps.
import functools


def f(a, b=2, *args, c, d=4, **kw):
    "Docstring of f."
    return a


def g():
    pass


lam = lambda x, y=1: x


print(f.__name__, f.__qualname__, f.__doc__, f.__module__, f.__defaults__, f.__kwdefaults__)
print(g.__name__, g.__doc__, g.__defaults__, g.__kwdefaults__, g.__dict__)
print(lam.__name__, lam.__qualname__, lam.__doc__, lam.__defaults__)
f.calls = 0
f.tags = ["x"]
print(f.__dict__, f.calls, hasattr(f, "tags"), getattr(f, "missing", "default"))
f.__dict__["extra"] = 1
print(f.extra, sorted(f.__dict__), f.__dict__ is f.__dict__)
f.calls += 1
del f.tags
print(f.__dict__, hasattr(f, "tags"))
f.__dict__.update(more=2)
print(f.more, vars(f))
try:
    g.nope
except AttributeError as e:
    print("AttributeError:", e)
try:
    del g.nope
except AttributeError as e:
    print("AttributeError:", e)
g.__name__ = "renamed"
g.__doc__ = "new doc"
g.__qualname__ = "Q.renamed"
print(g.__name__, g.__doc__, g.__qualname__, g.__dict__)


class C:
    def method(self):
        "A method."

    class Inner:
        def deep(self):
            def local():
                pass

            return local


print(C.method.__qualname__, C().method.__name__, C.method.__doc__, C.Inner.deep.__qualname__)
print(C.Inner().deep().__qualname__, C.method.__module__)


def counted(fn):
    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        return fn(*args, **kwargs)

    wrapper.calls = 0
    return wrapper


@counted
def add(x, y):
    "Add two numbers."
    return x + y


add.marker = "m"
print(add(1, 2), add(3, 4), add.calls, add.__name__, add.__doc__, add.__qualname__)
print(add.__wrapped__.__name__, sorted(add.__dict__))
f.owner = "me"
w = counted(f)
print(w.owner, w.calls, w.__wrapped__ is f, w.__name__)


def memo(fn):
    fn.cache = {}

    def inner(n):
        if n not in fn.cache:
            fn.cache[n] = fn(n)
        return fn.cache[n]

    return inner


@memo
def sq(n):
    return n * n


print(sq(3), sq(3), sq(4))
