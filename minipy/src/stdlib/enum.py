"""enum for minipy: Enum (and Flag-less IntEnum-like use through .value), auto and unique.

CPython's enum is built on a metaclass; minipy has none, so the members are made by
`Enum.__init_subclass__` when a subclass's body has run: each public, non-callable class
attribute becomes an instance of the class with `name` and `value`. `Color(1)` looks a
member up by value, `for c in Color` gives the members (through minipy's
`__minipy_class_iter__` hook), and `Color["RED"]` and `len(Color)` are not supported (they need
a metaclass)."""

__all__ = ["Enum", "IntEnum", "auto", "unique"]

_auto_counter = [0]


class auto:
    def __init__(self):
        _auto_counter[0] += 1
        self._order = _auto_counter[0]
        self.value = None


class Enum:
    def __init_subclass__(cls):
        members = {}
        by_value = {}
        for name, value in list(cls.__dict__.items()):
            if name.startswith("_") or callable(value):
                continue
            if isinstance(value, (staticmethod, classmethod, property)):
                continue
            if isinstance(value, auto):
                value = len(members) + 1
            if value in by_value:
                member = by_value[value]
            else:
                member = object.__new__(cls)
                member._name_ = name
                member._value_ = value
                by_value[value] = member
            setattr(cls, name, member)
            members[name] = member
        cls.__members__ = members
        cls._member_names_ = [n for n, m in members.items() if m._name_ == n]
        cls._member_map_ = members
        cls._value2member_map_ = by_value

    @classmethod
    def __minipy_class_iter__(cls):
        return [cls._member_map_[n] for n in cls._member_names_]

    def __new__(cls, value):
        for member in cls._value2member_map_.values():
            if member._value_ == value:
                return member
        raise ValueError(f"{value!r} is not a valid {cls.__qualname__}")

    @property
    def name(self):
        return self._name_

    @property
    def value(self):
        return self._value_

    def __repr__(self):
        return f"<{type(self).__name__}.{self._name_}: {self._value_!r}>"

    def __str__(self):
        return f"{type(self).__name__}.{self._name_}"

    def __hash__(self):
        return hash(self._name_)

    def __reduce_ex__(self, proto):
        return self.__class__, (self._value_,)

    def __deepcopy__(self, memo):
        return self

    def __copy__(self):
        return self


class IntEnum(Enum):
    def __eq__(self, other):
        if isinstance(other, Enum):
            return self is other
        return self._value_ == other

    def __lt__(self, other):
        return self._value_ < getattr(other, "_value_", other)

    def __int__(self):
        return self._value_

    def __index__(self):
        return self._value_

    def __str__(self):
        return str(self._value_)


def unique(enumeration):
    seen = {}
    for name, member in enumeration.__members__.items():
        if member._name_ != name:
            raise ValueError(f"duplicate values found in {enumeration!r}: {name} -> {member._name_}")
    return enumeration
