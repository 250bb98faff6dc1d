class Future:
    def __init__(self):
        self.result = None
    def __await__(self):
        value = yield self
        return value

async def leaf(tag):
    v = await Future()
    print("leaf", tag, "resumed with", v)
    return v * 2

async def middle():
    a = await leaf("a")
    b = await leaf("b")
    return a + b

def run(coro):
    value = None
    steps = 0
    try:
        while True:
            fut = coro.send(value)
            steps += 1
            value = steps * 10
    except StopIteration as e:
        return e.value

print(run(middle()))
c = middle()
print(type(c).__name__, c.__name__, repr(c).startswith("<coroutine object middle at 0x"))
c.close()

async def add(a, b):
    return a + b

async def calc():
    return await add(1, 2) * await add(3, 4)
print(run(calc()))

async def boom():
    raise ValueError("inside")

async def catch():
    try:
        await boom()
    except ValueError as e:
        return "caught " + str(e)
print(run(catch()))

done = add(1, 1)
print(run(done))
async def reuse():
    return await done
try:
    run(reuse())
except RuntimeError as e:
    print(type(e).__name__, e)

async def bad():
    await 5
try:
    run(bad())
except TypeError as e:
    print(type(e).__name__, e)

def plain_gen():
    yield 1
async def bad2():
    await plain_gen()
try:
    run(bad2())
except TypeError as e:
    print(type(e).__name__, e)

c = add(1, 2)
try:
    for x in c:
        pass
except TypeError as e:
    print(type(e).__name__, e)
c.close()

c = add(1, 2)
try:
    next(c)
except TypeError as e:
    print(type(e).__name__, e)
c.close()

c = add(1, 2)
try:
    c.send(5)
except TypeError as e:
    print(type(e).__name__, e)
c.close()

async def thrower():
    try:
        await Future()
    except KeyError as e:
        return "thrown in: " + str(e)
c = thrower()
c.send(None)
try:
    c.throw(KeyError("k"))
except StopIteration as e:
    print(e.value)

async def fibonacci(n):
    if n <= 1:
        return n
    return await fibonacci(n - 1) + await fibonacci(n - 2)
print(run(fibonacci(15)))

class Awaitable:
    def __await__(self):
        return iter([1, 2, 3])
async def aw():
    x = await Awaitable()
    return x
c = aw()
print(c.send(None), c.send(None), c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print("value", e.value)

class Wraps:
    def __init__(self, coro):
        self.coro = coro
    def __await__(self):
        return self.coro.__await__()
async def uses_wrapper():
    return await Wraps(add(20, 22))
print(run(uses_wrapper()))
