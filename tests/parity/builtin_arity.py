# The argument checks of the builtin functions and of the methods of the builtin types, each
# made from the parameter spec of its row in the type's table: arity, keyword names and
# CPython's message for each calling convention. Also: the methods that take several
# iterables or a search window.
cases = [
    "[].append()", "[].append(1,2)", "[].append(x=1)", "[].clear(1)", "[].pop(1,2)",
    "[].pop(x=1)", "[].insert(1)", "[].index()", "[].count()", "[].extend()", "[].remove()",
    "[].sort(1)", "[].sort(1, 2)", "[].sort(foo=1)", "[].reverse(1)", "[].copy(1)",
    "{}.get()", "{}.get(1,2,3)", "{}.keys(1)", "{}.values(1)", "{}.items(1)", "{}.pop()",
    "{}.setdefault()", "{}.popitem(1)", "{}.clear(1)", "{}.copy(1)", "{}.update(1,2)",
    "{}.get(x=1)",
    "''.join()", "''.split(1,2,3)", "''.split(foo=1)", "''.split(',', sep=',')",
    "''.strip(1,2)", "''.upper(1)", "''.startswith()", "''.replace(1)", "''.find()",
    "''.count()", "''.center()", "''.zfill()", "''.partition()", "''.isdigit(1)",
    "''.splitlines(1,2)", "''.title(1)", "''.rsplit(1,2,3)", "''.find(x=1)", "''.upper(x=1)",
    "set().add()", "set().pop(1)", "set().issubset()", "set().clear(1)", "set().copy(1)",
    "set().add(x=1)", "set().remove()", "set().isdisjoint()", "set().union(x=1)",
    "frozenset().copy(1)", "frozenset().add(1)", "frozenset().union(x=1)",
    "().count()", "().index()", "(1,).index(2)", "(1,).index(1, 'a')", "[1].index(1, 'a')",
    "(1).bit_length(1)", "(1.0).is_integer(1)", "(1).as_integer_ratio(1)",
    "(1.0).as_integer_ratio(1)", "(1).nope()", "(1.0).nope", "[].nope", "''.nope()",
    "len()", "len(1,2)", "len(x=1)", "repr()", "isinstance(1)", "id()", "hash()", "abs()",
    "sum()", "sum(1,2,3)", "sorted()", "sorted(1,2)", "sorted([], foo=1)", "reversed()",
    "filter(1)", "iter()", "next()", "hasattr(1)", "getattr(1)", "setattr(1,2)",
    "delattr(1)", "ord()", "chr()", "round()", "round(1, 2, 3)", "round(ndigits=1)",
    "round(1.5, number=2)", "divmod(1)", "pow(1)", "pow(2, exp=3, base=1)", "any()", "all()",
    "callable()", "format()", "hex()", "bin()", "oct()", "globals(1)", "locals(1)",
    "vars(1,2)", "dir(1,2)", "exec()", "exec(1,2,3,4)", "eval()", "eval(1,2,3,4)",
    "issubclass(1)", "min()", "max()", "min(1, 2, x=3)", "map(1)", "map(x=1)", "print(x=1)",
    "zip(x=1)", "dir(x=1)", "iter(1,2,3)", "next(1,2,3)", "sum([], start=1, x=2)",
]
# bytes and bytearray.
cases += ["b''.join()", "b''.split(1,2,3)", "b''.hex(1,2,3)", "b''.find()", "b''.strip(1,2)", "b''.upper(1)", "b''.upper(x=1)", "b''.replace(1)", "b''.center()", "b''.zfill()", "b''.partition()", "b''.removeprefix()", "b''.expandtabs(1,2)", "b''.splitlines(1,2)", "b''.append", "bytearray().append()", "bytearray().pop(1,2)", "bytearray().insert(1)", "bytearray().reverse(1)", "bytearray().copy(1)", "bytearray().clear(1)", "bytearray().extend()", "bytearray().remove()", "(5).to_bytes(2, 'big')", "b'a b'.split(maxsplit=0)", "b'ab'.hex(sep=':')", "b'a\\tb'.expandtabs(tabsize=4)", "b'a\\nb'.splitlines(keepends=True)", "b'abc'.decode()", "b'x'.decode('ascii', errors='strict')", "bytearray(b'ab').hex()", "b'abc'.find(b'c', 1)", "hasattr(b'', 'append')", "hasattr(bytearray(), 'append')", "hasattr(1, 'to_bytes')", "b''.nope()", "bytearray().nope"]
for c in cases:
    try:
        print(c, "->", repr(eval(c)))
    except Exception as e:
        print(c, type(e).__name__, e)

# Keywords put in their positions.
print("a,b,c".split(maxsplit=1), "a b  c".split(None, 1), "a,b,c".rsplit(",", maxsplit=1))
print("a\nb\n".splitlines(keepends=True), round(2.675, ndigits=2), pow(base=3, exp=4, mod=5))
print(sum([1, 2], start=10), list(enumerate("ab", start=3)), sorted([3, 1, 2], reverse=True))

# Methods taking several iterables, or a search window.
s = {1, 2, 3}
print(sorted(s.union()), sorted(s.union([4], (5,))), sorted(s.intersection([1, 2], {2, 3})))
print(sorted(s.difference([1], [2])), sorted(frozenset(s).union([9])), s.union() is s)
t = set(s)
t.update([4], [5, 6])
t.difference_update([1], [2])
t.intersection_update(range(10), [3, 4, 5, 6, 7])
print(sorted(t))
f = frozenset(s)
print(f.copy() is f, type(f.union([1])).__name__, type(f.symmetric_difference({9})).__name__)
print([1, 2, 3, 2, 1].index(2, 2), [1, 2, 3].index(3, -1), (1, 2, 1).index(1, 1, 3))
for call in ["[1, 2, 3].index(1, 1)", "(1, 2).index(2, 0, 1)", "[1].index(1, 5)"]:
    try:
        print(eval(call))
    except ValueError as e:
        print(call, "ValueError", e)

# hasattr, getattr and bound methods resolve through the tables.
print(hasattr([], "append"), hasattr([], "add"), hasattr(frozenset(), "add"),
      hasattr(set(), "add"), hasattr("", "zfill"), hasattr(1, "bit_length"),
      hasattr(1.0, "is_integer"), hasattr((), "index"), hasattr({}, "popitem"))
m = [3, 1, 2].sort
print(m(reverse=True), getattr("a-b", "split")("-"), getattr({}, "get")(1, "d"))
