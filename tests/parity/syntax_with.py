# The with statement: __enter__/__exit__, several items, targets, suppression, and its
# interplay with return / break / continue and try/finally.
log = []


class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress

    def __enter__(self):
        log.append("enter " + self.name)
        return self.name.upper()

    def __exit__(self, exc_type, exc, tb):
        log.append(f"exit {self.name} {exc_type.__name__ if exc_type else None} {exc!r} {tb is None}")
        return self.suppress


with CM("a") as x:
    log.append("body " + x)
print(log)
log.clear()

with CM("a") as x, CM("b") as y:
    log.append(x + y)
print(log)
log.clear()

with CM("outer", suppress=True):
    with CM("inner"):
        raise ValueError("boom")
    log.append("not reached")
log.append("after")
print(log)
log.clear()

try:
    with CM("c"):
        1 / 0
except ZeroDivisionError as e:
    log.append("caught " + str(e))
print(log)
log.clear()


def f():
    for i in range(3):
        with CM(str(i)):
            if i == 0:
                continue
            if i == 1:
                break
    with CM("r"):
        return "returned"


print(f(), log)
log.clear()


def g():
    try:
        with CM("t"):
            return 1
    finally:
        log.append("finally")


print(g(), log)
log.clear()

with CM("tuple") as (a, b, *rest):
    print(a, b, rest)

with (CM("p1") as p, CM("p2")):
    print(p)


class Bad:
    def __enter__(self):
        return self


class Worse:
    pass


for obj in [Bad(), Worse(), 5]:
    try:
        with obj:
            pass
    except TypeError as e:
        print(type(e).__name__, e)


class ExitRaises:
    def __enter__(self):
        return self

    def __exit__(self, *args):
        raise KeyError("from exit")


try:
    with ExitRaises():
        raise ValueError("body")
except KeyError as e:
    print(type(e).__name__, e)


class Suppress:
    def __enter__(self):
        return self

    def __exit__(self, t, v, tb):
        return t is not None and issubclass(t, LookupError)


for exc in [KeyError("k"), IndexError("i"), ValueError("v")]:
    try:
        with Suppress():
            raise exc
        print("suppressed", type(exc).__name__)
    except ValueError as e:
        print("escaped", e)
