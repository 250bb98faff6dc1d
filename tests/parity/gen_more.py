# scoping of generator expressions
x = 10
g = (x + i for i in range(3))
x = 20
print(list(g))
def f():
    y = 5
    return (y * i for i in range(3))
print(list(f()))
try:
    (i for i in 5)
except TypeError as e:
    print(type(e).__name__, e)
class C:
    vals = [1, 2, 3]
    doubled = list(v * 2 for v in vals)
print(C.doubled)
def lazy():
    print("start")
    yield 1
g = lazy()
print("made")
print(next(g))
ge = (i for i in range(3))
print(type(ge).__name__, ge.__name__, repr(ge).startswith("<generator object <genexpr> at 0x"))
def outer():
    return (i for i in range(2))
print(repr(outer()).startswith("<generator object outer.<locals>.<genexpr> at"))
print(any(i > 2 for i in range(10**9)))
print(all(i < 5 for i in range(10**9)))
print(next(i for i in range(10**9) if i * i > 50))
it = iter([1, 2, 3])
print(type(it).__name__, next(it), list(it))
try:
    next(it)
except StopIteration as e:
    print("StopIteration", repr(e))
print(next(iter([]), "default"))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(4))))
print(type(map(str, [])).__name__, type(zip()).__name__, type(filter(None, [])).__name__, type(enumerate([])).__name__)
print(list(filter(None, [0, 1, "", "a"])), dict(zip("ab", range(2))), list(zip()))
z = zip([1, 2, 3], "ab")
print(next(z), list(z))
try:
    next([1])
except TypeError as e:
    print(type(e).__name__, e)
d = {"a": 1, "b": 2}
print(list(enumerate(d)), "-".join(x.upper() for x in d))
print(tuple(i for i in range(3)), set(i % 2 for i in range(5)), max(i for i in [3, 1, 2]), min((i for i in [3, 1, 2])))
print(sorted((i * 7) % 5 for i in range(5)))
def evens():
    for i in range(10):
        if i % 2:
            continue
        if i > 6:
            break
        yield i
    else:
        yield "else"
print(list(evens()))
def w():
    n = 0
    while n < 3:
        n += 1
        yield n
    else:
        yield "welse"
print(list(w()))
def nested():
    for i in range(3):
        for j in range(3):
            if j > i:
                break
            yield (i, j)
print(list(nested()))
def early():
    yield 1
    return
    yield 2
print(list(early()))
def gen_ret():
    yield 1
    return [1, 2]
def deleg():
    r = yield from gen_ret()
    return r
g = deleg()
next(g)
try:
    next(g)
except StopIteration as e:
    print("value", e.value, e.args)
# unpacking, star
def three():
    yield 1; yield 2; yield 3
a, *b = three()
print(a, b, [*three(), *three()], print(*three()))
# generator in class method with super
class Base:
    def items(self):
        yield "base"
class Derived(Base):
    def items(self):
        yield "derived"
        yield from super().items()
print(list(Derived().items()))
# generator methods and attributes
g = three()
print(g.__qualname__, g.gi_running)
print(g.close(), g.close())
print(list(g))
def catcher():
    try:
        yield 1
    except GeneratorExit:
        print("got GeneratorExit")
        raise
g = catcher(); next(g); g.close()
def ignorer():
    try:
        yield 1
    except GeneratorExit:
        yield 2
g = ignorer(); next(g)
try:
    g.close()
except RuntimeError as e:
    print(type(e).__name__, e)
def stubborn():
    while True:
        try:
            yield
        except ValueError:
            print("ignored ValueError")
g = stubborn(); next(g)
g.throw(ValueError)
g.throw(ValueError, ValueError("x"))
try:
    g.throw(KeyError("k"))
except KeyError as e:
    print("KeyError", e)
print(list(g))
g = three()
try:
    g.throw(IndexError("fresh"))
except IndexError as e:
    print("IndexError", e)
print(list(g))
def return_in_finally():
    try:
        yield 1
    finally:
        return 5
g = return_in_finally(); next(g)
try:
    next(g)
except StopIteration as e:
    print("rf", e.value)
def yield_in_finally():
    try:
        yield 1
        raise ValueError("v")
    finally:
        yield "f"
g = yield_in_finally()
print(next(g), next(g))
try:
    next(g)
except ValueError as e:
    print("after finally:", e)
def reraise():
    try:
        raise KeyError("a")
    except KeyError:
        yield "in handler"
        raise
g = reraise()
print(next(g))
try:
    next(g)
except KeyError as e:
    print("reraised", e)
def yield_in_else():
    try:
        pass
    except Exception:
        pass
    else:
        yield "else"
    yield "after"
print(list(yield_in_else()))
