# At exit a __del__ still sees the module's globals and the modules they name: CPython 3.11
# frees the main module's namespace (in a cycle with its functions and classes) in the
# shutdown collection, every object intact while the finalizers run.
import math

PREFIX = "shutdown:"


def helper(n):
    return n * 2


class Resource:
    def __init__(self, name):
        self.name = name

    def __del__(self):
        print(PREFIX, self.name, math.sqrt(16), helper(21))


first = Resource("first")
second = Resource("second")
print("end of program")
