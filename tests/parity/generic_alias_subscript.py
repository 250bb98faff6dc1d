# Subscribing an alias: `list[int][int]` is not a generic class; type variables are replaced
# (CPython 3.11's ga_getitem); and sys.set_int_max_str_digits beyond a C int.
import sys
from typing import TypeVar

T = TypeVar('T')
K = TypeVar('K')
V = TypeVar('V')
for src in ["list[int][int]", "dict[str, int][int]", "tuple[int][int]", "list[int][str, int]",
            "type[int][int]", "set[int][int]", "frozenset[str][()]", "list[list[int]][int]",
            "list[T][int]", "list[T][None]", "list[type(None)]", "dict[K, V][int]",
            "dict[K, V][int, str]", "dict[K, list[V]][int, str]", "dict[K, list[K]][str]",
            "dict[K, V][int, str, float]", "list[T][()]", "tuple[T, ...][int]",
            "list[list[T]][int]", "list[T].__parameters__", "dict[K, list[V]].__parameters__",
            "dict[V, list[K]].__parameters__", "dict[T, T].__parameters__", "list[int].__parameters__",
            "list[T][K][int]", "list[T][int,]", "type(list[T][int])", "list[T][int] == list[int]",
            "dict[K, V][int, V]", "list[T][1, 2]", "list[T][(1, 2),]", "list[T][int][str]",
            "sys.set_int_max_str_digits(10**100)", "sys.set_int_max_str_digits(-10**100)",
            "sys.set_int_max_str_digits(2**31)"]:
    try:
        print(src, '->', eval(src))
    except Exception as e:
        print(src, '!', type(e).__name__, e)
print(sys.get_int_max_str_digits())
