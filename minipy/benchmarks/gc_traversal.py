"""gc_traversal: pyperformance's gc_traversal benchmark (bm_gc_traversal), self-timed.

Builds N_LEVELS lists where list n holds n references to list n - 1 (for 1000 levels, 1000
lists and 499,500 references), then calls gc.collect() LOOPS times: every collection traverses
every reference and frees nothing.

    python3 gc_traversal.py [LOOPS [N_LEVELS]]
    minipy  gc_traversal.py [LOOPS [N_LEVELS]]

The last line printed is one JSON object: script, interpreter, wall_s (the whole run, building
included), gc_s (time spent in the collector), collections, collected (0 here), examined
(objects the collector looked at; null on CPython), the parameters and a check value that must
be the same on both interpreters.
"""
import gc
import sys

from gcmeasure import Measure

LOOPS = 200
N_LEVELS = 1000
if len(sys.argv) > 1:
    LOOPS = int(sys.argv[1])
if len(sys.argv) > 2:
    N_LEVELS = int(sys.argv[2])

# ---- the benchmark ---------------------------------------------------------------------------

def create_recursive_containers(n_levels):
    current_list = []
    for n in range(n_levels):
        new_list = [None] * n
        for index in range(n):
            new_list[index] = current_list
        current_list = new_list
    return current_list


def main():
    m = Measure("gc_traversal")
    all_cycles = create_recursive_containers(N_LEVELS)
    gc.collect()
    for _ in range(LOOPS):
        collected = gc.collect()
        assert collected == 0
    m.report([["loops", LOOPS], ["levels", N_LEVELS]], len(all_cycles))


main()
