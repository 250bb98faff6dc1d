"""closures: closure-heavy garbage, self-timed.

Each iteration calls a function that defines closures over its local variables; one of them
refers to itself through its enclosing scope (a function <-> scope cycle, as CPython's function
<-> cell cycle), and an accumulator closure is kept in a small ring of survivors so that some
closures live through several collections before they die. Nothing here calls gc.collect():
the collections are the automatic ones.

    python3 closures.py [ITERATIONS [KEEP]]
    minipy  closures.py [ITERATIONS [KEEP]]

The last line printed is one JSON object: script, interpreter, wall_s, gc_s (time spent in the
collector), collections, collected (objects freed by the collector), examined (objects the
collector looked at; null on CPython), the parameters and a check value that must be the same
on both interpreters.
"""
import gc
import sys

from gcmeasure import Measure

ITERATIONS = 300000
KEEP = 100
if len(sys.argv) > 1:
    ITERATIONS = int(sys.argv[1])
if len(sys.argv) > 2:
    KEEP = int(sys.argv[2])

# ---- the benchmark ---------------------------------------------------------------------------

def make_closures(i):
    total = [i]
    history = []

    def add(x):
        total[0] += x
        history.append(x)
        return add          # add -> its scope -> add: a cycle

    def get():
        return total[0]

    def both():
        return add, get     # refers to the other two through the shared scope

    add(i % 7)
    add(1)
    return both


def main():
    m = Measure("closures")
    ring = [None] * KEEP
    check = 0
    for i in range(ITERATIONS):
        both = make_closures(i)
        pair = both()
        check = (check + pair[1]()) % 1000003
        ring[i % KEEP] = pair[0]
    for f in ring:
        if f is not None:
            check = (check + len(f.__name__)) % 1000003
    ring = None
    gc.collect()
    m.report([["iterations", ITERATIONS], ["keep", KEEP]], check)


main()
