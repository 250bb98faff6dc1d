"""gcmeasure: what every benchmark script of this directory measures, and its JSON line.

    from gcmeasure import Measure
    m = Measure("gc_collect")        # after the definitions: starts the clocks
    ...                              # the work
    m.report([["loops", LOOPS]], check)

report() prints one JSON object: script, interpreter, wall_s (seconds since Measure()),
gc_s (time spent in the collector), gc_time_from, collections, collected (objects freed by
the collector), examined (objects the collector looked at; null on CPython), then the given
parameters and the check value. The scripts import this module the same way on CPython and
on minipy: both look for it in the directory of the script being run.
"""
import gc
import sys
import time

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
