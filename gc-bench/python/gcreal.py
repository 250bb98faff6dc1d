"""gcreal: what gc-bench measures around a real program, the same way on CPython and minipy.

    import gcreal
    gcreal.start()          # register the gc callback, read the counters, start the clock
    ...                     # the program runs, unmodified, in the same process
    gcreal.report("go")     # print one JSON line: the figures since start()

The collector's time is measured alike on both interpreters: a function appended to
`gc.callbacks` takes `time.perf_counter()` when a collection starts and when it stops and adds
up the differences (CPython 3.11's `gc.get_stats()` has no time). The counts are differences
of sums over `gc.get_stats()`. minipy's `gc.get_stats()` also has the collector's own clock
(`duration`) and the objects it examined (`candidates`), which are reported beside
(`gc_clock_s`, `examined`); CPython gives null for both.

The JSON line: script (the program's name), interpreter, wall_s (seconds from start() to
report()), gc_s (the callbacks' sum), gc_time_from ("callbacks"), collections, collected,
examined, gc_clock_s, tracked_at_start (`len(gc.get_objects())` before the program: the
interpreter's own tracked objects, which a full collection walks too). The driver prints it as the last line of the output; everything before
it is the program's own output.
"""
import gc
import sys
import time

# [total seconds inside collections, start of the current one, wall clock at start()]
_CLOCK = [0.0, 0.0, 0.0]
_BEFORE = []
# Objects the collector tracks when the program starts (the interpreter's own and the modules
# imported so far): what a full collection walks besides the program's objects.
_TRACKED = [0]


def _on_gc(phase, info):
    if phase == "start":
        _CLOCK[1] = time.perf_counter()
    else:
        _CLOCK[0] += time.perf_counter() - _CLOCK[1]


def _totals():
    collections = 0
    collected = 0
    duration = 0.0
    candidates = 0
    for s in gc.get_stats():
        collections += s["collections"]
        collected += s["collected"]
        if "duration" in s and duration is not None:
            duration += s["duration"]
        else:
            duration = None
        if "candidates" in s and candidates is not None:
            candidates += s["candidates"]
        else:
            candidates = None
    return [collections, collected, duration, candidates]


def start():
    """Register the callback, read the counters and start the clocks."""
    _TRACKED[0] = len(gc.get_objects())
    gc.callbacks.append(_on_gc)
    _BEFORE.clear()
    _BEFORE.extend(_totals())
    _CLOCK[0] = 0.0
    _CLOCK[2] = time.perf_counter()


def _json(v):
    if v is None:
        return "null"
    if isinstance(v, str):
        return '"' + v + '"'
    return repr(v)


def _difference(after, before):
    if after is None or before is None:
        return None
    return after - before


def report(name):
    """Stop the clocks, remove the callback and print the JSON line."""
    wall = time.perf_counter() - _CLOCK[2]
    after = _totals()
    if _on_gc in gc.callbacks:
        gc.callbacks.remove(_on_gc)
    fields = [
        ["script", name],
        ["interpreter", sys.implementation.name],
        ["wall_s", wall],
        ["gc_s", _CLOCK[0]],
        ["gc_time_from", "callbacks"],
        ["collections", after[0] - _BEFORE[0]],
        ["collected", after[1] - _BEFORE[1]],
        ["examined", _difference(after[3], _BEFORE[3])],
        ["gc_clock_s", _difference(after[2], _BEFORE[2])],
        ["tracked_at_start", _TRACKED[0]],
    ]
    parts = []
    for kv in fields:
        parts.append('"' + kv[0] + '": ' + _json(kv[1]))
    print("{" + ", ".join(parts) + "}")
