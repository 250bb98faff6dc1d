"""gh-122567 on CPython: calling gc.collect(0) often starves generation 1.

The issue's reproducer (https://github.com/python/cpython/issues/122567), adapted: each object
carries no 512 MiB buffer, and the loop runs a fixed number of times and then counts the
objects still alive instead of waiting for memory to run out.

usage: python3 gh_122567.py ITERATIONS    (prints one JSON line)
"""
import gc
import json
import platform
import sys


class Temp:
    def __init__(self):
        self._x = self  # a cycle: only a collection can free it


def main():
    iterations = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    gc.set_threshold(100, 3, 3)  # as in the issue
    gc.collect()
    before = gc.get_stats()[1]["collections"]
    for _ in range(iterations):
        ref = Temp()
        gc.collect(0)  # promotes the new object to generation 1
        del ref  # now garbage in generation 1
    alive = sum(1 for o in gc.get_objects() if type(o) is Temp)
    gen1 = gc.get_stats()[1]["collections"] - before
    gc.collect()
    left = sum(1 for o in gc.get_objects() if type(o) is Temp)
    print(json.dumps({
        "python": platform.python_version(),
        "iterations": iterations,
        "alive": alive,
        "gen1_collections": gen1,
        "alive_after_full_collection": left,
    }))


main()
