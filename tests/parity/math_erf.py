# math.erf and math.erfc, bit for bit with CPython (the C library's fdlibm algorithm).
import math

xs = [0.0, -0.0, 5e-324, 1e-310, 2.2250738585072014e-308, 1e-20, 1.3877787807814457e-17,
      3.725290298461914e-09, 0.1, 0.25, 0.2499999999999999, 0.5, 0.84375, 0.8437499999999999,
      1.0, 1.25, 1.2499999999999998, 2.0, 2.857142857142857, 2.8571428571428568, 3.5, 5.9,
      6.0, 10.0, 26.5, 27.999999999999996, 28.0, 40.0, 1e300, math.inf, -math.inf]
for x in xs:
    for v in (x, -x):
        print(v, math.erf(v), math.erfc(v))
print(math.erf(math.nan), math.erfc(math.nan), math.erf(1), math.erfc(True))
total = 0.0
x = -7.0
while x < 7.0:
    total += math.erf(x) * 3 + math.erfc(x)
    x += 0.0137
print(total)
for bad in ("1", None, [1.0]):
    try:
        math.erf(bad)
    except TypeError as e:
        print("TypeError:", e)
try:
    math.erfc()
except TypeError as e:
    print("TypeError:", e)
print(math.erf(10**400 // 10**399), 1 - math.erfc(0.3) == math.erf(0.3))
