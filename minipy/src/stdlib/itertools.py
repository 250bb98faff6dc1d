"""Functional tools for creating and using iterators, as CPython's itertools.

Every function returns a lazy iterator object (a class with __iter__ and __next__), so
infinite ones (count, cycle, repeat) combine with islice, takewhile and zip_longest.
permutations, combinations, combinations_with_replacement and product are native types
of _minipy.
"""

from _minipy import ssize_or_none as _ssize_or_none


class _SeqIter:
    def __init__(self, seq):
        self._s = seq
        self._i = 0

    def __iter__(self):
        return self

    def __next__(self):
        i = self._i
        if i < len(self._s):
            self._i = i + 1
            return self._s[i]
        raise StopIteration


def _iter(x):
    """A lazy iterator over x (x itself if it is an iterator)."""
    if hasattr(x, "__next__"):
        return x
    if isinstance(x, (list, tuple, str, range)):
        return _SeqIter(x)
    if hasattr(x, "__iter__"):
        it = x.__iter__()
        if hasattr(it, "__next__"):
            return it
        return _SeqIter(list(it))
    return _SeqIter(list(x))


class _Base:
    def __iter__(self):
        return self


class count(_Base):
    def __init__(self, start=0, step=1):
        self._n = start
        self._step = step

    def __next__(self):
        n = self._n
        self._n = n + self._step
        return n

    def __repr__(self):
        if self._step == 1:
            return "count(%r)" % (self._n,)
        return "count(%r, %r)" % (self._n, self._step)


class cycle(_Base):
    def __init__(self, iterable):
        self._it = _iter(iterable)
        self._saved = []
        self._i = -1

    def __next__(self):
        if self._i < 0:
            try:
                x = next(self._it)
                self._saved.append(x)
                return x
            except StopIteration:
                if not self._saved:
                    raise StopIteration
                self._i = 0
        x = self._saved[self._i]
        self._i = (self._i + 1) % len(self._saved)
        return x


class repeat(_Base):
    def __init__(self, object, times=None):
        self._obj = object
        self._left = times

    def __next__(self):
        if self._left is not None:
            if self._left <= 0:
                raise StopIteration
            self._left -= 1
        return self._obj

    def __len__(self):
        return max(0, self._left) if self._left is not None else 0

    def __repr__(self):
        if self._left is None:
            return "repeat(%r)" % (self._obj,)
        return "repeat(%r, %r)" % (self._obj, max(0, self._left))


class accumulate(_Base):
    def __init__(self, iterable, func=None, initial=None):
        self._it = _iter(iterable)
        self._func = func
        self._total = initial
        self._started = initial is not None
        self._pending_initial = initial is not None

    def __next__(self):
        if self._pending_initial:
            self._pending_initial = False
            return self._total
        x = next(self._it)
        if not self._started:
            self._started = True
            self._total = x
        elif self._func is None:
            self._total = self._total + x
        else:
            self._total = self._func(self._total, x)
        return self._total


class chain(_Base):
    def __init__(self, *iterables):
        self._sources = _iter(iterables)
        self._cur = None

    def __next__(self):
        while True:
            if self._cur is None:
                self._cur = _iter(next(self._sources))
            try:
                return next(self._cur)
            except StopIteration:
                self._cur = None


def _from_iterable(iterables):
    c = chain()
    c._sources = _iter(iterables)
    return c


chain.from_iterable = _from_iterable


class compress(_Base):
    def __init__(self, data, selectors):
        self._d = _iter(data)
        self._s = _iter(selectors)

    def __next__(self):
        while True:
            x = next(self._d)
            if next(self._s):
                return x


class dropwhile(_Base):
    def __init__(self, predicate, iterable):
        self._p = predicate
        self._it = _iter(iterable)
        self._dropping = True

    def __next__(self):
        while self._dropping:
            x = next(self._it)
            if not self._p(x):
                self._dropping = False
                return x
        return next(self._it)


class takewhile(_Base):
    def __init__(self, predicate, iterable):
        self._p = predicate
        self._it = _iter(iterable)
        self._done = False

    def __next__(self):
        if self._done:
            raise StopIteration
        x = next(self._it)
        if self._p(x):
            return x
        self._done = True
        raise StopIteration


class filterfalse(_Base):
    def __init__(self, predicate, iterable):
        self._p = predicate
        self._it = _iter(iterable)

    def __next__(self):
        while True:
            x = next(self._it)
            if self._p is None:
                if not x:
                    return x
            elif not self._p(x):
                return x


