from collections.abc import Callable, Sequence, Mapping, Iterator, Iterable
print(Callable[[float], float], Sequence[int], Mapping[str, list[int]], Iterator[tuple[int, ...]])
print(Callable[..., int], Iterable[str] | None)


def f(g: Callable[[int], int], xs: Sequence[int]) -> list[int]:
    return [g(x) for x in xs]


print(f(lambda x: x + 1, [1, 2]), f.__annotations__["xs"])


class MySeq(Sequence[int]):
    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if i >= self.n:
            raise IndexError(i)
        return i * i


s = MySeq(4)
print(list(s), isinstance(s, Sequence), 9 in s, s.index(4))
try:
    isinstance(s, Sequence[int])
except TypeError as e:
    print("TypeError:", e)
