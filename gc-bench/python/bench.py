#!/usr/bin/env python3
"""CPython's own gc on the gc-bench workloads.

Same shapes and sizes as the Rust workloads (gc-bench/src/workloads.rs), one workload per
process, printing one JSON object with the same figures the Rust harness measures:

    python3 bench.py --workload two-cycles --objects 1000000 --runs 3

Objects are instances of small __slots__ classes (tracked by the gc, as the Rust nodes are),
except binary-trees with immutable nodes, which uses tuples as the Benchmarks Game program
does. Leaked objects are counted with gc.get_objects() after the workload (off the clock);
collections and the longest pause come from gc.callbacks; bytes per object from the growth of
the process's peak RSS (this process runs one workload only) divided by the objects live at the
peak, for the shapes whose heap is alive all at once.
"""

import argparse
import gc
import json
import os
import platform
import random
import resource
import sys
import time


class Node:
    """Mutable node: slots s0, s1 and the back slot s2."""

    __slots__ = ("s0", "s1", "s2")

    def __init__(self):
        self.s0 = None
        self.s1 = None
        self.s2 = None


class ListNode:
    """Mutable node with a list of edges."""

    __slots__ = ("edges",)

    def __init__(self):
        self.edges = []


TRACKED_TYPES = (Node, ListNode)
MUTATION_ROOTS = 1000


