# array: typed arrays, conversions, range checks and CPython's messages.
from array import array
import array as arraymod

a = array("d", [1, 2.5, 3])
print(a, len(a), a[0], a[-1], a.typecode, a.itemsize, list(a), a.tolist())
a[1] = 7
a.append(4)
a.extend([5, 6])
a.extend(array("d", [0.5]))
print(a, 7.0 in a, a.index(7.0), a.count(5.0), a.pop(), a.pop(0), a)
a.insert(1, -1)
a.remove(-1)
a.reverse()
print(a, a == array("d", [6.0, 5.0, 4.0, 7.0]), array("i", [1, 2]) == array("d", [1.0, 2.0]))
z = array("d", [0]) * 5
print(z, 3 * array("i", [1, 2]), array("b"), array("B", range(5)) + array("B", [255]))
s = 0.0
for x in array("d", [0.25] * 8):
    s += x
print(s, sum(array("i", [1, 2, 3])), max(array("h", [3, -9, 7])))
f = array("f", [0.1, 1.5, 1e40])
print(f, f[0])
for tc in "bBhHiIlLqQ":
    print(tc, array(tc, [0, 1, 100]), array(tc).itemsize)
m = array("i", [1, 2])
m += array("i", [3])
m *= 2
print(m, arraymod.typecodes, arraymod.ArrayType is array)
tests = [
    ("b 200", lambda: array("b", [200])), ("b -200", lambda: array("b", [-200])),
    ("B 300", lambda: array("B", [300])), ("B -1", lambda: array("B", [-1])),
    ("h", lambda: array("h", [40000])), ("H", lambda: array("H", [-1])),
    ("i", lambda: array("i", [2 ** 31])), ("I", lambda: array("I", [-1])),
    ("Q", lambda: array("Q", [-1])), ("i float", lambda: array("i", [1.5])),
    ("d str", lambda: array("d", ["x"])), ("typecode", lambda: array("x", [1])),
    ("index", lambda: a[10]), ("assign", lambda: a.__setitem__(10, 1.0)),
    ("set str", lambda: a.__setitem__(0, "s")), ("pop", lambda: array("d").pop()),
    ("remove", lambda: a.remove(99)), ("find", lambda: a.index(99)),
    ("add list", lambda: a + [1]), ("add kind", lambda: a + array("i")),
    ("mul str", lambda: a * "x"),
]
for name, fn in tests:
    try:
        print(name, fn())
    except Exception as e:
        print(name, type(e).__name__, e)

# Slices: get (an array), assign (an array of the same typecode), delete.
a = array("d", [1, 2, 3, 4, 5])
print(a[1:3], a[::-1], a[:], a[10:], type(a[:]) is array)
b = array("d")
b[:] = a[:]
print(b, b is not a)
b[1:3] = array("d", [9])
print(b)
b[::2] = array("d", [7, 7])
print(b)
del b[:2]
print(b)
del b[::2]
print(b)
def t(f):
    try:
        f()
    except Exception as e:
        print(type(e).__name__, e)
def s1(): b[0:1] = [1.0]
def s2(): b[0:1] = array("i", [1])
def s3(): a[::2] = array("d", [1])
t(s1); t(s2); t(s3)
