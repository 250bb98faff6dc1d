# A doubly linked list: every node refers to its neighbours, so dropping the head leaves
# a long chain of cycles that only the collector can free.
import gc

deleted = []

class Node:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None
    def __del__(self):
        deleted.append(self.value)

class DoublyLinkedList:
    def __init__(self):
        self.head = None
        self.tail = None
        self.size = 0
    def append(self, value):
        node = Node(value)
        if self.tail is None:
            self.head = self.tail = node
        else:
            node.prev = self.tail
            self.tail.next = node
            self.tail = node
        self.size += 1
    def values(self):
        out = []
        node = self.head
        while node is not None:
            out.append(node.value)
            node = node.next
        return out
    def backwards(self):
        out = []
        node = self.tail
        while node is not None:
            out.append(node.value)
            node = node.prev
        return out

gc.collect()
lst = DoublyLinkedList()
for i in range(1000):
    lst.append(i)
print("size:", lst.size)
print("first ten:", lst.values()[:10])
print("last three backwards:", lst.backwards()[:3])
del lst
print("finalized by reference counting:", len(deleted))
collected = gc.collect()
print("collected some:", collected > 0)
print("finalized after collection:", len(deleted))
print("each node finalized once:", sorted(deleted) == list(range(1000)))
print("nothing left:", gc.collect())
