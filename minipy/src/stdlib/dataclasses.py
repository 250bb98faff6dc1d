"""dataclasses for minipy: @dataclass, field(), fields(), asdict(), astuple(), replace().

CPython's module generates each method's source and exec()s it; minipy has no exec(), so the
generated methods here are closures over the class's fields that do the same work (with the
same results and error messages for the common cases)."""

__all__ = [
    "dataclass",
    "field",
    "Field",
    "FrozenInstanceError",
    "InitVar",
    "MISSING",
    "fields",
    "asdict",
    "astuple",
    "make_dataclass",
    "replace",
    "is_dataclass",
]


class FrozenInstanceError(AttributeError):
    pass


class _MISSING_TYPE:
    def __repr__(self):
        return "MISSING"


MISSING = _MISSING_TYPE()


class InitVar:
    def __init__(self, type):
        self.type = type


class Field:
    def __init__(self, default, default_factory, init, repr, hash, compare, metadata, kw_only):
        self.name = None
        self.type = None
        self.default = default
        self.default_factory = default_factory
        self.init = init
        self.repr = repr
        self.hash = hash
        self.compare = compare
        self.metadata = {} if metadata is None else metadata
        self.kw_only = kw_only
        self._field_type = None

    def __repr__(self):
        return (
            "Field("
            f"name={self.name!r},"
            f"type={self.type!r},"
            f"default={self.default!r},"
            f"default_factory={self.default_factory!r},"
            f"init={self.init!r},"
            f"repr={self.repr!r},"
            f"hash={self.hash!r},"
            f"compare={self.compare!r},"
            f"metadata={self.metadata!r},"
            f"kw_only={self.kw_only!r},"
            f"_field_type={self._field_type})"
        )


def field(*, default=MISSING, default_factory=MISSING, init=True, repr=True,
          hash=None, compare=True, metadata=None, kw_only=MISSING):
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("cannot specify both default and default_factory")
    return Field(default, default_factory, init, repr, hash, compare, metadata, kw_only)


def _is_classvar(annotation):
    if isinstance(annotation, str):
        return annotation.startswith("ClassVar") or annotation.startswith("typing.ClassVar")
    return getattr(annotation, "_name", None) == "ClassVar" or annotation is getattr(
        annotation, "ClassVar", None
    )


def _own_annotations(cls):
    return cls.__dict__.get("__annotations__", {})


