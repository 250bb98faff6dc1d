# Tutorial 2: frames on the stack, objects on the heap.
#
# main sets y = 5 and calls f1(y); f1 computes x = x * 2 and calls f2(x); f2 computes
# x = x + 1. Each call pushes a frame holding its local names; each return pops it, and an
# object whose last reference was in the popped frame is freed at once: reference counting.
# A Value wrapper with __del__ makes the moment of freeing visible.

class Value:
    def __init__(self, n):
        self.n = n
        print("  create", n)
    def __del__(self):
        print("  free  ", self.n)

def f2(x):
    print("f2: frame pushed, x =", x.n)
    x = Value(x.n + 1)
    print("f2: returns", x.n)
    return x.n

def f1(x):
    print("f1: frame pushed, x =", x.n)
    x = Value(x.n * 2)
    result = f2(x)
    print("f1: back from f2 (its frame is popped)")
    return result

def main():
    y = Value(5)
    r = f1(y)
    print("main: back from f1, result", r)
    print("main: y still alive:", y.n)

main()
print("main's frame popped: everything freed, no collector needed")
