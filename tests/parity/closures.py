# Closures that capture themselves form cycles: function -> environment -> function.
import gc

gc.collect()

def make_recursive():
    def fact(n):
        return 1 if n <= 1 else n * fact(n - 1)
    return fact

f = make_recursive()
print("fact(10) =", f(10))
del f
print("self-capturing closure collected:", gc.collect() > 0)

def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    inc.reset = lambda: None
    return inc

c = make_counter()
c()
c()
print("counter:", c())
del c
gc.collect()

def make_pair():
    def ping(n):
        return "done" if n == 0 else pong(n - 1)
    def pong(n):
        return "done" if n == 0 else ping(n - 1)
    return ping

p = make_pair()
print("ping(5):", p(5))
del p
print("mutually recursive closures collected:", gc.collect() > 0)

# Many closures, each in its own cycle: the collector reclaims all of them.
gc.disable()
for i in range(200):
    make_recursive()
before = gc.collect()
gc.enable()
print("200 closure cycles found:", before >= 200)
print("nothing left:", gc.collect())
