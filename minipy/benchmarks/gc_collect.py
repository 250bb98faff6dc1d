"""gc_collect: pyperformance's gc_collect benchmark (bm_gc_collect), self-timed.

Each loop builds CYCLES rings of LINKS + 1 doubly linked nodes (every node refers to the next
and the previous one), drops them, and calls gc.collect(), which must free every node: the
rings are garbage only the cycle collector can find.

    python3 gc_collect.py [LOOPS [CYCLES]]
    minipy  gc_collect.py [LOOPS [CYCLES]]

The last line printed is one JSON object: script, interpreter, wall_s (the whole run, in
seconds), gc_s (time spent in the collector), collections, collected (objects freed by the
collector), examined (objects the collector looked at; null on CPython), the parameters and a
check value that must be the same on both interpreters.
"""
import gc
import sys
import time

LOOPS = 200
CYCLES = 100
LINKS = 20
if len(sys.argv) > 1:
    LOOPS = int(sys.argv[1])
if len(sys.argv) > 2:
    CYCLES = int(sys.argv[2])

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

class Node:
    def __init__(self):
        self.next = None
        self.prev = None

    def link_next(self, next):
        self.next = next
        self.next.prev = self


def create_cycle(node, n_links):
    """Create a cycle of n_links nodes, starting with node."""
    if n_links == 0:
        return
    current = node
    for i in range(n_links):
        next_node = Node()
        current.link_next(next_node)
        current = next_node
    current.link_next(node)


def create_gc_cycles(n_cycles, n_links):
    """Create n_cycles cycles of n_links + 1 nodes each."""
    cycles = []
    for _ in range(n_cycles):
        node = Node()
        cycles.append(node)
        create_cycle(node, n_links)
    return cycles


def main():
    m = Measure("gc_collect")
    freed = 0
    for _ in range(LOOPS):
        gc.collect()
        all_cycles = create_gc_cycles(CYCLES, LINKS)
        del all_cycles
        collected = gc.collect()
        assert collected >= CYCLES * (LINKS + 1)
        freed += CYCLES * (LINKS + 1)
    m.report([["loops", LOOPS], ["cycles", CYCLES], ["links", LINKS]], freed)


main()
