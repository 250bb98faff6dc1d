# try/except in functions the bytecode VM compiles (interp/vm), against CPython.
def t1(x):
    try:
        return 10 // x
    except ZeroDivisionError as e:
        return "zde " + str(e)


def t2(xs):
    out = []
    for x in xs:
        try:
            out.append(1 / x)
        except (TypeError, ZeroDivisionError) as e:
            out.append(type(e).__name__)
            if x is None:
                break
            continue
        else:
            out.append("else")
    return out


def t3(d, k):
    try:
        v = d[k]
    except KeyError:
        try:
            v = d["default"]
        except KeyError:
            raise
    return v


def t4(x):
    try:
        try:
            raise ValueError(x)
        except TypeError:
            return "no"
    except ValueError as e:
        try:
            1 / 0
        except ZeroDivisionError:
            pass
        return "outer", e.args


def t5(x):
    try:
        raise KeyError(x)
    except KeyError as e:
        raise ValueError("wrapped") from e


def t6():
    try:
        return undefined_thing
    except 5:
        return "never"


def t7(n):
    i = 0
    while True:
        try:
            i += 1
            if i > n:
                raise StopIteration
        except StopIteration:
            break
        except Exception:
            pass
    return i


def t8(x):
    try:
        x.foo
    except AttributeError as err:
        name = "err"
    try:
        return err
    except NameError as e2:
        return "unbound: " + str(e2)


print(t1(2), t1(0))
print(t2([1, 0, "a", 2, None, 5]))
print(t3({"a": 1, "default": 2}, "a"), t3({"default": 2}, "b"))
try:
    t3({}, "z")
except KeyError as e:
    print("KeyError", e)
print(t4(3))
try:
    t5(1)
except ValueError as e:
    print("ValueError", e)
try:
    t6()
except TypeError as e:
    print("TypeError", e)
print(t7(5))
print(t8(1))