def _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only, match_args=True):
    all_fields = {}
    base = cls.__base__
    bases = []
    while base is not None and base is not object:
        bases.append(base)
        base = getattr(base, "__base__", None)
    for b in reversed(bases):
        base_fields = b.__dict__.get("__dataclass_fields__")
        if base_fields is not None:
            for f in base_fields.values():
                all_fields[f.name] = f

    for name, ann in _own_annotations(cls).items():
        if _is_classvar(ann):
            continue
        default = cls.__dict__.get(name, MISSING)
        if isinstance(default, Field):
            f = default
        else:
            f = field(default=default)
        f.name = name
        f.type = ann
        f._field_type = "_FIELD"
        if f.kw_only is MISSING:
            f.kw_only = kw_only
        if isinstance(f.default, (list, dict, set)):
            raise ValueError(
                f"mutable default {type(f.default)} for field {name} is not allowed: use default_factory"
            )
        if isinstance(default, Field):
            if f.default is MISSING:
                delattr(cls, name)
            else:
                setattr(cls, name, f.default)
        all_fields[name] = f

    setattr(cls, "__dataclass_fields__", all_fields)
    setattr(cls, "__dataclass_params__", (init, repr, eq, order, unsafe_hash, frozen))
    field_list = list(all_fields.values())

    if init:
        seen_default = False
        for f in field_list:
            if f.init and not f.kw_only:
                if f.default is not MISSING or f.default_factory is not MISSING:
                    seen_default = True
                elif seen_default:
                    raise TypeError(f"non-default argument {f.name!r} follows default argument")
        _set_new_attribute(cls, "__init__", _make_init(cls, field_list, frozen))
    if repr:
        _set_new_attribute(cls, "__repr__", _make_repr(field_list))
    if eq:
        _set_new_attribute(cls, "__eq__", _make_eq(field_list))
    if order:
        for name, op in [("__lt__", "<"), ("__le__", "<="), ("__gt__", ">"), ("__ge__", ">=")]:
            if name in cls.__dict__:
                raise TypeError(
                    f"Cannot overwrite attribute {name} in class {cls.__name__}. "
                    "Consider using functools.total_ordering"
                )
            setattr(cls, name, _make_order(field_list, op))
    if frozen:
        _set_new_attribute(cls, "__setattr__", _frozen_setattr)
        _set_new_attribute(cls, "__delattr__", _frozen_delattr)
    # CPython's rule: a `__hash__` the class body wrote is kept; `__hash__ = None`, which a
    # body defining `__eq__` gets, is not one.
    class_hash = cls.__dict__.get("__hash__", _MISSING_HASH)
    explicit_hash = not (
        class_hash is _MISSING_HASH or (class_hash is None and "__eq__" in cls.__dict__)
    )
    if unsafe_hash and explicit_hash:
        raise TypeError(f"Cannot overwrite attribute __hash__ in class {cls.__name__}")
    if unsafe_hash or (eq and frozen and not explicit_hash):
        cls.__hash__ = _make_hash(field_list)
    elif eq and not frozen and not explicit_hash:
        cls.__hash__ = None
    # As CPython: the positional __init__ fields, unless the class sets its own.
    if match_args and "__match_args__" not in cls.__dict__:
        setattr(cls, "__match_args__",
                tuple([f.name for f in field_list if f.init and not f.kw_only]))
    return cls


_MISSING_HASH = object()


def _set_new_attribute(cls, name, value):
    if name in cls.__dict__:
        return True
    setattr(cls, name, value)
    return False


def _make_init(cls, field_list, frozen):
    init_fields = [f for f in field_list if f.init]
    positional = [f for f in init_fields if not f.kw_only]
    qualname = cls.__qualname__ + ".__init__"

    def __init__(self, *args, **kwargs):
        if len(args) > len(positional):
            n = len(positional) + 1
            required = 1
            for f in positional:
                if f.default is MISSING and f.default_factory is MISSING:
                    required += 1
            if required == n:
                takes = f"{n} positional argument{'' if n == 1 else 's'}"
            else:
                takes = f"from {required} to {n} positional arguments"
            raise TypeError(f"{qualname}() takes {takes} but {len(args) + 1} were given")
        missing = []
        values = []
        for i, f in enumerate(init_fields):
            if i < len(args) and not f.kw_only:
                if f.name in kwargs:
                    raise TypeError(f"{qualname}() got multiple values for argument '{f.name}'")
                v = args[i]
            elif f.name in kwargs:
                v = kwargs.pop(f.name)
            elif f.default is not MISSING:
                v = f.default
            elif f.default_factory is not MISSING:
                v = f.default_factory()
            else:
                missing.append(f)
                continue
            values.append((f.name, v))
        for name in kwargs:
            raise TypeError(f"{qualname}() got an unexpected keyword argument '{name}'")
        if missing:
            kind = "keyword-only" if missing[0].kw_only else "positional"
            names = [repr(f.name) for f in missing]
            if len(names) == 1:
                listed = names[0]
            elif len(names) == 2:
                listed = names[0] + " and " + names[1]
            else:
                listed = ", ".join(names[:-1]) + ", and " + names[-1]
            raise TypeError(
                f"{qualname}() missing {len(names)} required {kind} argument"
                f"{'' if len(names) == 1 else 's'}: {listed}"
            )
        for f in field_list:
            if not f.init and f.default_factory is not MISSING:
                values.append((f.name, f.default_factory()))
        for name, v in values:
            if frozen:
                self.__dict__[name] = v
            else:
                setattr(self, name, v)
        post = getattr(self, "__post_init__", None)
        if post is not None:
            post()

    __init__.__qualname__ = qualname
    return __init__