class _Grouper(_Base):
    def __init__(self, parent, tgtkey, ident):
        self._p = parent
        self._tgt = tgtkey
        self._id = ident
        self._started = False
        self._done = False

    def __next__(self):
        p = self._p
        if self._done:
            raise StopIteration
        if self._started:
            try:
                p._currvalue = next(p._it)
            except StopIteration:
                self._done = True
                raise StopIteration
            p._currkey = p._keyfunc(p._currvalue)
        self._started = True
        if p._id is self._id and p._currkey == self._tgt:
            return p._currvalue
        self._done = True
        raise StopIteration


def _identity(x):
    return x


class groupby(_Base):
    def __init__(self, iterable, key=None):
        self._keyfunc = _identity if key is None else key
        self._it = _iter(iterable)
        self._tgtkey = self._currkey = self._currvalue = object()
        self._id = None

    def __next__(self):
        self._id = object()
        while self._currkey == self._tgtkey:
            self._currvalue = next(self._it)
            self._currkey = self._keyfunc(self._currvalue)
        self._tgtkey = self._currkey
        return (self._currkey, _Grouper(self, self._tgtkey, self._id))


def _index_or_minus_one(x):
    n = _ssize_or_none(x)
    return -1 if n is None else n


class islice(_Base):
    def __init__(self, iterable, *args):
        if len(args) == 1:
            start, stop, step = None, args[0], None
        elif len(args) in (2, 3):
            start, stop = args[0], args[1]
            step = args[2] if len(args) == 3 else None
        else:
            raise TypeError("islice expected at most 4 arguments, got %d" % (len(args) + 1))
        # As CPython's islice_new: each index through PyNumber_AsSsize_t(x, OverflowError),
        # -1 where that fails (a big int, no __index__).
        if stop is not None:
            stop = _index_or_minus_one(stop)
            if stop == -1:
                raise ValueError("Stop argument for islice() must be None or an integer: "
                                 "0 <= x <= sys.maxsize.")
        start = 0 if start is None else _index_or_minus_one(start)
        if start < 0 or (stop is not None and stop < -1):
            raise ValueError("Indices for islice() must be None or an integer: "
                             "0 <= x <= sys.maxsize.")
        step = 1 if step is None else _index_or_minus_one(step)
        if step < 1:
            raise ValueError("Step for islice() must be a positive integer or None.")
        self._it = _iter(iterable)
        self._next = start
        self._stop = stop
        self._step = step
        self._i = 0

    def __next__(self):
        if self._stop is not None and self._next >= self._stop:
            while self._i < self._stop:
                self._i += 1
                next(self._it)
            raise StopIteration
        while self._i < self._next:
            next(self._it)
            self._i += 1
        x = next(self._it)
        self._i += 1
        self._next += self._step
        return x


class pairwise(_Base):
    def __init__(self, iterable):
        self._it = _iter(iterable)
        self._started = False

    def __next__(self):
        if not self._started:
            self._started = True
            self._last = next(self._it)
        x = next(self._it)
        pair = (self._last, x)
        self._last = x
        return pair


class starmap(_Base):
    def __init__(self, function, iterable):
        self._f = function
        self._it = _iter(iterable)

    def __next__(self):
        return self._f(*next(self._it))


class _Tee(_Base):
    def __init__(self, shared, buf):
        self._shared = shared
        self._buf = buf

    def __next__(self):
        if not self._buf:
            x = next(self._shared[0])
            for b in self._shared[1]:
                b.append(x)
        return self._buf.pop(0)


def tee(iterable, n=2):
    """Returns n independent iterators from a single iterable."""
    if n < 0:
        raise ValueError("n must be >= 0")
    bufs = [[] for i in range(n)]
    shared = (_iter(iterable), bufs)
    return tuple([_Tee(shared, b) for b in bufs])


class zip_longest(_Base):
    def __init__(self, *iterables, **kw):
        fillvalue = kw.pop("fillvalue", None)
        if kw:
            raise TypeError("zip_longest() got an unexpected keyword argument '%s'" % list(kw)[0])
        self._its = [_iter(x) for x in iterables]
        self._active = len(self._its)
        self._fill = fillvalue

    def __next__(self):
        if not self._active:
            raise StopIteration
        out = []
        for i in range(len(self._its)):
            it = self._its[i]
            if it is None:
                out.append(self._fill)
                continue
            try:
                out.append(next(it))
            except StopIteration:
                self._active -= 1
                if not self._active:
                    raise StopIteration
                self._its[i] = None
                out.append(self._fill)
        return tuple(out)


# The combinatoric iterators are native (interp/combinatorics.rs): builtin types with
# CPython's names, algorithms and argument errors.
from _minipy import permutations, combinations, combinations_with_replacement, product
