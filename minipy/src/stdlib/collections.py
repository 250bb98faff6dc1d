"""collections: deque, defaultdict, OrderedDict, Counter and namedtuple.

minipy's classes cannot derive from dict or tuple, so these are classes that wrap a dict
(or list) and implement the mapping (or sequence) protocol over it; isinstance(x, dict)
is False for them, everything else behaves as in CPython.
"""

from _minipy import long_as_ssize as _long_as_ssize

_missing = object()
_running = set()


def _guarded_repr(obj, make, recursive):
    """make(), or recursive when obj's repr is already being made (a cycle)."""
    key = id(obj)
    if key in _running:
        return recursive
    _running.add(key)
    try:
        return make()
    finally:
        _running.discard(key)


def _alias(cls, params):
    # `deque[int]`, `OrderedDict[str, int]`: a types.GenericAlias, as in CPython.
    from types import GenericAlias
    return GenericAlias(cls, params)


def _plain(other):
    if isinstance(other, _DictWrapper):
        return other._d
    return other


class deque:
    """A list-like sequence optimized for data accesses near its endpoints."""

    # Sequence patterns of `match` take it (CPython's Py_TPFLAGS_SEQUENCE).
    __minipy_match__ = "sequence"

    def __class_getitem__(cls, params):
        return _alias(cls, params)

    def __init__(self, iterable=(), maxlen=None):
        if maxlen is not None:
            maxlen = _long_as_ssize(maxlen)
            if maxlen < 0:
                raise ValueError("maxlen must be non-negative")
        self.maxlen = maxlen
        self._items = []
        self.extend(iterable)

    def append(self, x):
        self._items.append(x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop(0)

    def appendleft(self, x):
        self._items.insert(0, x)
        if self.maxlen is not None and len(self._items) > self.maxlen:
            self._items.pop()

    def extend(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.append(x)

    def extendleft(self, iterable):
        if iterable is self:
            iterable = list(iterable)
        for x in iterable:
            self.appendleft(x)

    def pop(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("pop from an empty deque")
        return self._items.pop(0)

    def clear(self):
        self._items = []

    def copy(self):
        return deque(self._items, self.maxlen)

    def count(self, x):
        return self._items.count(x)

    def index(self, x, *args):
        try:
            return self._items.index(x, *args)
        except ValueError:
            raise ValueError(repr(x) + " is not in deque")

    def insert(self, i, x):
        if self.maxlen is not None and len(self._items) >= self.maxlen:
            raise IndexError("deque already at its maximum size")
        self._items.insert(i, x)

    def remove(self, value):
        try:
            self._items.remove(value)
        except ValueError:
            raise ValueError(repr(value) + " is not in deque")

    def reverse(self):
        self._items.reverse()

    def rotate(self, n=1):
        k = len(self._items)
        if k:
            n = n % k
            if n:
                self._items = self._items[-n:] + self._items[:-n]

    def __len__(self):
        return len(self._items)

    def __iter__(self):
        return iter(self._items)

    def __reversed__(self):
        return reversed(self._items)

    def __getitem__(self, i):
        if not isinstance(i, int):
            raise TypeError("sequence index must be integer, not '" + type(i).__name__ + "'")
        try:
            return self._items[i]
        except IndexError:
            raise IndexError("deque index out of range")

    def __setitem__(self, i, v):
        try:
            self._items[i] = v
        except IndexError:
            raise IndexError("deque index out of range")

    def __delitem__(self, i):
        try:
            del self._items[i]
        except IndexError:
            raise IndexError("deque index out of range")

    def __contains__(self, x):
        return x in self._items

    def __eq__(self, other):
        return isinstance(other, deque) and self._items == other._items

    def __ne__(self, other):
        return not self == other

    def __lt__(self, other):
        return self._items < other._items

    def __add__(self, other):
        if not isinstance(other, deque):
            raise TypeError('can only concatenate deque (not "' + type(other).__name__ + '") to deque')
        return deque(self._items + other._items, self.maxlen)

    def __iadd__(self, other):
        self.extend(other)
        return self

    def __mul__(self, n):
        return deque(self._items * n, self.maxlen)

    def __copy__(self):
        return self.copy()

    def __repr__(self):
        return _guarded_repr(self, self._repr, "[...]")

    def _repr(self):
        if self.maxlen is None:
            return "deque(" + repr(self._items) + ")"
        return "deque(" + repr(self._items) + ", maxlen=" + str(self.maxlen) + ")"


class _DictWrapper:
    """The mapping protocol over a wrapped dict, self._d."""

    # Mapping patterns of `match` take it (CPython's Py_TPFLAGS_MAPPING).
    __minipy_match__ = "mapping"

    def __class_getitem__(cls, params):
        return _alias(cls, params)

    def __init__(self, *args, **kwds):
        self._d = {}
        self.update(*args, **kwds)

    def update(self, *args, **kwds):
        if len(args) > 1:
            raise TypeError("update expected at most 1 argument, got " + str(len(args)))
        if args:
            other = _plain(args[0])
            if isinstance(other, dict):
                for k, v in other.items():
                    self[k] = v
            elif hasattr(other, "keys"):
                for k in other.keys():
                    self[k] = other[k]
            else:
                for k, v in other:
                    self[k] = v
        for k, v in kwds.items():
            self[k] = v

    def __getitem__(self, key):
        d = self._d
        if key in d:
            return d[key]
        return self.__missing__(key)

    def __missing__(self, key):
        raise KeyError(key)

    def __setitem__(self, key, value):
        self._d[key] = value

    def __delitem__(self, key):
        del self._d[key]

    def __contains__(self, key):
        return key in self._d

    def __len__(self):
        return len(self._d)

    def __iter__(self):
        return iter(self._d)

    def __eq__(self, other):
        return self._d == _plain(other)

    def __ne__(self, other):
        return not self == other

    def keys(self):
        return self._d.keys()

    def values(self):
        return self._d.values()

    def items(self):
        return self._d.items()

    def get(self, key, default=None):
        return self._d.get(key, default)

    def pop(self, key, default=_missing):
        if default is _missing:
            return self._d.pop(key)
        return self._d.pop(key, default)

    def popitem(self):
        return self._d.popitem()

    def setdefault(self, key, default=None):
        if key not in self._d:
            self[key] = default
        return self._d[key]

    def clear(self):
        self._d.clear()

    def __copy__(self):
        return self.copy()


class defaultdict(_DictWrapper):
    """A dict that calls default_factory for missing keys."""

    def __init__(self, default_factory=None, *args, **kwds):
        if default_factory is not None and not callable(default_factory):
            raise TypeError("first argument must be callable or None")
        self.default_factory = default_factory
        self._d = {}
        self.update(*args, **kwds)

    def __missing__(self, key):
        if self.default_factory is None:
            raise KeyError(key)
        value = self.default_factory()
        self._d[key] = value
        return value

    def copy(self):
        return defaultdict(self.default_factory, self._d)

    def __repr__(self):
        f = self.default_factory
        if f is None:
            fr = "None"
        else:
            fr = repr(f)
        return "defaultdict(" + fr + ", " + _guarded_repr(self, lambda: repr(self._d), "{...}") + ")"


class OrderedDict(_DictWrapper):
    """Dictionary that remembers insertion order."""

    def move_to_end(self, key, last=True):
        value = self._d.pop(key)
        if last:
            self._d[key] = value
        else:
            rest = list(self._d.items())
            self._d.clear()
            self._d[key] = value
            for k, v in rest:
                self._d[k] = v

    def popitem(self, last=True):
        if not self._d:
            raise KeyError("dictionary is empty")
        if last:
            return self._d.popitem()
        for k in self._d:
            break
        return (k, self._d.pop(k))

    def copy(self):
        return OrderedDict(self._d)

    def __eq__(self, other):
        if isinstance(other, OrderedDict):
            return list(self._d.items()) == list(other._d.items())
        return self._d == _plain(other)

    def __repr__(self):
        if not self._d:
            return "OrderedDict()"
        return _guarded_repr(self, lambda: "OrderedDict(" + repr(list(self._d.items())) + ")", "...")


class Counter(_DictWrapper):
    """Dict subclass for counting hashable items."""

    def __init__(self, iterable=None, **kwds):
        self._d = {}
        self.update(iterable, **kwds)

    def __missing__(self, key):
        return 0

    def total(self):
        return sum(self._d.values())

    def most_common(self, n=None):
        items = sorted(self._d.items(), key=lambda kv: kv[1], reverse=True)
        if n is None:
            return items
        return items[:max(n, 0)]

    def elements(self):
        out = []
        for k, v in self._d.items():
            for i in range(v):
                out.append(k)
        return iter(out)

    def update(self, iterable=None, **kwds):
        if iterable is not None:
            src = _plain(iterable)
            if isinstance(src, dict):
                for k, v in src.items():
                    self._d[k] = self._d.get(k, 0) + v
            else:
                d = self._d
                for elem in iterable:
                    d[elem] = d.get(elem, 0) + 1
        if kwds:
            self.update(kwds)

    def subtract(self, iterable=None, **kwds):
        if iterable is not None:
            src = _plain(iterable)
            if isinstance(src, dict):
                for k, v in src.items():
                    self._d[k] = self._d.get(k, 0) - v
            else:
                for elem in iterable:
                    self._d[elem] = self._d.get(elem, 0) - 1
        if kwds:
            self.subtract(kwds)

    def copy(self):
        return Counter(self._d)

    def __delitem__(self, key):
        if key in self._d:
            del self._d[key]

    def __add__(self, other):
        result = Counter()
        for k, v in self._d.items():
            n = v + other[k]
            if n > 0:
                result[k] = n
        for k, v in other._d.items():
            if k not in self._d and v > 0:
                result[k] = v
        return result

    def __sub__(self, other):
        result = Counter()
        for k, v in self._d.items():
            n = v - other[k]
            if n > 0:
                result[k] = n
        for k, v in other._d.items():
            if k not in self._d and v < 0:
                result[k] = 0 - v
        return result

    def __or__(self, other):
        result = Counter()
        for k, v in self._d.items():
            o = other[k]
            n = o if v < o else v
            if n > 0:
                result[k] = n
        for k, v in other._d.items():
            if k not in self._d and v > 0:
                result[k] = v
        return result

    def __and__(self, other):
        result = Counter()
        for k, v in self._d.items():
            o = other[k]
            n = v if v < o else o
            if n > 0:
                result[k] = n
        return result

    def __repr__(self):
        if not self._d:
            return "Counter()"
        return "Counter({" + ", ".join(["%r: %r" % kv for kv in self.most_common()]) + "})"


def _itemgetter(i):
    def get(self):
        return self[i]
    return get


def namedtuple(typename, field_names, rename=False, defaults=None, module=None):
    """Returns a new subclass of tuple with named fields."""
    if isinstance(field_names, str):
        field_names = field_names.replace(",", " ").split()
    field_names = tuple([str(f) for f in field_names])
    seen = []
    for name in field_names:
        if name.startswith("_") and not rename:
            raise ValueError("Field names cannot start with an underscore: " + repr(name))
        if name in seen:
            raise ValueError("Encountered duplicate field name: " + repr(name))
        seen.append(name)
    field_defaults = {}
    if defaults is not None:
        defaults = tuple(defaults)
        if len(defaults) > len(field_names):
            raise TypeError("Got more default values than field names")
        for i in range(len(defaults)):
            field_defaults[field_names[len(field_names) - len(defaults) + i]] = defaults[i]
    nfields = len(field_names)

    class _NT(tuple):
        __slots__ = ()
        _fields = field_names
        __match_args__ = field_names
        _field_defaults = field_defaults

        def __new__(cls, *args, **kwds):
            if len(args) > nfields:
                if field_defaults:
                    raise TypeError("%s.__new__() takes from %d to %d positional arguments but %d were given"
                                    % (typename, nfields + 1 - len(field_defaults), nfields + 1,
                                       len(args) + 1))
                raise TypeError("%s.__new__() takes %d positional arguments but %d were given"
                                % (typename, nfields + 1, len(args) + 1))
            for name in field_names[:len(args)]:
                if name in kwds:
                    raise TypeError("%s.__new__() got multiple values for argument '%s'" % (typename, name))
            values = list(args)
            for name in field_names[len(args):]:
                if name in kwds:
                    values.append(kwds.pop(name))
                elif name in field_defaults:
                    values.append(field_defaults[name])
                else:
                    missing = [n for n in field_names[len(values):]
                               if n not in kwds and n not in field_defaults]
                    raise TypeError("%s.__new__() missing %d required positional argument%s: %s"
                                    % (typename, len(missing), "" if len(missing) == 1 else "s",
                                       " and ".join(["'" + m + "'" for m in missing])))
            if kwds:
                for k in kwds:
                    if k in field_names:
                        raise TypeError("%s.__new__() got multiple values for argument '%s'" % (typename, k))
                    raise TypeError("%s.__new__() got an unexpected keyword argument '%s'" % (typename, k))
            return tuple.__new__(cls, values)

        def __repr__(self):
            return type(self).__name__ + "(" + ", ".join(
                ["%s=%r" % (field_names[i], self[i]) for i in range(nfields)]) + ")"

        def _asdict(self):
            return dict(zip(field_names, self))

        def _replace(self, **kwds):
            values = [kwds.pop(name, self[i]) for i, name in enumerate(field_names)]
            if kwds:
                raise ValueError("Got unexpected field names: " + repr(list(kwds)))
            return type(self)(*values)

        def __getnewargs__(self):
            return tuple(self)

        def __reduce__(self):
            return (type(self), tuple(self))

    for _i, _name in enumerate(field_names):
        setattr(_NT, _name, property(_itemgetter(_i), doc="Alias for field number %d" % _i))

    def _make(iterable):
        return _NT(*iterable)

    _NT._make = _make
    _NT.__name__ = typename
    _NT.__qualname__ = typename
    return _NT
