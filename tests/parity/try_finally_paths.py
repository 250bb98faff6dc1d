# try/finally run on every way out of the try: return, break and continue through one or
# two finally blocks, an exception pending or raised in the finally block, with except and
# else parts, loops in the finally block (compiled and tree-run functions alike).
log = []


def ret_in_try(x):
    try:
        log.append("body")
        if x:
            return "early"
        log.append("after")
    finally:
        log.append("finally")
    return "late"


print(ret_in_try(1), ret_in_try(0), log)
log.clear()


def raises_in_try(kind):
    try:
        if kind == 1:
            raise ValueError("v")
        if kind == 2:
            return {}["missing"]
        return "ok"
    finally:
        log.append(("finally", kind))


for k in (0, 1, 2):
    try:
        print(raises_in_try(k))
    except Exception as e:
        print(type(e).__name__, e)
print(log)
log.clear()


def replaced(k):
    try:
        if k:
            raise ValueError("first")
        return "value"
    finally:
        log.append("f")
        if k == 2:
            raise KeyError("second")


for k in (0, 1, 2):
    try:
        print(replaced(k))
    except Exception as e:
        print(type(e).__name__, e)


def loops():
    out = []
    for i in range(5):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append(("f", i))
    else:
        out.append("else")
    j = 0
    while True:
        j += 1
        try:
            try:
                if j > 2:
                    break
                continue
            finally:
                out.append(("inner", j))
        finally:
            out.append(("outer", j))
    return out


print(loops())


def nested(x):
    try:
        try:
            if x == 0:
                return "inner return"
            if x == 1:
                raise ValueError("inner")
        finally:
            log.append("inner finally")
        return "after inner"
    finally:
        log.append("outer finally")


log.clear()
for x in (0, 1, 2):
    try:
        print(nested(x))
    except ValueError as e:
        print("caught", e)
print(log)


def with_except(x):
    try:
        r = 10 // x
    except ZeroDivisionError as e:
        log.append("handled " + str(e))
        r = -1
    else:
        log.append("else")
        if r > 5:
            return "big"
    finally:
        log.append("finally")
    return r


log.clear()
print(with_except(0), with_except(1), with_except(5), log)


def unmatched(x):
    try:
        try:
            return [1][x]
        except KeyError:
            return "key"
    finally:
        log.append("unmatched finally")


log.clear()
try:
    unmatched(5)
except IndexError as e:
    print("IndexError", e, log)


def loop_in_finally(items):
    total = 0
    try:
        for v in items:
            total += v
        return total
    finally:
        for v in items:
            log.append(v * 2)


log.clear()
print(loop_in_finally([1, 2, 3]), log)
try:
    loop_in_finally([1, "a"])
except TypeError as e:
    print("TypeError", e, log)


class Res:
    def __init__(self):
        self.depth = 0

    def colour(self, n):
        if self.depth > 3:
            return 0
        try:
            self.depth = self.depth + 1
            if n <= 0:
                return 1
            return n + self.colour(n - 1)
        finally:
            self.depth = self.depth - 1


r = Res()
print(r.colour(2), r.colour(10), r.depth)


def final_raise():
    x = 1
    try:
        x = 2
    finally:
        log.append(x)
        x = x / 0


try:
    final_raise()
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)


# A bare raise in a finally block re-raises the pending exception (RuntimeError when none is).
def f():
    try:
        raise ValueError("x")
    finally:
        try:
            raise
        except Exception as e:
            print(type(e).__name__, e)
try:
    f()
except ValueError as e:
    print("outer", e)


def g(k):
    try:
        if k:
            raise KeyError(k)
        return "fine"
    finally:
        try:
            raise
        except KeyError as e:
            print("finally sees", repr(e))
        except RuntimeError as e:
            print("finally sees nothing:", e)


for k in (0, 1):
    try:
        print(g(k))
    except KeyError as e:
        print("outer", repr(e))