class Sizes:
    def __init__(self, a):
        self.depth = a.depth
        self.gcbench_depth = a.gcbench_depth
        self.objects = a.objects
        self.lists = a.lists
        self.list_len = a.list_len
        self.traversal_levels = a.traversal_levels
        self.loop_scale = a.loop_scale

    def scaled(self, n):
        return max(1, int(round(n * self.loop_scale)))

    def gcbench_array(self):
        return 500_000 >> min(16, max(0, 16 - self.gcbench_depth))

    def parent_depth(self):
        return max(4, self.depth - 4)

    def parent_iterations(self):
        return 16

    def list_rounds(self):
        return self.scaled(4)

    def gc_collect_loops(self):
        return self.scaled(100)

    def traversal_edges(self):
        return self.traversal_levels * max(0, self.traversal_levels - 1) // 2

    def traversal_loops(self):
        return self.scaled(20)

    def live_loops(self):
        return min(3, self.scaled(3))

    def young_loops(self):
        return self.scaled(20)

    def burst(self):
        return 1000

    def chain_cycles(self):
        return max(10, self.objects // 50)


class Stopwatch:
    def __init__(self):
        self.total = 0
        self.t0 = None

    def start(self):
        if self.t0 is None:
            self.t0 = time.perf_counter_ns()

    def stop(self):
        if self.t0 is not None:
            self.total += time.perf_counter_ns() - self.t0
            self.t0 = None


def tree_size(d):
    return (1 << (d + 1)) - 1


# --- binary-trees ----------------------------------------------------------------------

def make_tuple_tree(d):
    if d == 0:
        return (None, None)
    d -= 1
    return (make_tuple_tree(d), make_tuple_tree(d))


def check_tuple_tree(t):
    l, r = t
    if l is None:
        return 1
    return 1 + check_tuple_tree(l) + check_tuple_tree(r)


def make_node_tree(d):
    n = Node()
    if d > 0:
        n.s0 = make_node_tree(d - 1)
        n.s1 = make_node_tree(d - 1)
    return n


def check_node_tree(n):
    total = 1
    if n.s0 is not None:
        total += check_node_tree(n.s0)
    if n.s1 is not None:
        total += check_node_tree(n.s1)
    return total


def binary_trees_program(max_depth, make, check):
    min_depth = 4
    max_depth = max(min_depth + 2, max_depth)
    total = check(make(max_depth + 1))
    long_lived = make(max_depth)
    for d in range(min_depth, max_depth + 1, 2):
        for _ in range(1 << (max_depth - d + min_depth)):
            total += check(make(d))
    total += check(long_lived)
    return total


def w_binary_trees(s, sw):
    sw.start()
    n = binary_trees_program(s.depth, make_tuple_tree, check_tuple_tree)
    gc.collect()
    sw.stop()
    return n, n


def w_binary_trees_refcell(s, sw):
    sw.start()
    n = binary_trees_program(s.depth, make_node_tree, check_node_tree)
    gc.collect()
    sw.stop()
    return n, n


# --- GCBench ---------------------------------------------------------------------------

def populate(d, node):
    if d <= 0:
        return
    d -= 1
    node.s0 = Node()
    node.s1 = Node()
    populate(d, node.s0)
    populate(d, node.s1)


def w_gcbench(s, sw):
    sw.start()
    long_lived_depth = max(4, s.gcbench_depth)
    stretch = long_lived_depth + 2
    made = tree_size(stretch)
    make_node_tree(stretch)
    long_lived = Node()
    populate(long_lived_depth, long_lived)
    made += tree_size(long_lived_depth)
    n = s.gcbench_array()
    array = [0.0] * n
    for i in range(n // 2):
        array[i] = 1.0 / (i + 1)
    d = 4
    while d <= long_lived_depth:
        iters = 2 * tree_size(stretch) // tree_size(d)
        for _ in range(iters):
            t = Node()
            populate(d, t)
        for _ in range(iters):
            make_node_tree(d)
        made += 2 * iters * tree_size(d)
        d += 2
    assert long_lived.s0 is not None
    del long_lived, array
    gc.collect()
    sw.stop()
    return made, made


# --- cyclic shapes ---------------------------------------------------------------------

def parent_tree(d, parent):
    n = Node()
    n.s2 = parent
    if d > 0:
        n.s0 = parent_tree(d - 1, n)
        n.s1 = parent_tree(d - 1, n)
    return n


def w_parent_trees(s, sw):
    sw.start()
    for _ in range(s.parent_iterations()):
        t = parent_tree(s.parent_depth(), None)
        assert t.s0.s2 is t
    del t
    gc.collect()
    sw.stop()
    n = s.parent_iterations() * tree_size(s.parent_depth())
    return n, n


def doubly_linked_list(length):
    head = Node()
    tail = head
    for _ in range(1, length):
        n = Node()
        n.s2 = tail
        tail.s0 = n
        tail = n
    return head


def w_linked_lists(s, sw):
    sw.start()
    for _ in range(s.list_rounds()):
        lists = [doubly_linked_list(s.list_len) for _ in range(s.lists)]
        del lists
        gc.collect()
    sw.stop()
    n = s.list_rounds() * s.lists * s.list_len
    return n, n


def ring(length, doubly):
    head = Node()
    tail = head
    for _ in range(1, length):
        n = Node()
        if doubly:
            n.s1 = tail
        tail.s0 = n
        tail = n
    tail.s0 = head
    if doubly:
        head.s1 = tail
    return head


def w_gc_collect(s, sw):
    for _ in range(s.gc_collect_loops()):
        gc.collect()
        all_cycles = [ring(21, True) for _ in range(100)]
        del all_cycles
        sw.start()
        gc.collect()
        sw.stop()
    n = s.gc_collect_loops() * 2100
    return n, n


def w_two_cycles(s, sw):
    sw.start()
    keep = []
    for _ in range(s.objects // 2):
        a = Node()
        b = Node()
        a.s0 = b
        b.s0 = a
        keep.append(a)
    del keep, a, b
    gc.collect()
    sw.stop()
    n = (s.objects // 2) * 2
    return n, n


def w_big_ring(s, sw):
    sw.start()
    r = ring(max(2, s.objects), False)
    del r
    gc.collect()
    sw.stop()
    n = max(2, s.objects)
    return n, n


def w_gc_traversal(s, sw):
    current = []
    for n in range(s.traversal_levels):
        new = [None] * n
        for i in range(n):
            new[i] = current
        current = new
    gc.collect()
    sw.start()
    for _ in range(s.traversal_loops()):
        gc.collect()
    sw.stop()
    del current
    return s.traversal_loops() * s.traversal_edges(), s.traversal_levels


def live_chain(n, rand):
    nodes = [Node() for _ in range(n)]
    if rand:
        random.Random(0xC4A1).shuffle(nodes)
    for i in range(n - 1):
        nodes[i].s0 = nodes[i + 1]
    head = nodes[0] if nodes else None
    del nodes
    return head


def w_live_heap(s, sw, rand):
    head = live_chain(s.objects, rand)
    gc.collect()
    sw.start()
    for _ in range(s.live_loops()):
        gc.collect()
    sw.stop()
    del head
    gc.collect()
    return s.live_loops() * s.objects, s.objects


def w_young(s, sw, old):
    head = live_chain(old, False)
    gc.collect()
    burst = s.burst()
    for _ in range(s.young_loops()):
        keep = []
        for _ in range(burst // 2):
            a = Node()
            b = Node()
            a.s0 = b
            b.s0 = a
            keep.append(a)
        del keep, a, b
        sw.start()
        gc.collect(0)
        sw.stop()
    del head
    gc.collect()
    return s.young_loops() * burst, old + s.young_loops() * burst


def w_random_mutation(s, sw):
    sw.start()
    rng = random.Random(0x5EED)
    below = rng.randrange
    roots = [ListNode() for _ in range(100)]
    created = 100
    for _ in range(s.objects):
        op = below(10)
        if op <= 2:
            n = ListNode()
            created += 1
            if len(roots) < MUTATION_ROOTS:
                roots.append(n)
            else:
                roots[below(len(roots))] = n
        elif op <= 5 and roots:
            a = roots[below(len(roots))]
            b = roots[below(len(roots))]
            if len(a.edges) < 4:
                a.edges.append(b)
            else:
                a.edges[below(len(a.edges))] = b
        elif op <= 7 and len(roots) > 1:
            i = below(len(roots))
            roots[i] = roots[-1]
            roots.pop()
        elif roots:
            a = roots[below(len(roots))]
            if a.edges:
                i = below(len(a.edges))
                a.edges[i] = a.edges[-1]
                a.edges.pop()
        else:
            roots.append(ListNode())
            created += 1
    del roots
    gc.collect()
    sw.stop()
    return s.objects, created


def w_cycle_chains(s, sw):
    sw.start()
    roots = []
    prev = None
    for _ in range(s.chain_cycles()):
        a = Node()
        b = Node()
        a.s0 = b
        b.s0 = a
        a.s1 = prev
        prev = a
        roots.append(a)
    del prev, a, b
    while roots:
        roots.pop()
    gc.collect()
    sw.stop()
    n = 2 * s.chain_cycles()
    return n, n


# The minipy workload's program, in the file next to this one (also compiled into the Rust
# bench, which runs it on minipy). N is set before it runs.
MINIPY_PROGRAM_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "minipy_program.py")


def w_minipy(s, sw):
    with open(MINIPY_PROGRAM_FILE) as f:
        code = compile(f.read(), "<minipy-workload>", "exec")
    env = {"N": s.objects}
    sw.start()
    exec(code, env)
    sw.stop()
    env.clear()
    gc.collect()
    n = (s.objects // 4000) * (1023 * 2 + 3000)
    return n, n


WORKLOADS = {
    "binary-trees": w_binary_trees,
    "binary-trees-refcell": w_binary_trees_refcell,
    "gcbench": w_gcbench,
    "parent-trees": w_parent_trees,
    "linked-lists": w_linked_lists,
    "gc-collect": w_gc_collect,
    "two-cycles": w_two_cycles,
    "big-ring": w_big_ring,
    "gc-traversal": w_gc_traversal,
    "live-heap-ordered": lambda s, sw: w_live_heap(s, sw, False),
    "live-heap-random": lambda s, sw: w_live_heap(s, sw, True),
    "young-gc-with-old": lambda s, sw: w_young(s, sw, s.objects),
    "young-gc-alone": lambda s, sw: w_young(s, sw, 0),
    "random-mutation": w_random_mutation,
    "cycle-chains": w_cycle_chains,
    "minipy": w_minipy,
}


def count_tracked_nodes():
    return sum(1 for o in gc.get_objects() if type(o) in TRACKED_TYPES)


def rss_bytes():
    """Peak resident set size of this process, in bytes.

    VmHWM belongs to this process's own address space; ru_maxrss is not used first because
    Linux carries it over from the parent across fork and exec (the Rust bench is large)."""
    try:
        with open("/proc/self/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def run(name, s, runs, budget_s):
    out = {"workload": name, "collector": "cpython", "objects": 0, "runs_ns": [],
           "allocated": 0, "peak_live": 0, "bytes_per_object": None, "leaked_objects": None,
           "collections": None, "longest_pause_ns": None, "unsupported": None}
    fn = WORKLOADS.get(name)
    if fn is None:
        out["unsupported"] = "no CPython version of this workload"
        return out
    pauses = []
    starts = {}

    def callback(phase, info):
        if phase == "start":
            starts["t"] = time.perf_counter_ns()
        elif "t" in starts:
            pauses.append(time.perf_counter_ns() - starts.pop("t"))

    rss_before = rss_bytes()
    began = time.monotonic()
    for i in range(max(1, runs)):
        if i > 0 and time.monotonic() - began >= budget_s:
            break
        gc.collect()
        before = count_tracked_nodes()
        pauses.clear()
        gc.callbacks.append(callback)
        sw = Stopwatch()
        units, allocated = fn(s, sw)
        gc.callbacks.remove(callback)
        out["runs_ns"].append(sw.total)
        out["objects"] = units
        out["allocated"] = allocated
        # The minipy program's objects are not bench.py's node types: no leak figure.
        out["leaked_objects"] = None if name == "minipy" else max(0, count_tracked_nodes() - before)
        out["collections"] = len(pauses)
        if pauses:
            out["longest_pause_ns"] = max(out["longest_pause_ns"] or 0, max(pauses))
    grown = rss_bytes() - rss_before
    peak_live = PEAK_LIVE.get(name, lambda s: None)(s)
    if peak_live:
        out["peak_live"] = peak_live
        out["bytes_per_object"] = max(0, grown) / peak_live
    return out


# Objects live at once at the peak, for the workloads whose whole heap is alive together (the
# others churn: peak RSS says little about them at this granularity, so no bytes per object).
PEAK_LIVE = {
    "linked-lists": lambda s: s.lists * s.list_len,
    "two-cycles": lambda s: (s.objects // 2) * 2,
    "big-ring": lambda s: max(2, s.objects),
    "live-heap-ordered": lambda s: s.objects,
    "live-heap-random": lambda s: s.objects,
    "young-gc-with-old": lambda s: s.objects + s.burst(),
    "cycle-chains": lambda s: 2 * s.chain_cycles(),
}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--workload", required=True, help="workload name (as in gc-bench)")
    p.add_argument("--depth", type=int, default=16)
    p.add_argument("--gcbench-depth", type=int, default=13)
    p.add_argument("--objects", type=int, default=1_000_000)
    p.add_argument("--lists", type=int, default=30)
    p.add_argument("--list-len", type=int, default=4096)
    p.add_argument("--traversal-levels", type=int, default=1000)
    p.add_argument("--loop-scale", type=float, default=1.0)
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--budget", type=float, default=6.0, help="seconds after which runs stop repeating")
    a = p.parse_args()
    sys.setrecursionlimit(100_000)
    result = run(a.workload, Sizes(a), a.runs, a.budget)
    result["python"] = platform.python_version()
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
