"""`dict.keys()`, `dict.values()` and `dict.items()`: live views of a dict (they see later
changes), with CPython's names, reprs, lengths, membership and, for keys and items, set
operations. minipy's own module over `_minipy.dict_snapshot`, which copies what a view
iterates over when it is iterated."""

import _minipy


def _set_op(op):
    def method(self, other):
        try:
            other = set(other)
        except TypeError:
            return NotImplemented
        return op(set(self), other)
    return method


def _set_rop(op):
    def method(self, other):
        try:
            other = set(other)
        except TypeError:
            return NotImplemented
        return op(other, set(self))
    return method


class _View:
    __hash__ = None
    _which = 'keys'

    def __init__(self, mapping):
        self._d = mapping

    def __iter__(self):
        return iter(_minipy.dict_snapshot(self._d, self._which))

    def __reversed__(self):
        return iter(reversed(_minipy.dict_snapshot(self._d, self._which)))

    def __len__(self):
        return len(self._d)

    # CPython's Py_ReprEnter: a view met again inside its own repr prints as `...` (the
    # interpreter's repr reads this; see interp/repr.rs).
    __minipy_recursive_repr__ = '...'

    def __repr__(self):
        return f'{type(self).__name__}({_minipy.dict_snapshot(self._d, self._which)!r})'


class _SetView(_View):
    def __eq__(self, other):
        if not isinstance(other, (set, frozenset, dict_keys, dict_items)):
            return NotImplemented
        return len(self) == len(other) and set(self) == set(other)

    __and__ = _set_op(lambda a, b: a & b)
    __or__ = _set_op(lambda a, b: a | b)
    __sub__ = _set_op(lambda a, b: a - b)
    __xor__ = _set_op(lambda a, b: a ^ b)
    __rand__ = _set_rop(lambda a, b: a & b)
    __ror__ = _set_rop(lambda a, b: a | b)
    __rsub__ = _set_rop(lambda a, b: a - b)
    __rxor__ = _set_rop(lambda a, b: a ^ b)

    def isdisjoint(self, other):
        for x in other:
            if x in self:
                return False
        return True


class dict_keys(_SetView):
    _which = 'keys'

    def __contains__(self, key):
        return key in self._d


class dict_values(_View):
    _which = 'values'

    def __contains__(self, value):
        for v in self:
            if v is value or v == value:
                return True
        return False


class dict_items(_SetView):
    _which = 'items'

    def __contains__(self, item):
        if not isinstance(item, tuple) or len(item) != 2:
            return False
        key, value = item
        try:
            v = self._d[key]
        except KeyError:
            return False
        return v is value or v == value
