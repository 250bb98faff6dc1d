import math

print(math.factorial(0), math.factorial(20), math.factorial(21), math.factorial(52))
print(len(str(math.factorial(1000))), math.factorial(1000) % 1000003)
print(math.comb(100, 50), math.comb(60, 30), math.comb(5, 7), math.comb(10**4, 3))
print(math.perm(30, 20), math.perm(25), math.perm(5, 0))
print(math.gcd(2**100, 6**50), math.gcd(), math.gcd(-12, 18, 10**30), math.gcd(0, 0))
print(math.lcm(2**70, 3**40), math.lcm(), math.lcm(4, 0, 6), math.lcm(-4, 6))
print(math.isqrt(10**40), math.isqrt(2**127 - 1), math.isqrt(10**30 + 12345))
print((1.5).as_integer_ratio(), (3).as_integer_ratio(), (0.1).as_integer_ratio())
print((-0.0).as_integer_ratio(), (1e300).as_integer_ratio()[1], (5e-324).as_integer_ratio()[0])
print((10**30).as_integer_ratio(), (-2.5).as_integer_ratio())
print(320656293468779305 / 252201579132747776, 9007199254740993 / 1, -(2**62) / 3)
for bad in (lambda: math.factorial(-1), lambda: math.isqrt(-10**30), lambda: math.comb(-1, 2),
            lambda: float("nan").as_integer_ratio()):
    try:
        bad()
    except ValueError as e:
        print("ValueError:", e)
try:
    float("inf").as_integer_ratio()
except OverflowError as e:
    print("OverflowError:", e)
try:
    math.gcd(1.5, 2)
except TypeError as e:
    print("TypeError:", e)
