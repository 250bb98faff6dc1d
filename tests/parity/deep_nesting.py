# Containers nested far past the recursion limit: repr and comparison raise RecursionError at once.
import sys
x = []
for i in range(300000):
    x = [x]
try:
    s = repr(x)
    print(len(s))
except RecursionError as e:
    print("RecursionError", e)
d = {}
for i in range(300000):
    d = {1: d}
try:
    print(len(str(d)))
except RecursionError as e:
    print("RecursionError", e)
t = ()
for i in range(300000):
    t = (t,)
try:
    print(len(repr(t)))
except RecursionError as e:
    print("RecursionError", e)
try:
    print(x == x[0])
except RecursionError as e:
    print("RecursionError", e)
