# A generator's frame (its locals, the iterators of the loops it is suspended in, the
# generator it delegates to, the exception its handler is handling) is held by the
# generator object and traced: a generator suspended inside a reference cycle is garbage
# the cycle collector finds, as in CPython.
import gc
import weakref


class Witness:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print("  __del__", self.name)


def report(title, ref):
    print(title)
    print("  alive before collect:", ref() is not None)
    gc.collect()
    print("  alive after collect:", ref() is not None)


# 1. The generator is one of its own frame's locals (CPython's classic case).
def holds_itself():
    w = Witness("local of a self-referencing generator")
    me = yield 1
    yield 2


g = holds_itself()
next(g)
g.send(g)
print("tracked:", gc.is_tracked(g))
del g
print("case 1: deleted, not yet freed")
gc.collect()
print("case 1 collected")


# 2. Suspended in a for loop whose iterator reaches the generator.
def loop_over(items, w):
    for x in items:
        yield x


items = [1, 2]
witness = Witness("held by a generator suspended in a for loop")
ref = weakref.ref(witness)
gen = loop_over(items, witness)
items.append(gen)
print(next(gen))
del gen, items, witness
report("case 2: list -> generator -> loop iterator -> list", ref)


# 3. Suspended in `yield from`, the delegate referring back to the delegating generator.
def inner(box, w):
    got = yield "inner"
    yield got


def outer(box):
    result = yield from box[0]
    yield result


box = []
witness = Witness("local of the delegate")
ref = weakref.ref(witness)
box.append(inner(box, witness))
gen = outer(box)
box.append(gen)
print(next(gen))
del gen, box, witness
report("case 3: outer -> inner (yield from) -> box -> outer", ref)


# 4. Suspended in an except handler whose exception refers to the generator.
class Carrier(Exception):
    pass


def handler(w):
    try:
        raise Carrier()
    except Carrier as e:
        yield e


witness = Witness("local of a generator suspended in a handler")
ref = weakref.ref(witness)
gen = handler(witness)
exc = next(gen)
exc.gen = gen
del gen, exc, witness
report("case 4: generator -> handled exception -> generator", ref)


# 5. A cycle through a generator with a finally block: collecting it closes it first.
def with_cleanup(w):
    me = yield
    try:
        yield 1
    finally:
        print("  finally block runs as the cycle is collected")


witness = Witness("local of a generator with a finally block")
ref = weakref.ref(witness)
gen = with_cleanup(witness)
next(gen)
gen.send(gen)
del gen, witness
report("case 5: generator with finally, in a cycle", ref)


# 6. Not garbage: a suspended generator reachable from a global stays intact.
def counter(w):
    n = 0
    while True:
        yield n
        n += 1


witness = Witness("kept")
ref = weakref.ref(witness)
keep = counter(witness)
keep_self = [keep]
next(keep)
del witness
gc.collect()
print("case 6: still alive:", ref() is not None, next(keep), next(keep))

# 7. A finished generator releases its frame at once (no collection needed).
def finishes(w):
    yield 1


witness = Witness("local of a finished generator")
gen = finishes(witness)
del witness
print("case 7:", list(gen))
print("end")

# 8. Weak references to generators, and their callbacks, as in CPython.
def selfish():
    me = yield
    yield me


gen = selfish()
next(gen)
gen.send(gen)
ref = weakref.ref(gen, lambda r: print("  callback: generator collected, ref() is", r()))
print("case 8: ref() is gen:", ref() is gen, weakref.getweakrefcount(gen))
del gen
print("  alive before collect:", ref() is not None)
gc.collect()
print("  alive after collect:", ref() is not None)
short = (x for x in [1])
ref = weakref.ref(short, lambda r: print("  callback: a finished genexp freed by refcount"))
print(list(short))
del short
print("end of case 8")
