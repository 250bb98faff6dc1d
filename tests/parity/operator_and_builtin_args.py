import operator
from operator import attrgetter, itemgetter, methodcaller

print(round(2.675, ndigits=2), round(number=7.5), round(0.5731441234, ndigits=7), round(1234, ndigits=-2))
print(pow(3, 4, 5), pow(2, 100, 10**9 + 7), pow(-3, 3, 7), pow(3, 3, -7), pow(3, -1, 7), pow(base=2, exp=10, mod=1000))
print(pow(2, 10**20, 97), pow(38, -1, 97), pow(5, 0, 1), pow(2, exp=3))
for bad in (lambda: pow(2, 3, 0), lambda: pow(2, -1, 4), lambda: pow(2.0, 3, 5), lambda: pow(2, 3, mod=None) + round(1.5, 2, ndigits=1)):
    try:
        print(bad())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
s = {1, 2, 3, 4, 5}
s.difference_update({2, 3}, ) if True else None
print(sorted(s))
s.intersection_update([1, 4, 9])
print(sorted(s))
s.symmetric_difference_update(range(3))
print(sorted(s), s.difference_update([]), sorted(s))
try:
    frozenset([1]).difference_update([1])
except AttributeError as e:
    print("AttributeError", e)
print(operator.add(2, 3), operator.mul("ab", 2), operator.lt(1, 2), operator.gt(1, 2), operator.neg(5))
class Pt:
    def __init__(self, x, y):
        self.x = x
        self.y = y


pt = Pt(3, Pt(1, 2))
print(operator.itemgetter(1)([5, 6, 7]), itemgetter(0, 2)("xyz"), attrgetter("x")(pt), attrgetter("x", "y.y")(pt))
print(sorted([(1, "b"), (0, "z"), (1, "a")], key=itemgetter(1)), methodcaller("upper")("abc"))
print(methodcaller("split", ",", maxsplit=1)("a,b,c"), itemgetter(1), attrgetter("x.y"), methodcaller("f", 1, k=2))
print(operator.contains([1, 2], 2), operator.countOf([1, 2, 1], 1), operator.indexOf("abc", "c"), operator.truth([]))
print(operator.floordiv(7, 2), operator.truediv(7, 2), operator.mod(-7, 3), operator.pow(2, 5), operator.xor(6, 3))
print(operator.is_(None, None), operator.not_(0), operator.index(7), operator.concat([1], [2]), operator.iadd([1], [2]))
l = [1, 2, 3]
operator.setitem(l, 0, 9)
operator.delitem(l, 1)
print(l, operator.getitem(l, -1), operator.length_hint([1, 2]), operator.call(max, 1, 5))
w = "GraphTreesGraph"
print(w.startswith("Trees", 5), w.startswith("Graph", 1), w.endswith("Trees", 0, 10), w.endswith("Graph", -5))
print(w.startswith(("x", "Tree"), 5, 9), "abc".startswith("", 3), "abc".startswith("", 5), "h\u00e9llo".startswith("llo", 2))
print(w.startswith("G", None, None), w.endswith("h", -100, 100), w.startswith("Graph", -5, -1))