def _make_repr(field_list):
    shown = [f.name for f in field_list if f.repr]

    def __repr__(self):
        parts = [name + "=" + repr(getattr(self, name)) for name in shown]
        return self.__class__.__qualname__ + "(" + ", ".join(parts) + ")"

    return __repr__


def _values(obj, field_list):
    return tuple([getattr(obj, f.name) for f in field_list if f.compare])


def _make_eq(field_list):
    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return _values(self, field_list) == _values(other, field_list)
        return False

    return __eq__


def _make_order(field_list, op):
    def compare(self, other):
        if other.__class__ is not self.__class__:
            raise TypeError(
                f"'{op}' not supported between instances of "
                f"'{type(self).__name__}' and '{type(other).__name__}'"
            )
        a = _values(self, field_list)
        b = _values(other, field_list)
        if op == "<":
            return a < b
        if op == "<=":
            return a <= b
        if op == ">":
            return a > b
        return a >= b

    return compare


def _make_hash(field_list):
    def __hash__(self):
        return hash(_values(self, field_list))

    return __hash__


def _frozen_setattr(self, name, value):
    raise FrozenInstanceError(f"cannot assign to field {name!r}")


def _frozen_delattr(self, name):
    raise FrozenInstanceError(f"cannot delete field {name!r}")


def dataclass(cls=None, *, init=True, repr=True, eq=True, order=False,
              unsafe_hash=False, frozen=False, match_args=True, kw_only=False,
              slots=False, weakref_slot=False):
    def wrap(cls):
        return _process_class(cls, init, repr, eq, order, unsafe_hash, frozen, kw_only,
                              match_args)

    if cls is None:
        return wrap
    return wrap(cls)


def fields(class_or_instance):
    try:
        fs = getattr(class_or_instance, "__dataclass_fields__")
    except AttributeError:
        raise TypeError("must be called with a dataclass type or instance")
    return tuple([f for f in fs.values() if f._field_type == "_FIELD"])


def is_dataclass(obj):
    return hasattr(obj, "__dataclass_fields__")


def _asdict_inner(obj, dict_factory):
    if hasattr(type(obj), "__dataclass_fields__"):
        return dict_factory([(f.name, _asdict_inner(getattr(obj, f.name), dict_factory))
                             for f in fields(obj)])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_asdict_inner(v, dict_factory) for v in obj])
    if isinstance(obj, dict):
        return {_asdict_inner(k, dict_factory): _asdict_inner(v, dict_factory)
                for k, v in obj.items()}
    return obj


def asdict(obj, *, dict_factory=dict):
    if not hasattr(type(obj), "__dataclass_fields__"):
        raise TypeError("asdict() should be called on dataclass instances")
    return _asdict_inner(obj, dict_factory)


def _astuple_inner(obj):
    if hasattr(type(obj), "__dataclass_fields__"):
        return tuple([_astuple_inner(getattr(obj, f.name)) for f in fields(obj)])
    if isinstance(obj, (list, tuple)):
        return type(obj)([_astuple_inner(v) for v in obj])
    if isinstance(obj, dict):
        return {_astuple_inner(k): _astuple_inner(v) for k, v in obj.items()}
    return obj


def astuple(obj):
    if not hasattr(type(obj), "__dataclass_fields__"):
        raise TypeError("astuple() should be called on dataclass instances")
    return _astuple_inner(obj)


def replace(obj, **changes):
    for f in fields(obj):
        if not f.init:
            if f.name in changes:
                raise ValueError(
                    f"field {f.name} is declared with init=False, it cannot be specified with replace()"
                )
            continue
        if f.name not in changes:
            changes[f.name] = getattr(obj, f.name)
    return obj.__class__(**changes)


def make_dataclass(cls_name, fields, **kwargs):
    raise NotImplementedError("minipy's dataclasses has no make_dataclass")
