"""PEP 442 on CPython: the same steps as gc-bench's `pep442` experiment, with __del__.

usage: python3 pep442.py    (prints one JSON line)
"""
import gc
import json
import platform

FINALIZED = 0
STASH = []


class Fin:
    def __init__(self, resurrect):
        self.next = None
        self.resurrect = resurrect

    def __del__(self):
        global FINALIZED
        FINALIZED += 1
        if self.resurrect:
            STASH.append(self)


def alive():
    return sum(1 for o in gc.get_objects() if type(o) is Fin)


def main():
    gc.disable()
    gc.collect()
    steps = []
    a, b, c = Fin(True), Fin(False), Fin(False)
    a.next, b.next, c.next = b, c, a
    del a, b, c
    n = gc.collect()
    steps.append({"step": "collect a garbage 3-cycle whose first finalizer resurrects",
                  "finalized": FINALIZED, "alive": alive(), "collected": n})
    n = gc.collect()
    steps.append({"step": "collect again", "finalized": FINALIZED, "alive": alive(),
                  "collected": n})
    STASH.clear()
    n = gc.collect()
    steps.append({"step": "drop the resurrected object, collect", "finalized": FINALIZED,
                  "alive": alive(), "collected": n})
    d = Fin(True)
    del d
    steps.append({"step": "one object dies by count and resurrects", "finalized": FINALIZED,
                  "alive": alive()})
    STASH.clear()
    steps.append({"step": "drop it again", "finalized": FINALIZED, "alive": alive()})
    print(json.dumps({"python": platform.python_version(), "steps": steps}))


main()
