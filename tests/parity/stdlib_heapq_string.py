import heapq
import string
import random

# The same pushes and pops leave the list in the same shape as CPython's heapq.
random.seed(7)
h = []
for _ in range(40):
    heapq.heappush(h, random.randrange(100))
print(h)
print([heapq.heappop(h) for _ in range(10)])
print(h)
data = [random.randrange(1000) for _ in range(50)]
heapq.heapify(data)
print(data)
print(heapq.heapreplace(data, 500), data[:8])
print(heapq.heappushpop(data, 1), heapq.heappushpop(data, 999), data[:8])
print(heapq.nsmallest(5, [5, 1, 4, 1, 5, 9, 2, 6]))
print(heapq.nlargest(3, ['bb', 'a', 'ccc', 'dd'], key=len))
print(heapq.nsmallest(0, [1, 2]), heapq.nlargest(10, [3, 1, 2]))
print(list(heapq.merge([1, 4, 7], [2, 5, 8], [3, 6, 9])))
print(list(heapq.merge(['a', 'bb'], ['c', 'dd', 'eee'], key=len)))
print(list(heapq.merge([9, 5, 1], [8, 4], reverse=True)))
# A priority queue of (priority, name) pairs, as in the docs.
q = []
for item in [(3, 'write'), (1, 'plan'), (2, 'code'), (1, 'think')]:
    heapq.heappush(q, item)
while q:
    print(heapq.heappop(q))
for bad in [lambda: heapq.heappop([]), lambda: heapq.heappush((), 1),
            lambda: heapq.heapify({}), lambda: heapq.heapreplace([], 1)]:
    try:
        bad()
    except (IndexError, TypeError) as e:
        print(type(e).__name__, e)

print(repr(string.ascii_letters), repr(string.digits), repr(string.hexdigits))
print(repr(string.octdigits), repr(string.punctuation), repr(string.whitespace))
print(len(string.printable), string.printable[:70])
print(string.capwords('  hello   wide world '), string.capwords('a-b-c', '-'))
t = string.Template('$who likes ${what}, $$5')
print(t.substitute(who='tim', what='kung pao'))
print(t.substitute({'who': 'ann', 'what': 'tea'}, what='rice'))
print(string.Template('$who and $missing').safe_substitute(who='x'))
try:
    t.substitute(who='x')
except KeyError as e:
    print('KeyError', e)
try:
    string.Template('cost: $ 5').substitute()
except ValueError as e:
    print('ValueError', e)
