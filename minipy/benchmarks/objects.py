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

from gcmeasure import Measure

ROUNDS = 3000
GROUP = 50
WINDOW = 20
if len(sys.argv) > 1:
    ROUNDS = int(sys.argv[1])
if len(sys.argv) > 2:
    GROUP = int(sys.argv[2])

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
