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

from gcmeasure import Measure

LOOPS = 200
CYCLES = 100
LINKS = 20
if len(sys.argv) > 1:
    LOOPS = int(sys.argv[1])
if len(sys.argv) > 2:
    CYCLES = int(sys.argv[2])

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
