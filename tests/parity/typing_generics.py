from typing import Generic, TypeVar, List, Optional, Dict
T = TypeVar('T')
class Node(Generic[T]):
    def __init__(self, v: T):
        self.v = v
n: Node[int] = Node(3)
print(n.v, List[int], Optional[str])
from collections.abc import Iterable, Sized
class Pair(Generic[T]):
    pass
print(Node[str](5).v)
class Box:
    def __class_getitem__(cls, item):
        return f"Box of {item.__name__}"
print(Box[int])
class Plain:
    pass
try:
    Plain[int]
except TypeError as e:
    print(e)
