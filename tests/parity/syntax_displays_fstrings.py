# Dict displays with ** unpacking, f-string nested specs and self-documenting fields, star
# unpacking in calls and displays, keyword-only parameters, conditional lambdas, chained
# comparisons with in / not in / is not.
d = {"a": 1, "b": 2}
e = {"b": 20, "c": 30}
print({**d}, {**d, "k": 1}, {"z": 0, **d, **e}, {**d, "a": 9}, {**{}}, {**d, **e, "b": 0})


class Mapping:
    def keys(self):
        return ["x", "y"]

    def __getitem__(self, k):
        return k * 2


print({**Mapping(), "q": 1})
for bad in (1, [1, 2], None):
    try:
        {**bad}
    except TypeError as err:
        print("TypeError:", err)
x = 3.14159
w = 10
name = "minipy"
print(f"{x:{w}}|", f"{x=}", f"{x = }", f"{x!r:>10}", f"{x:{w}.{2}f}|", f"{name=!s:>8}|")
print(f"{x=:.2f}", f"{w*2=}", f"{name!r:^{w + 2}}|", f"{'{'}{w}{'}'}", f"{{literal}} {w:>{3}}")
print(f"{d['a']=}", f"{len(name) == 6 = }", f"{w!s:{'<'}{4}}|")
a = [1, 2]
b = (3,)
print(*a, *b)
print(*a, 0, *b, sep="-")
print([*a, *b], (*a, *b), {*a, *b}, [*range(3), *"ab"])
p, *q = 1, 2, 3
*r, s = "xyz"
t, *u, v = range(5)
print(p, q, r, s, t, u, v)


def kwonly(*, a, b=2):
    return a + b


def mixed(x, *rest, flag=False, **opts):
    return x, rest, flag, opts


print(kwonly(a=1), kwonly(b=5, a=1), mixed(1, 2, 3, flag=True, z=0))
for call in (lambda: kwonly(1), lambda: kwonly(), lambda: kwonly(a=1, c=2)):
    try:
        call()
    except TypeError as err:
        print("TypeError:", err)
sign = lambda n: "pos" if n > 0 else "neg" if n < 0 else "zero"
print(sign(3), sign(-1), sign(0), (lambda: 1 if False else 2)())
none, empty = None, []
print(1 in [1] in [[1]], 1 < 2 not in [3], none is not empty is not d, "a" not in "bc" in "bcd")
print(1 < 2 < 3 in [3], 2 in [1] or 3 not in [4], not 1 in [2], [0] is not [0])
