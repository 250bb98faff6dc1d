"""A module imported by modules.py (a helper, not a parity script: it has no .out)."""
import gc

print("helper_counter: body runs once, as", __name__)

counter = 0
freed = []
_private = "not exported by import *"


def bump():
    global counter
    counter += 1
    return counter


def read():
    return counter


def names():
    return sorted(k for k in globals() if not k.startswith("__"))


def fail(msg):
    raise ValueError(msg)


class Node:
    def __init__(self, name):
        self.name = name
        self.me = self          # a cycle: only the collector frees it

    def __del__(self):
        freed.append(self.name)


def make_garbage(n):
    for i in range(n):
        Node("g" + str(i))


ring = Node("ring")             # a module-level object in a cycle
print("helper_counter: ring tracked", gc.is_tracked(ring))
