"""bpo-4074 on CPython: building a huge container with and without the long-lived rule.

CPython cannot switch the rule off, so the arm without it turns automatic collection off and
runs the count-threshold policy itself: after every append it reads gc.get_count() and, when
generation 0 is over its threshold, collects the oldest generation whose count is over its
threshold (a full collection whenever generation 2's is, which is the policy without the rule).
The arm with the rule is CPython's automatic collection, reading gc.get_count() after every
append too so that both arms pay for it. Thresholds (100, 10, 10), as in the gc-core arms.

usage: python3 long_lived_rule.py --runs=R --sizes=N1,N2,...    (prints one JSON line)
"""
import gc
import json
import platform
import statistics
import sys
import time

T0, T1, T2 = 100, 10, 10


def build(n, rule_off):
    gc.collect()
    gc.set_threshold(T0, T1, T2)
    if rule_off:
        gc.disable()
    else:
        gc.enable()
    full0 = gc.get_stats()[2]["collections"]
    get_count, collect = gc.get_count, gc.collect
    t = time.perf_counter()
    container = []
    append = container.append
    for _ in range(n):
        append([None])  # a tracked element
        c0, c1, c2 = get_count()
        if rule_off and c0 > T0:
            collect(2 if c2 > T2 else 1 if c1 > T1 else 0)
    took = time.perf_counter() - t
    full = gc.get_stats()[2]["collections"] - full0
    gc.enable()
    del container
    return took, full


def main():
    runs, sizes = 3, [200000, 800000]
    for a in sys.argv[1:]:
        if a.startswith("--runs="):
            runs = int(a.split("=", 1)[1])
        elif a.startswith("--sizes="):
            sizes = [int(x) for x in a.split("=", 1)[1].split(",")]
    points = []
    for n in sizes:
        on, off = [], []
        full_on = full_off = 0
        for _ in range(runs):
            s, full_on = build(n, False)
            on.append(s)
            s, full_off = build(n, True)
            off.append(s)
        points.append({
            "n": n,
            "auto_s": statistics.median(on),
            "auto_min": min(on),
            "auto_max": max(on),
            "auto_full": full_on,
            "rule_off_s": statistics.median(off),
            "rule_off_min": min(off),
            "rule_off_max": max(off),
            "rule_off_full": full_off,
        })
    print(json.dumps({"python": platform.python_version(), "points": points}))


main()
