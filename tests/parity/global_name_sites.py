# Reads of globals and builtins from function bodies, at the same sites, again and again,
# while the module's names and the builtins they shadow change under them: every change
# must be seen at the next read (minipy keeps per-site slot guesses for these names).
import helper_globals_target as target


def count(seq):
    total = 0
    for _ in range(3):
        total += len(seq)
    return total


print("builtin len:", count([1, 2, 3]))


def fake_len(seq):
    return 100


len = fake_len
print("shadowed by a module global:", count([1, 2, 3]))
del len
print("shadow deleted, builtin again:", count([1, 2, 3]))


def shadow_with_global_statement():
    global len
    len = lambda seq: 7


def unshadow_with_global_statement():
    global len
    del len


shadow_with_global_statement()
print("shadowed by a global statement:", count([1]))
unshadow_with_global_statement()
print("unshadowed by a global statement:", count([1]))

# A module-level constant read in a loop, rebound and deleted between calls.
LIMIT = 3


def below_limit(values):
    return [v for v in values if v < LIMIT] + [LIMIT]


def first_below(values):
    out = []
    for v in values:
        if v < LIMIT:
            out.append(v)
    return out


print(first_below(range(10)), below_limit(range(10)))
LIMIT = 5
print(first_below(range(10)), below_limit(range(10)))
del LIMIT
try:
    first_below(range(10))
except NameError as e:
    print("NameError:", e)
LIMIT = 1
print(first_below(range(10)))

# Deleting an earlier global moves the later ones to other slots of the module's map.
AAA = "a"
BBB = "b"
CCC = "c"


def read_ccc():
    return CCC + BBB


print(read_ccc(), read_ccc())
del AAA
print(read_ccc())
del BBB
BBB = "B"
print(read_ccc())
AAA = "a2"
print(read_ccc(), AAA)

# Another module's globals, rebound and deleted from here through the module object.
print("target.scaled:", target.scaled(5), target.scaled(6))
target.SCALE = 10
print("after target.SCALE = 10:", target.scaled(5))
del target.SCALE
try:
    target.scaled(5)
except NameError as e:
    print("NameError:", e)
target.SCALE = 3
print("restored:", target.scaled(5))
print("target.uses_len:", target.uses_len("abcd"))
target.len = lambda s: "shadowed in target"
print("target's own len shadowed:", target.uses_len("abcd"), "here:", count([1]))
del target.len
print("target's shadow deleted:", target.uses_len("abcd"))
try:
    target.missing()
except NameError as e:
    print("NameError:", e)
target.NOT_YET_DEFINED = "now defined"
print(target.missing())
target.__dict__["NOT_YET_DEFINED"] = "through __dict__"
print(target.missing())
del target.__dict__["NOT_YET_DEFINED"]
try:
    target.missing()
except NameError as e:
    print("NameError:", e)

# A builtin used before the module global of the same name exists, then shadowed by a
# def and by a class.
def use_abs(x):
    return abs(x)


print(use_abs(-3))


def abs(x):
    return "my abs"


print(use_abs(-3))


class abs:
    def __init__(self, x):
        self.x = x

    def __repr__(self):
        return "abs-instance"


print(use_abs(-3))
del abs
print(use_abs(-3))


# Methods read module globals, not their class's attributes.
VALUE = "module VALUE"


class Holder:
    VALUE = "class VALUE"

    def read(self):
        return VALUE

    def read_len(self):
        return len("xyz")


h = Holder()
print(h.read(), h.read())
VALUE = "module VALUE 2"
print(h.read(), h.read_len())
len = lambda s: "module len"
print(h.read_len())
del len
print(h.read_len())


# An enclosing function's variable, read by a nested function at one site, rebound by the
# enclosing function and by `nonlocal`.
def outer():
    n = 1

    def inner():
        return n

    first = inner()
    n = 2
    second = inner()

    def bump():
        nonlocal n
        n += 10

    bump()
    return first, second, inner()


print(outer())


# A name that is a global at some calls and a local at none: reading it before the module
# binds it, then after.
def late():
    return LATE_NAME


try:
    late()
except NameError as e:
    print("NameError:", e)
LATE_NAME = "late"
print(late(), late())


# A local that shadows a global only after it is assigned: UnboundLocalError, and the
# global is untouched.
G = "global G"


def shadowing_local(flag):
    if flag:
        G = "local G"
    return G


print(shadowing_local(True))
try:
    shadowing_local(False)
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
print(G)

# The same function object run with different globals through exec'd code.
src = """
def reader():
    return WHO
"""
ns1 = {"WHO": "ns1"}
ns2 = {"WHO": "ns2"}
exec(src, ns1)
exec(src, ns2)
print(ns1["reader"](), ns2["reader"](), ns1["reader"]())
ns1["WHO"] = "ns1 changed"
del ns2["WHO"]
print(ns1["reader"]())
try:
    ns2["reader"]()
except NameError as e:
    print("NameError:", e)
ns2["len"] = lambda s: "ns2 len"
exec("def use_len():\n    return len('ab')\n", ns2)
print(ns2["use_len"]())
del ns2["len"]
print(ns2["use_len"]())

# Last, as globals() makes the module's names a dict object from then on: the same sites,
# the names now read through that dict.
print("before globals():", count([1, 2, 3]), first_below(range(4)), read_ccc())
globals()["len"] = lambda seq: -1
print("shadowed through globals():", count([1, 2, 3]))
del globals()["len"]
print("deleted through globals():", count([1, 2, 3]))
exec("len = lambda seq: 42", globals())
print("shadowed by exec:", count([1]))
exec("del len", globals())
print("unshadowed by exec:", count([1]))
LIMIT = 2
globals()["CCC"] = "C"
print(first_below(range(4)), read_ccc())
del globals()["LIMIT"]
try:
    first_below(range(4))
except NameError as e:
    print("NameError:", e)
