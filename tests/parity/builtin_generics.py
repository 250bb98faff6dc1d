import types

a = list[int]
print(repr(a), type(a), a.__origin__, a.__args__, a.__parameters__, a == list[int], list[int] != list[str])
print(repr(list[int] | None), type(list[int] | None), (list[int] | None).__args__)
print(repr(int | list[str]), repr(list[int] | dict[str, int] | None))
print(list[int]("ab"), dict[str, int](a=1), tuple[int, ...], tuple[()], type[int])
print(list[list[int]], list["X"], list[None], set[str], frozenset[int])
for bad in (lambda: isinstance([], list[int]), lambda: issubclass(list, list[int]),
            lambda: isinstance([], list[int] | None), lambda: int[str], lambda: float[int]):
    try:
        bad()
    except TypeError as e:
        print("TypeError:", e)


class A:
    pass


print(type[A], set[A], dict[str, A])
print(hash(list[int]) == hash(list[int]), list[int].__name__)


class B(list[int]):
    pass


b = B([1, 2])
b.append(3)
print(b, len(b), isinstance(b, list))


def f(x: list[int], y: dict[str, tuple[int, ...]] | None = None) -> set[str]:
    return set()


print(f.__annotations__)
print(isinstance(list[int], types.GenericAlias), types.GenericAlias(list, (int,)) == list[int])
print({list[int]: 1}[list[int]], repr(dict[str]))
ns = types.SimpleNamespace(x=1, y="a")
ns.z = [1]
print(ns, ns.x, ns == types.SimpleNamespace(x=1, y="a", z=[1]), types.NoneType)


# The library's generic classes: collections' containers and queue's queues.
import collections
import queue

for c in (
    collections.deque,
    collections.OrderedDict,
    collections.defaultdict,
    collections.Counter,
    queue.Queue,
    queue.PriorityQueue,
    queue.LifoQueue,
):
    a = c[int]
    print(a, a.__origin__ is c, a.__args__, c[str, int].__args__)
    print(a() == c(), type(a()) is c)


class MyDeque(collections.deque):
    pass


print(MyDeque[int], MyDeque[int].__origin__ is MyDeque)
print("__class_getitem__" in dir(collections.deque))
