from contextlib import contextmanager, suppress, closing, nullcontext, ExitStack

@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")

with tag("h1") as t:
    print("inside", t)

@contextmanager
def swallow():
    try:
        yield
    except ValueError as e:
        print("swallowed", e)

with swallow():
    raise ValueError("bad")
print("after swallow")

try:
    with tag("p"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))

@contextmanager
def noyield():
    if False:
        yield

try:
    with noyield():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@contextmanager
def twice():
    yield 1
    yield 2

try:
    with twice():
        pass
except RuntimeError as e:
    print("RuntimeError", e)

@tag("decorated")
def work(x):
    print("work", x)
    return x * 2

print(work(3), work(4))

with suppress(ZeroDivisionError, KeyError):
    1 / 0
print("suppressed")
try:
    with suppress(KeyError):
        [][1]
except IndexError as e:
    print("not suppressed:", e)

class Res:
    def __init__(self, n): self.n = n
    def close(self): print("closed", self.n)

with closing(Res(1)) as r:
    print("using", r.n)
with nullcontext(42) as v:
    print("null", v)

with ExitStack() as stack:
    for i in range(3):
        stack.enter_context(tag(f"s{i}"))
    stack.callback(print, "callback", "ran")
    print("body")

class Sup:
    def __enter__(self): return self
    def __exit__(self, *a):
        print("Sup sees", a[0].__name__ if a[0] else None)
        return True

with ExitStack() as stack:
    stack.enter_context(tag("outer"))
    stack.push(Sup())
    raise ValueError("eaten")
print("after stack")

stack = ExitStack()
stack.callback(print, "closed later")
moved = stack.pop_all()
stack.close()
print("pop_all moved it")
moved.close()
try:
    with ExitStack() as s:
        s.enter_context(3)
except TypeError as e:
    print("TypeError", e)

# issubclass with tuples (nested too), and its errors.
print(issubclass(ZeroDivisionError, (KeyError, (ArithmeticError,))))
print(issubclass(bool, (str, int)), issubclass(int, ()))
for args in [(1, int), (int, 1), (int, (str, 1))]:
    try:
        issubclass(*args)
    except TypeError as e:
        print("TypeError", e)
