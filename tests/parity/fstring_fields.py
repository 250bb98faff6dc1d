# f-string fields in compiled and tree-run functions: conversions, nested specs, evaluation
# order, self-documenting fields, and a class's __format__ called for every spec, the empty one
# too, which must return a str.
class R:
    def __repr__(self):
        print("repr called")
        return "R!"
    def __format__(self, spec):
        return "fmt<" + spec + ">"
def w():
    print("width called")
    return 7
def f(x, y):
    a = f"{x}-{y!r}-{x:>{w()}}|{y!s:^9}|{x:{'>'}{w()}.2f}|{R()!r}|{R()}|{R():abc}|{{lit}}"
    b = f"{x=}" if x else f""
    return a, b, f"{'nested ' + f'{y}'}"
print(f(3.14159, "s"))
print(f(0, [1, 2]))
def g(v):
    try:
        return f"{v:d}"
    except ValueError as e:
        return "ValueError: " + str(e)
print(g(5), g(2.5), g("x"))
class Bad:
    def __format__(self, spec):
        return 5
for fn in (lambda: f"{Bad()}", lambda: format(Bad(), "x"), lambda: "{}".format(Bad()), lambda: f"{R():{''}}"):
    try:
        print(fn())
    except TypeError as e:
        print("TypeError:", e)
print(format(R()), "{0}|{0!r}".format(R()))
