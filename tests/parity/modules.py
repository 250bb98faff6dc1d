# Importing modules from .py files next to the script, as CPython does (sys.path[0]).
import gc

import helper_counter
import helper_counter as hc
from helper_counter import bump, read, Node

print(helper_counter.__name__, hc is helper_counter, type(hc).__name__)

# A module's globals are its attributes, live both ways.
print(helper_counter.counter)
bump()
bump()
print(helper_counter.counter, hc.counter, read())
helper_counter.counter = 10
print(bump(), read())
counter = "main's counter"      # the main module's own global of the same name
print(bump(), counter)
print(helper_counter.names())

# Classes and functions remember their module.
n = Node("n")
print(type(n).__name__, Node.__name__, repr(Node) == "<class 'helper_counter.Node'>")
print(bump.__name__)

# An exception raised inside the module's code.
try:
    helper_counter.fail("boom")
except ValueError as e:
    print("caught", repr(e))

# Objects made by module code are tracked and collected like any others.
gc.collect()
helper_counter.make_garbage(3)
gc.collect()
print(sorted(helper_counter.freed))
del helper_counter.ring         # the module's last reference to its cycle
gc.collect()
print(sorted(helper_counter.freed))
n = None
gc.collect()
print(sorted(helper_counter.freed))

# The module body ran once: importing again returns the same module.
import helper_counter as again
print(again is hc)


def local_import():
    import helper_counter as inner
    from helper_counter import read as r
    return inner is hc, r()


print(local_import())

# A circular import: helper_circ_b sees helper_circ_a partly initialised.
import helper_circ_a
import helper_circ_b
print(helper_circ_a.describe(), helper_circ_b.a_name())

# from ... import * binds the public names only.
from helper_counter import *
print("make_garbage" in globals(), "_private" in globals(), counter)

# Errors.
try:
    from helper_counter import nope
except ImportError as e:
    print("ImportError", str(e).startswith("cannot import name 'nope' from 'helper_counter' ("))
try:
    import no_such_module_here
except ModuleNotFoundError as e:
    print(type(e).__name__, e)
