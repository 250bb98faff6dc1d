# itertools: lazy iterators, including infinite ones.
import itertools
from itertools import count, cycle, repeat, islice, chain, product, permutations, combinations

print(list(islice(count(), 5)), list(islice(count(10, 3), 4)), list(islice(count(0.5, 0.25), 3)))
print(list(islice(cycle("abc"), 7)), list(repeat(7, 3)), list(islice(repeat("x"), 2)))
print(repr(count(5)), repr(count(2, 3)), repr(repeat(1, 2)), repr(repeat("a")))
print(list(itertools.accumulate([1, 2, 3, 4])), list(itertools.accumulate([1, 2, 3], lambda a, b: a * b)))
print(list(itertools.accumulate([1, 2, 3], initial=100)), list(itertools.accumulate([])))
print(list(chain([1, 2], (3,), "ab")), list(chain.from_iterable([[1], [2, 3], []])))
print(list(itertools.compress("ABCDEF", [1, 0, 1, 0, 1, 1])))
print(list(itertools.dropwhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(itertools.takewhile(lambda x: x < 5, [1, 4, 6, 4, 1])))
print(list(itertools.filterfalse(lambda x: x % 2, range(10))), list(itertools.filterfalse(None, [0, 1, "", "a"])))
print([(k, list(g)) for k, g in itertools.groupby("AAAABBBCCDAABBB")])
print([k for k, g in itertools.groupby([1, 1, 2, 3, 3])])
print([(k, list(g)) for k, g in itertools.groupby([1, 2, 3, 4, 5, 6], key=lambda x: x // 3)])
groups = itertools.groupby("aabbc")
k1, g1 = next(groups)
k2, g2 = next(groups)
print(k1, list(g1), k2, list(g2))
print(list(islice("ABCDEFG", 2)), list(islice("ABCDEFG", 2, 4)), list(islice("ABCDEFG", 2, None)),
      list(islice("ABCDEFG", 0, None, 2)), list(islice(range(10), 1, 8, 3)))
it = islice(count(), 5)
print(list(islice(it, 2)), next(it))
print(list(itertools.pairwise("ABCD")), list(itertools.starmap(pow, [(2, 5), (3, 2)])))
a, b = itertools.tee([1, 2, 3])
print(list(a), list(b))
print(list(itertools.zip_longest("ABCD", "xy", fillvalue="-")), list(itertools.zip_longest([1], [2, 3])))
print(list(product("ab", range(2))), list(product([1, 2], repeat=2)), list(product()), list(product([], [1])))
print(list(permutations(range(3))), list(permutations("ABCD", 2))[:5], list(permutations([1], 2)))
print(list(combinations("ABCD", 2)), list(combinations(range(4), 3)), list(combinations([1], 2)))
print(list(itertools.combinations_with_replacement("ABC", 2)))
print(len(list(permutations(range(6)))), len(list(combinations(range(10), 4))))
total = 0
for x in islice(count(1), 1000):
    total += x
print(total)
print(sum(1 for _ in []) if False else "ok")
print(list(zip(count(), "abc")) if False else [(i, c) for i, c in zip(range(3), "abc")])
for name, f in [("islice neg", lambda: islice([1], -1)), ("islice start", lambda: islice([1], -1, 2)), ("islice step", lambda: islice([1], 0, 5, 0)),
                ("perm neg", lambda: permutations([1], -1)), ("comb neg", lambda: combinations([1], -2))]:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
