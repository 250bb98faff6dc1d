# typing: the names import, subscript and print as in CPython.
from typing import List, Dict, Optional, Any, Tuple, Callable, TypeVar, Generic, Union, Iterator, Iterable
import typing

T = TypeVar("T")
K = TypeVar("K", bound=int)
print(T, K, typing.Any, List, Optional)
print(List[int], Dict[str, int], Tuple[int, ...], Optional[int] is not None, Callable[[int], str] is not None)


class Box(Generic[T]):
    def __init__(self, item):
        self.item = item


b = Box(3)
print(b.item, typing.cast(int, "x"), typing.TYPE_CHECKING)


def f(x, y):
    return x


print(f(1, 2))
