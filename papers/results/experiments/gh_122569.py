"""gh-122569 on CPython: promoted objects that die by reference count still count towards
the long-lived rule, so full collections run and find nothing.

The issue's program (https://github.com/python/cpython/issues/122569), adapted: a gc callback
empties the list of short-lived objects after every generation-1 collection (which has just
promoted them into generation 2), so they die by reference count; a second callback counts the
full collections and what they freed.

usage: python3 gh_122569.py LONG_LIVED ALLOCATIONS    (prints one JSON line)
"""
import gc
import json
import platform
import sys
import time


class Temp:
    pass


def main():
    long_lived = int(sys.argv[1]) if len(sys.argv) > 1 else 20000
    allocations = int(sys.argv[2]) if len(sys.argv) > 2 else 1000000
    gc.set_threshold(700, 10, 10)
    keep = [Temp() for _ in range(long_lived)]
    gc.collect()  # the long-lived objects survive a full collection
    acc = []
    full = {"count": 0, "collected": 0, "seconds": 0.0, "start": 0.0}

    def callback(phase, info):
        gen = info["generation"]
        if gen == 2:
            if phase == "start":
                full["start"] = time.perf_counter()
            else:
                full["count"] += 1
                full["collected"] += info["collected"]
                full["seconds"] += time.perf_counter() - full["start"]
        if phase == "stop" and gen == 1:
            acc.clear()  # the objects just promoted die by reference count

    gc.callbacks.append(callback)
    for _ in range(allocations):
        acc.append(Temp())
    gc.callbacks.remove(callback)
    print(json.dumps({
        "python": platform.python_version(),
        "long_lived": len(keep),
        "allocations": allocations,
        "full_collections": full["count"],
        "collected": full["collected"],
        "seconds": full["seconds"],
    }))


main()
