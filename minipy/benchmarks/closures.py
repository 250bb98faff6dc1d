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
import time

ITERATIONS = 300000
KEEP = 100
if len(sys.argv) > 1:
    ITERATIONS = int(sys.argv[1])
if len(sys.argv) > 2:
    KEEP = int(sys.argv[2])

# ---- measuring (the same block in every benchmark script) ----------------------------------
# minipy's gc.get_stats() has "duration" (seconds) and "candidates" (objects examined) per
# generation; CPython 3.11's has neither, so there the collector's time is measured with
# gc.callbacks and time.perf_counter(), and the objects examined are unknown (null).


def gc_totals():
    collections = 0
    collected = 0
    duration = 0.0
    candidates = 0
    for s in gc.get_stats():
        collections += s["collections"]
        collected += s["collected"]
        if "duration" in s:
            duration += s["duration"]
        else:
            duration = None
        if "candidates" in s and candidates is not None:
            candidates += s["candidates"]
        else:
            candidates = None
    return [collections, collected, duration, candidates]


GC_CLOCK = [0.0, 0.0]


def gc_clock(phase, info):
    if phase == "start":
        GC_CLOCK[1] = time.perf_counter()
    else:
        GC_CLOCK[0] += time.perf_counter() - GC_CLOCK[1]


def interpreter_name():
    if hasattr(sys, "implementation"):
        return sys.implementation.name
    return "unknown"


def json_value(v):
    if v is None:
        return "null"
    if v is True:
        return "true"
    if v is False:
        return "false"
    if isinstance(v, str):
        return '"' + v + '"'
    return repr(v)


class Measure:
    def __init__(self, script):
        self.script = script
        self.by_stats = gc_totals()[2] is not None
        if not self.by_stats:
            gc.callbacks.append(gc_clock)
        self.before = gc_totals()
        self.gc_before = GC_CLOCK[0]
        self.t0 = time.perf_counter()

    def report(self, params, check):
        wall = time.perf_counter() - self.t0
        after = gc_totals()
        if self.by_stats:
            gc_s = after[2] - self.before[2]
        else:
            gc_s = GC_CLOCK[0] - self.gc_before
            gc.callbacks.remove(gc_clock)
        examined = None
        if after[3] is not None:
            examined = after[3] - self.before[3]
        fields = [
            ["script", self.script],
            ["interpreter", interpreter_name()],
            ["wall_s", wall],
            ["gc_s", gc_s],
            ["gc_time_from", "get_stats" if self.by_stats else "callbacks"],
            ["collections", after[0] - self.before[0]],
            ["collected", after[1] - self.before[1]],
            ["examined", examined],
        ]
        fields.extend(params)
        fields.append(["check", check])
        parts = []
        for kv in fields:
            parts.append('"' + kv[0] + '": ' + json_value(kv[1]))
        print("{" + ", ".join(parts) + "}")


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
