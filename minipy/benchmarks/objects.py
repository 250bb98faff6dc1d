"""objects: object-heavy garbage, self-timed.

Each round builds a small social graph of GROUP instances: every Person refers to a Group
(which lists its members), to a few friends chosen by a fixed pseudo-random sequence (so the
run is the same on every interpreter) and to a Profile that refers back to its owner. The
graph is full of cycles. A window of the last WINDOW groups stays alive; older groups become
garbage that only the cycle collector frees. Nothing here calls gc.collect() until the end.

    python3 objects.py [ROUNDS [GROUP]]
    minipy  objects.py [ROUNDS [GROUP]]

The last line printed is one JSON object: script, interpreter, wall_s, gc_s (time spent in the
collector), collections, collected (objects freed by the collector), examined (objects the
collector looked at; null on CPython), the parameters and a check value that must be the same
on both interpreters.
"""
import gc
import sys
import time

ROUNDS = 3000
GROUP = 50
WINDOW = 20
if len(sys.argv) > 1:
    ROUNDS = int(sys.argv[1])
if len(sys.argv) > 2:
    GROUP = int(sys.argv[2])

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

class Group:
    def __init__(self, n):
        self.n = n
        self.members = []


class Profile:
    def __init__(self, owner, score):
        self.owner = owner
        self.score = score


class Person:
    def __init__(self, group, ident):
        self.group = group
        self.ident = ident
        self.friends = []
        self.profile = Profile(self, ident % 13)
        group.members.append(self)

    def befriend(self, other):
        self.friends.append(other)
        other.friends.append(self)


SEED = [12345]


def next_random(n):
    SEED[0] = (SEED[0] * 1103515245 + 12345) % 2147483648
    return SEED[0] % n


def build_group(n, size):
    g = Group(n)
    people = []
    for i in range(size):
        people.append(Person(g, n * size + i))
    for p in people:
        for _ in range(3):
            p.befriend(people[next_random(size)])
    return g


def score(g):
    s = 0
    for p in g.members:
        s += p.profile.score + len(p.friends)
    return s


def main():
    m = Measure("objects")
    window = [None] * WINDOW
    check = 0
    for r in range(ROUNDS):
        g = build_group(r, GROUP)
        check = (check + score(g)) % 1000003
        window[r % WINDOW] = g
    window = None
    g = None
    gc.collect()
    m.report([["rounds", ROUNDS], ["group", GROUP], ["window", WINDOW]], check)


main()
