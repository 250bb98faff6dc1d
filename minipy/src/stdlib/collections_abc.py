"""collections.abc: the abstract base classes. minipy has no metaclasses, so `isinstance`
asks a class for `__minipy_instancecheck__` when the object is not an instance of it: here
that answers as CPython's ABCs do, by registration for the builtin types (`list` is a
MutableSequence, `dict` a MutableMapping, ...) and, for the ABCs that CPython checks by
structure (Iterable, Sized, Container, Hashable, Callable, Iterator, Reversible, Collection),
by the methods a user class defines."""


def _gen():
    yield


_ITERATORS = (type(iter([])), type(iter(())), type(iter('')), type(iter({})),
              type(iter(set())), type(iter(range(0))), type(_gen()))
_SEQUENCES = (list, tuple, str, range, bytes, bytearray)
_CONTAINERS = _SEQUENCES + (dict, set, frozenset)


def _user_class(t):
    return getattr(t, '__module__', 'builtins') != 'builtins'


def _defines(t, names):
    for n in names:
        if getattr(t, n, None) is None:
            return False
    return True


class _ABC:
    # Builtin types registered as this ABC, and the methods that make a user class one
    # (empty: only subclasses count, as for CPython's Sequence or Mapping).
    _registered = ()
    _methods = ()

    def __class_getitem__(cls, params):
        # `Sequence[int]`, `Callable[[int], str]`: a types.GenericAlias, as in CPython.
        from types import GenericAlias
        return GenericAlias(cls, params)

    def __minipy_instancecheck__(cls, obj):
        if isinstance(obj, cls._registered):
            return True
        t = type(obj)
        return bool(cls._methods) and _user_class(t) and _defines(t, cls._methods)


class Hashable(_ABC):
    _methods = ('__hash__',)

    def __minipy_instancecheck__(cls, obj):
        if isinstance(obj, (list, dict, set, bytearray)):
            return False
        if _user_class(type(obj)):
            try:
                hash(obj)
            except TypeError:
                return False
        return True


class Awaitable(_ABC):
    _methods = ('__await__',)


class Coroutine(Awaitable):
    _methods = ()


class AsyncIterable(_ABC):
    _methods = ('__aiter__',)


class AsyncIterator(AsyncIterable):
    _methods = ('__aiter__', '__anext__')


class AsyncGenerator(AsyncIterator):
    _methods = ()


class Iterable(_ABC):
    _registered = _CONTAINERS + _ITERATORS
    _methods = ('__iter__',)


class Iterator(Iterable):
    _registered = _ITERATORS
    _methods = ('__iter__', '__next__')

    def __iter__(self):
        return self


class Reversible(Iterable):
    _registered = _SEQUENCES + (dict,)
    _methods = ('__reversed__', '__iter__')


class Generator(Iterator):
    _registered = (type(_gen()),)
    _methods = ()


class Sized(_ABC):
    _registered = _CONTAINERS
    _methods = ('__len__',)


class Container(_ABC):
    _registered = _CONTAINERS
    _methods = ('__contains__',)


class Callable(_ABC):
    _methods = ('__call__',)

    def __minipy_instancecheck__(cls, obj):
        return callable(obj)


class Collection(Sized):
    _registered = _CONTAINERS
    _methods = ('__len__', '__iter__', '__contains__')


# minipy has single inheritance: a subclass of Collection (Sequence, Mapping, Set) is not a
# subclass of Iterable or Container, so those answer by the methods it has.


class Set(Collection):
    _registered = (set, frozenset)
    _methods = ()


class MutableSet(Set):
    _registered = (set,)


class Mapping(Collection):
    _registered = (dict,)
    _methods = ()
    # Mapping patterns of `match` take its subclasses (CPython's Py_TPFLAGS_MAPPING).
    __minipy_match__ = "mapping"

    # The mixin methods CPython's Mapping gives a class that defines __getitem__, __iter__
    # and __len__ (the views are lists here, as minipy's dict views are).
    def get(self, key, default=None):
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key):
        try:
            self[key]
        except KeyError:
            return False
        return True

    def keys(self):
        return list(self)

    def items(self):
        return [(k, self[k]) for k in self]

    def values(self):
        return [self[k] for k in self]


class MutableMapping(Mapping):
    _registered = (dict,)


class MappingView(Sized):
    _registered = ()
    _methods = ()


class KeysView(MappingView):
    pass


class ItemsView(MappingView):
    pass


class ValuesView(MappingView):
    pass


class Sequence(Reversible):
    _registered = _SEQUENCES
    _methods = ()
    # Sequence patterns of `match` take its subclasses (CPython's Py_TPFLAGS_SEQUENCE).
    __minipy_match__ = "sequence"

    # The mixin methods CPython's Sequence gives a class that defines __getitem__ and
    # __len__.
    def __iter__(self):
        i = 0
        try:
            while True:
                yield self[i]
                i += 1
        except IndexError:
            return

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False

    def __reversed__(self):
        for i in reversed(range(len(self))):
            yield self[i]

    def index(self, value, start=0, stop=None):
        if start is not None and start < 0:
            start = max(len(self) + start, 0)
        if stop is not None and stop < 0:
            stop += len(self)
        i = start
        while stop is None or i < stop:
            try:
                v = self[i]
            except IndexError:
                break
            if v is value or v == value:
                return i
            i += 1
        raise ValueError

    def count(self, value):
        return sum(1 for v in self if v is value or v == value)


class MutableSequence(Sequence):
    _registered = (list, bytearray)


class ByteString(Sequence):
    _registered = (bytes, bytearray)
