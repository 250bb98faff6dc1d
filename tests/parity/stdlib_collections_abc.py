from collections.abc import (Iterable, Iterator, Sized, Container, Hashable, Callable, Sequence,
                             MutableSequence, Mapping, MutableMapping, Set, MutableSet, Collection,
                             Reversible, Generator)
import collections.abc
values = [[1], (1,), 'ab', {'a': 1}, {1}, frozenset({1}), range(3), 3, 2.5, None, b'x',
          iter([1]), (x for x in []), len, lambda: 0]
abcs = [Iterable, Iterator, Sized, Container, Hashable, Callable, Sequence, MutableSequence,
        Mapping, MutableMapping, Set, MutableSet, Collection, Reversible, Generator]
for v in values:
    print(type(v).__name__, ''.join('1' if isinstance(v, a) else '0' for a in abcs))
class Bag:
    def __init__(self): self.items = []
    def __len__(self): return len(self.items)
    def __iter__(self): return iter(self.items)
    def __contains__(self, x): return x in self.items
class MySeq(collections.abc.Sequence):
    def __getitem__(self, i): return i
    def __len__(self): return 0
b = Bag()
print(''.join('1' if isinstance(b, a) else '0' for a in abcs))
print(''.join('1' if isinstance(MySeq(), a) else '0' for a in abcs))
print(isinstance(b, (Mapping, Sized)), isinstance(3, (Mapping, Iterable)))
