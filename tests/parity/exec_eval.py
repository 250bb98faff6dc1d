g = {"x": 2}
exec("y = x + 1\nprint(y)", g)
print(eval("x * 10", g), g["y"], sorted(k for k in g if not k.startswith('__')))
print(eval("[i * i for i in range(4)]"), eval("len('abc')", {}))
exec("def f(n):\n    return n + 1\nz = f(41)", g)
print(g["z"], g["f"](1))
for bad in ["1 +", "x = ", "def"]:
    try:
        exec(bad, {})
    except SyntaxError as e:
        print("SyntaxError")
try:
    eval("x = 1", {})
except SyntaxError:
    print("SyntaxError")
try:
    eval(5)
except TypeError as e:
    print(e)
try:
    exec("1/0", {})
except ZeroDivisionError as e:
    print("ZeroDivisionError", e)
