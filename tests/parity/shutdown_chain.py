# A long chain of objects with __del__ dropped at once is freed without deep recursion and
# without any warning, however it goes: a del, a call's return, a collection, the exit.
import gc

count = 0


class Node:
    def __init__(self, nxt):
        self.nxt = nxt

    def __del__(self):
        global count
        count += 1


def build(n):
    head = None
    for _ in range(n):
        head = Node(head)
    return head


chain = build(100000)
del chain
print("del at module level:", count)

count = 0


def local_chain():
    head = build(100000)
    return "returned"


print(local_chain(), count)

count = 0
ring = build(100000)
last = ring
while last.nxt is not None:
    last = last.nxt
last.nxt = ring
del ring, last
print("ring collected:", gc.collect() >= 100000, count)

count = 0
nested = [None]
for _ in range(100000):
    nested = [nested, Node(None)]
del nested
print("list nesting:", count)

left_at_exit = build(100000)
print("end of program")
