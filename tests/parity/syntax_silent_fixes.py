# Results that used to be silently wrong: unknown keyword arguments to builtins, print(file=),
# an exception raised while matching an except clause, len() of a huge range.


class Writer:
    def __init__(self):
        self.parts = []

    def write(self, s):
        self.parts.append(s)
        return len(s)

    def flush(self):
        self.parts.append("<flush>")


w = Writer()
print("x", 1, file=w)
print("a", "b", sep="-", end="!", file=w, flush=True)
print(file=w)
print(w.parts)
print("to stdout", file=None)
print("a", "b", sep=None, end=None)

for call in [
    lambda: sorted([3, 1], reversed=True),
    lambda: len([1], foo=2),
    lambda: print("x", fil=1),
    lambda: min([1], kee=1),
    lambda: max(1, 2, x=1),
    lambda: enumerate([], begin=1),
    lambda: sum([1], st=1),
    lambda: abs(1, x=1),
    lambda: isinstance(1, int, x=1),
    lambda: print("x", sep=5),
    lambda: len(range(-9223372036854775807, 9223372036854775807)),
]:
    try:
        print(call())
    except (TypeError, OverflowError) as e:
        print(type(e).__name__, e)
print(sorted([3, 1, 2], key=lambda v: -v, reverse=True), min([3, 1], key=lambda v: -v))
print(bool(range(-9223372036854775807, 9223372036854775807)))

log = []
try:
    try:
        raise KeyError("k")
    except 5:
        log.append("handler")
    finally:
        log.append("finally ran")
except TypeError as e:
    log.append(f"{type(e).__name__}: {e}")
print(log)


def check(v):
    if v == 1:
        return "one"
    elif v == 2:
        return "two"
    elif v.missing:
        return "never"


print(check(1), check(2))
try:
    check(3)
except AttributeError as e:
    print(type(e).__name__, e)
