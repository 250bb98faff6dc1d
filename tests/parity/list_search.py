# list.remove/index/count and 'in' read each item again after the comparison before it (which
# can change the list), and compare by identity first, as CPython's PyObject_RichCompareBool.
nan = float('nan')
l = [1, nan, 2]
print(l.count(nan), l.index(nan), nan in l, (1, nan).count(nan), (nan,).index(nan))
l.remove(nan)
print(l)
class Shrink:
    def __init__(self, lst):
        self.lst = lst
    def __eq__(self, other):
        if self.lst:
            self.lst.pop()
        return False
s = [5, 6, 7, 8]
print(s.count(Shrink(s)), s)
s = [5, 6, 7, 8]
print(Shrink(s) in s, s)
s = [5, 6, 7, 8]
try:
    s.remove(Shrink(s))
except ValueError as e:
    print(e, s)
class Grow:
    def __init__(self, lst):
        self.lst = lst
        self.n = 0
    def __eq__(self, other):
        self.n += 1
        if self.n == 2:
            self.lst.insert(0, 'new')
        return other == 7
s = [5, 6, 7, 8]
s.remove(Grow(s))
print(s)
s = [5, 6, 7, 8]
print(s.index(Grow(s)), s)
