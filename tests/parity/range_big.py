# range objects whose bounds or length go beyond 64 bits.
r = range(-9223372036854775807, 9223372036854775807)
for make in (lambda: len(r), lambda: len(range(10**20)), lambda: len(range(0, 2**64, 2)),
             lambda: range(10**20)[10**20], lambda: range(5)[2**70], lambda: range(1, 2, 0),
             lambda: range(10**20)["a"], lambda: range(1.5)):
    try:
        print(make())
    except (OverflowError, IndexError, ValueError, TypeError) as e:
        print(type(e).__name__ + ":", e)
print(r[0], r[5], r[-1], r[-2], 10**18 in r, 10**19 in r, -(10**19) in r, 3.0 in range(5), "x" in range(3))
print(bool(r), bool(range(10**20, 10**20)), bool(range(10**20, 0, -1)))
print(list(range(10**20, 10**20 + 5)))
print(list(range(2**64 + 3, 2**64 - 3, -2)))
print(list(range(2**63 - 2, 2**63 + 2)), list(range(-(2**63) + 1, -(2**63) - 2, -1)))
big = range(0, 10**30, 7)
print(big, big[10**25], big[-1], 10**29 in big, 7 * 10**28 in big, 7 * 10**28 + 1 in big)
print(len(range(10**20, 10**20 + 5, 2)), len(range(2**63, 2**63 + 10**6)), range(10**20)[-1])
print(range(10**20, 10**20 + 5), range(0, -(10**20), -3), range(10**20) == range(10**20))
print(sum(range(10**19, 10**19 + 10)), max(range(2**64, 2**64 + 4)), sorted(range(2**65, 2**65 - 3, -1)))
total = 0
for i in range(2**70, 2**70 + 3):
    total += i
print(total, [x - 2**70 for x in range(2**70, 2**70 + 20, 6)])
print(list(range(5))[::-1], range(10)[2:8:2], range(2**62)[-3])
