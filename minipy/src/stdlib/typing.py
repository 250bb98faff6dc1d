"""typing: the names type hints use. Annotations are not checked at run time, so these only
need to exist, print like CPython's and support subscripting (List[int], Optional[str])."""


class _Alias:
    def __init__(self, name, origin=None, args=None):
        self._name = name
        self.__origin__ = origin
        self.__args__ = args

    def __getitem__(self, params):
        if not isinstance(params, tuple):
            params = (params,)
        return _Alias(self._name, self, params)

    def __call__(self, *args, **kwds):
        raise TypeError("Type " + self._name + " cannot be instantiated")

    # `Optional[int] | None` and friends: kept as the alias (annotations only).
    def __or__(self, other):
        return self

    def __ror__(self, other):
        return self

    def __repr__(self):
        if self.__args__ is None:
            return "typing." + self._name
        return "typing." + self._name + "[" + ", ".join([_type_repr(a) for a in self.__args__]) + "]"


def _type_repr(obj):
    if isinstance(obj, type):
        if obj.__module__ == "builtins" if hasattr(obj, "__module__") else True:
            return obj.__name__
        return obj.__module__ + "." + obj.__qualname__
    if obj is ...:
        return "..."
    if obj is None or obj is type(None):
        return "None"
    return repr(obj)


Any = _Alias("Any")
NoReturn = _Alias("NoReturn")
Never = _Alias("Never")
Self = _Alias("Self")
ClassVar = _Alias("ClassVar")
Final = _Alias("Final")
Union = _Alias("Union")
Optional = _Alias("Optional")
Literal = _Alias("Literal")
Annotated = _Alias("Annotated")
List = _Alias("List")
Dict = _Alias("Dict")
Set = _Alias("Set")
FrozenSet = _Alias("FrozenSet")
Tuple = _Alias("Tuple")
Type = _Alias("Type")
Callable = _Alias("Callable")
Iterable = _Alias("Iterable")
Iterator = _Alias("Iterator")
Generator = _Alias("Generator")
AsyncIterator = _Alias("AsyncIterator")
AsyncGenerator = _Alias("AsyncGenerator")
Awaitable = _Alias("Awaitable")
Coroutine = _Alias("Coroutine")
Sequence = _Alias("Sequence")
MutableSequence = _Alias("MutableSequence")
Mapping = _Alias("Mapping")
MutableMapping = _Alias("MutableMapping")
Collection = _Alias("Collection")
Container = _Alias("Container")
Hashable = _Alias("Hashable")
Sized = _Alias("Sized")
Reversible = _Alias("Reversible")
DefaultDict = _Alias("DefaultDict")
OrderedDict = _Alias("OrderedDict")
Counter = _Alias("Counter")
Deque = _Alias("Deque")
ChainMap = _Alias("ChainMap")
Text = str
AnyStr = _Alias("AnyStr")
SupportsInt = _Alias("SupportsInt")
SupportsFloat = _Alias("SupportsFloat")
SupportsAbs = _Alias("SupportsAbs")
SupportsIndex = _Alias("SupportsIndex")
TYPE_CHECKING = False


class TypeVar:
    """Type variable."""

    def __init__(self, name, *constraints, **kwds):
        self.__name__ = name
        self.__constraints__ = constraints
        self.__bound__ = kwds.get("bound")
        self.__covariant__ = kwds.get("covariant", False)
        self.__contravariant__ = kwds.get("contravariant", False)

    def __typing_subst__(self, arg):
        # What an alias's subscription puts in this variable's place (`list[T][int]`), as 3.11.
        if arg is None:
            return type(None)
        if type(arg) is tuple:
            raise TypeError("Parameters to generic types must be types. Got " + repr(arg)[:100]
                            + ".")
        return arg

    def __repr__(self):
        if self.__covariant__:
            return "+" + self.__name__
        if self.__contravariant__:
            return "-" + self.__name__
        return "~" + self.__name__


class _GenericBase:
    """What `Generic[T]` and `Protocol[T]` stand for as a base: its subclasses can be
    subscripted (`Node[int]`), which gives the class itself (CPython: an alias of it)."""

    def __class_getitem__(cls, params):
        return cls


class _GenericAlias(_Alias):
    def __getitem__(self, params):
        return _GenericBase


Generic = _GenericAlias("Generic")
Protocol = _GenericAlias("Protocol")


def cast(typ, val):
    """Cast a value to a type (returns the value unchanged)."""
    return val


def overload(func):
    return func


def final(f):
    return f


def no_type_check(arg):
    return arg


def runtime_checkable(cls):
    return cls


def get_type_hints(obj, globalns=None, localns=None, include_extras=False):
    return dict(getattr(obj, "__annotations__", {}))


def NewType(name, tp):
    def new_type(x):
        return x
    new_type.__name__ = name
    new_type.__supertype__ = tp
    return new_type


class NamedTuple(tuple):
    """`NamedTuple('P', [('x', int)])` (the functional form) or, as a base, the class form:

        class P(NamedTuple):
            x: int
            y: int = 0

    Both give a `collections.namedtuple` class: the class form's fields are its annotations,
    its defaults their values, and the methods of its body are kept."""

    def __new__(cls, typename=None, fields=None, **kwargs):
        if cls is not NamedTuple:
            return tuple.__new__(cls)
        from collections import namedtuple
        if fields is None:
            fields = list(kwargs.items())
        return namedtuple(typename, [name for name, _ in fields])

    def __init_subclass__(cls):
        if hasattr(cls, "_fields"):
            return  # a subclass of a NamedTuple class is a plain subclass
        from collections import namedtuple
        own = cls.__dict__
        annotations = own.get("__annotations__", {})
        fields = list(annotations)
        defaults = []
        for name in fields:
            if name in own:
                defaults.append(own[name])
            elif defaults:
                raise TypeError("Non-default namedtuple field " + name + " cannot follow default field"
                                + ("s " if len(defaults) > 1 else " ")
                                + ", ".join([f for f in fields if f in own]))
        for name in own:
            if name in ("_make", "_fields", "_field_defaults", "_replace", "_asdict", "_source",
                        "__new__", "__init__", "__slots__", "__getnewargs__"):
                raise AttributeError("Cannot overwrite NamedTuple attribute " + name)
        base = namedtuple(cls.__name__, fields, defaults=defaults)
        for name, value in base.__dict__.items():
            if name in ("__name__", "__qualname__", "__module__", "__doc__"):
                continue
            if name not in own or name in fields:
                setattr(cls, name, value)
        cls._make = classmethod(lambda c, iterable: c(*iterable))
