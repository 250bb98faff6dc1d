"""types: the classes of run-time type objects that minipy makes in Python.

`GenericAlias` is what subscripting a builtin type gives (`list[int]`, `dict[str, int]`,
`type[C]`, as in CPython 3.9+); `UnionType` is `X | Y` when a member is such an alias.
Unions of plain classes (`int | None`) stay minipy's own (a tuple of the types).
"""


def _type_repr(obj):
    """How a type argument prints inside an alias: `int`, `__main__.C`, `...`, `None`."""
    if obj is type(None) or obj is None:
        return "None"
    if isinstance(obj, type):
        module = getattr(obj, "__module__", "builtins")
        name = getattr(obj, "__qualname__", obj.__name__)
        if module == "builtins":
            return name
        return module + "." + name
    if obj is ...:
        return "..."
    if isinstance(obj, list):
        # Callable[[int, str], bool]: the argument types.
        return "[" + ", ".join([_type_repr(a) for a in obj]) + "]"
    return repr(obj)


def _is_typevar(x):
    """A type variable: what an alias's subscription substitutes (`typing.TypeVar`)."""
    return hasattr(type(x), "__typing_subst__")


def _parameters(args):
    """CPython's `_Py_make_parameters`: the type variables of `args`, nested aliases' included,
    each once, in order of appearance."""
    params = []
    for a in args:
        subs = (a,) if _is_typevar(a) else getattr(a, "__parameters__", ())
        if type(subs) is not tuple:
            continue
        for p in subs:
            if p not in params:
                params.append(p)
    return tuple(params)


def _union(members):
    args = []
    for m in members:
        for a in (m.__args__ if isinstance(m, UnionType) else (m,)):
            if a is None:
                a = type(None)
            if a not in args:
                args.append(a)
    return UnionType(tuple(args))


def _is_union_member(x):
    return x is None or isinstance(x, (type, GenericAlias, UnionType))


# What a GenericAlias does not take from its origin (CPython's attr_exceptions).
_NOT_FORWARDED = ("__class__", "__origin__", "__args__", "__unpacked__", "__parameters__",
                  "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__",
                  "__reduce__", "__copy__", "__deepcopy__")


class GenericAlias:
    """Represent a PEP 585 generic type

    E.g. for t = list[int], t.__origin__ is list and t.__args__ is (int,).
    """

    def __init__(self, origin, args):
        if not isinstance(args, tuple):
            args = (args,)
        self.__origin__ = origin
        self.__args__ = args
        self.__parameters__ = _parameters(args)

    def __getitem__(self, items):
        # CPython's `ga_getitem` and `_Py_subs_parameters`: the type variables replaced.
        params = self.__parameters__
        if not params:
            raise TypeError(repr(self) + " is not a generic class")
        if type(items) is not tuple:
            items = (items,)
        if len(items) != len(params):
            raise TypeError("Too " + ("many" if len(items) > len(params) else "few")
                            + " arguments for " + repr(self) + "; actual " + str(len(items))
                            + ", expected " + str(len(params)))
        args = []
        for a in self.__args__:
            if _is_typevar(a):
                a = a.__typing_subst__(items[params.index(a)])
            else:
                subs = getattr(a, "__parameters__", ())
                if type(subs) is tuple and subs:
                    a = a[tuple([items[params.index(p)] for p in subs])]
            args.append(a)
        return GenericAlias(self.__origin__, tuple(args))

    # isinstance() and issubclass() refuse these objects (see builtins.rs).
    __minipy_generic__ = True

    def __call__(self, *args, **kwds):
        return self.__origin__(*args, **kwds)

    def __mro_entries__(self, bases):
        return (self.__origin__,)

    def __getattr__(self, name):
        if name in _NOT_FORWARDED:
            raise AttributeError("'types.GenericAlias' object has no attribute '" + name + "'")
        return getattr(self.__origin__, name)

    def __repr__(self):
        if len(self.__args__) == 0:
            args = "()"
        else:
            # `type(None)` is `NoneType` here (`list[type(None)]`), `None` in a union.
            args = ", ".join(["NoneType" if a is type(None) else _type_repr(a)
                              for a in self.__args__])
        return _type_repr(self.__origin__) + "[" + args + "]"

    def __eq__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return self.__origin__ is other.__origin__ and self.__args__ == other.__args__

    def __ne__(self, other):
        if not isinstance(other, GenericAlias):
            return NotImplemented
        return not self == other

    def __hash__(self):
        return hash(self.__origin__) ^ hash(self.__args__)

    def __or__(self, other):
        if not _is_union_member(other):
            return NotImplemented
        return _union((self, other))

    def __ror__(self, other):
        if not _is_union_member(other):
            return NotImplemented
        return _union((other, self))


GenericAlias.__module__ = "types"


class UnionType:
    """Represent a PEP 604 union type

    E.g. for int | str
    """

    def __init__(self, args):
        self.__args__ = args
        self.__parameters__ = ()

    __minipy_generic__ = True

    def __repr__(self):
        return " | ".join([_type_repr(a) for a in self.__args__])

    def __eq__(self, other):
        if not isinstance(other, UnionType):
            return NotImplemented
        return set(self.__args__) == set(other.__args__)

    def __hash__(self):
        return hash(frozenset(self.__args__))

    def __or__(self, other):
        if not _is_union_member(other):
            return NotImplemented
        return _union((self, other))

    def __ror__(self, other):
        if not _is_union_member(other):
            return NotImplemented
        return _union((other, self))


UnionType.__module__ = "types"
NoneType = type(None)


class SimpleNamespace:
    """A simple attribute-based namespace."""

    def __init__(self, **kwargs):
        for k, v in kwargs.items():
            setattr(self, k, v)

    def __repr__(self):
        items = ["%s=%r" % (k, v) for k, v in self.__dict__.items()]
        return "namespace(" + ", ".join(items) + ")"

    def __eq__(self, other):
        if isinstance(self, SimpleNamespace) and isinstance(other, SimpleNamespace):
            return self.__dict__ == other.__dict__
        return NotImplemented


SimpleNamespace.__module__ = "types"
