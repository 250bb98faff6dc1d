# The SyntaxErrors of the match statement (CPython's parser and compiler refuse these
# programs before running them), and deeply nested patterns.
srcs = [
"match x:\n    case y:\n        pass\n    case 1:\n        pass\n",
"match x:\n    case _:\n        pass\n    case 1:\n        pass\n",
"match x:\n    case y if y:\n        pass\n    case 1:\n        pass\n",
"match x:\n    case (y):\n        pass\n    case 1:\n        pass\n",
"match x:\n    case y as z:\n        pass\n    case 1:\n        pass\n",
"match x:\n    case y | 1:\n        pass\n",
"match x:\n    case 1 | y:\n        pass\n",
"match x:\n    case 1 | y:\n        pass\n    case 2:\n        pass\n",
"match x:\n    case [a, a]:\n        pass\n",
"match x:\n    case [a, *a]:\n        pass\n",
"match x:\n    case {1: a, **a}:\n        pass\n",
"match x:\n    case a as a:\n        pass\n",
"match x:\n    case [a] | (b,):\n        pass\n",
"match x:\n    case [a, *b, *c]:\n        pass\n",
"match x:\n    case {1: a, 1: b}:\n        pass\n",
"match x:\n    case {1: a, 1.0: b}:\n        pass\n",
"match x:\n    case {1: a, True: b}:\n        pass\n",
"match x:\n    case {'a' 'b': a, 'ab': b}:\n        pass\n",
"match x:\n    case {-1: a, -1: b}:\n        pass\n",
"match x:\n    case {1+2j: a, 1+2j: b}:\n        pass\n",
"match x:\n    case {None: a, None: b}:\n        pass\n",
"match x:\n    case {f'a': a}:\n        pass\n",
"match x:\n    case f'a':\n        pass\n",
"match x:\n    case C(a=1, a=2):\n        pass\n",
"match x:\n    case C(a=1, 2):\n        pass\n",
"match x:\n    case 1 as _:\n        pass\n",
"match x:\n    case 1 as 2:\n        pass\n",
"match x:\n    case 1 as a.b:\n        pass\n",
"match x:\n    case a.b():\n        pass\n",
"match x:\n    case 1 + 2:\n        pass\n",
"match x:\n    case 1 + 2j + 3:\n        pass\n",
"match x:\n    case 1j + 2:\n        pass\n",
"match x:\n    case -1j:\n        pass\n",
"match x:\n    case -1 - 2j:\n        pass\n",
"match x:\n    case *a:\n        pass\n",
"match x:\n    case [**a]:\n        pass\n",
"match x:\n    case {**_}:\n        pass\n",
"match x:\n    case {**a, 1: b}:\n        pass\n",
"match x:\n    case {a: 1}:\n        pass\n",
"match x:\n    case a:\n        pass\n    case _:\n        pass\n",
"match x:\n    case _:\n        pass\n    case _:\n        pass\n",
"match x:\n    case [x, y] if (z := 1):\n        pass\n",
"match x:\n    pass\n",
"match x:\ncase 1:\n    pass\n",
"match x\n    case 1:\n        pass\n",
"match x:\n    case 1:\n    pass\n",
"match x:\n    case 1\n        pass\n",
"match x: pass\n",
"match x:\n    case 1: pass\n    y = 2\n",
"match x:\n    case 1: pass\n    case _ if 1: pass\n    case 2: pass\n",
"match x:\n    case [*_, *_]:\n        pass\n",
"match x:\n    case C(1, a=b, c=d, a=3):\n        pass\n",
"match x:\n    case 0x10 | 0o7 | 1_000 | 1e3 | 'a' b'b':\n        pass\n",
"match x:\n    case b'a' b'b' | 'a' 'b':\n        pass\n",
"match x:\n    case a.b.c | d.e:\n        pass\n",
"match x:\n    case (1 | 2) as a | b:\n        pass\n",
"match x:\n    case [(a as b) as c]:\n        pass\n",
"match x:\n    case {'a': _, 'a': _}:\n        pass\n",
"match x:\n    case C(__debug__=1):\n        pass\n",
"match x:\n    case __debug__:\n        pass\n",
"match x:\n    case [1, 2] as __debug__:\n        pass\n",
"match x:\n    case {**__debug__}:\n        pass\n",
"match x:\n    case [*__debug__]:\n        pass\n",
"match x:\n    case -a:\n        pass\n",
"match x:\n    case +1:\n        pass\n",
"match x:\n    case -0x1:\n        pass\n",
"match x:\n    case 1 - 1:\n        pass\n",
"match x:\n    case True:\n        pass\n    case None as n:\n        pass\n",
"match x:\n    case {True: a, 1: b}:\n        pass\n",
"match x:\n    case {0: a, False: b}:\n        pass\n",
"match x:\n    case {0: a, -0.0: b}:\n        pass\n",
"match x:\n    case {'a': a, b'a': b}:\n        pass\n",
"match x:\n    case {...: a}:\n        pass\n",
"match x:\n    case ...:\n        pass\n",
"match x,:\n    case 1:\n        pass\n",
"match *x, y:\n    case 1:\n        pass\n",
"match *x:\n    case 1:\n        pass\n",
"match x := 3:\n    case 1:\n        pass\n",
"match (x := 3):\n    case 1:\n        pass\n",
"match lambda: 1:\n    case 1:\n        pass\n",
"match x if y else z:\n    case 1:\n        pass\n",
"match yield:\n    case 1:\n        pass\n",
"match x:\n    case ():\n        pass\n    case []:\n        pass\n    case (a):\n        pass\n",
"match x:\n    case a, *b:\n        pass\n",
"match x:\n    case a, *b, if a:\n        pass\n",
"match x:\n    case C(a,):\n        pass\n",
"match x:\n    case C(a=b,):\n        pass\n",
"match x:\n    case {1: a,}:\n        pass\n",
"match x:\n    case {**a,}:\n        pass\n",
"match x:\n    case {1: a, **rest, }:\n        pass\n",
"match x:\n    case 1 if x: pass\n    case a: pass\n",
"match x:\n    case C(x, x=1): pass\n",
]
srcs += [
    "match x\n",
    "match x:\n    case 1:\n        pass\n    case 2 if x\n        pass\n",
    "match x:\n    case 1:\n        pass\n    case _:\n        pass\n    case 2:\n        pass\n",
    "def f():\n    match x:\n        case a:\n            pass\n        case b:\n            pass\n",
    "class C:\n    match x:\n        case [a, a]:\n            pass\n",
    "match x:\n    case [\n        a,\n        a,\n    ]:\n        pass\n",
    "match x:\n    case {'k': a,\n          'k': b}:\n        pass\n",
    "match x:\n    case (1 |\n          y):\n        pass\n",
    "match x:\n    case [1, [a | (b as c)]]:\n        pass\n",
    "match x:\n    case [a, (a | a)]:\n        pass\n",
    "match x:\n    case {**rest, }:\n        pass\n    case {**rest}:\n        pass\n",
    "match x:\n    case Point(x=a, y=a):\n        pass\n",
    "match x:\n    case 1: pass\n    case 2: pass\nmatch = 3\n",
    "match x:\n    case -1 + -2j:\n        pass\n",
    "match x:\n    case 1 + 2j | -3.5 - 4j | 0j:\n        pass\n",
    "match x: y = 1\n",
    "match x y\n",
    "match[x]: int = 3\n",
    "match.a: int\n",
]
for s in srcs:
    # Wrapped in a function, so that nothing runs: only the compilation is tried.
    wrapped = "def f():\n" + "".join("    " + line + "\n" for line in s.split("\n"))
    try:
        exec(wrapped, {})
        print("ok:", repr(s))
    except SyntaxError as e:
        # (minipy places the caret of "cannot mix bytes and nonbytes literals" elsewhere)
        where = "" if e.msg.startswith("cannot mix") else ", offset " + str(e.offset)
        print("SyntaxError:", repr(s), "->", e.msg, "(line", str(e.lineno) + where + ")")

# Deeply nested patterns: refused cleanly when too deep, matched when CPython and minipy
# both accept them.
for depth in [10000, 1000, 250, 201, 200, 150]:
    for opener, closer in [("[", "]"), ("(", ",)"), ("C(", ")"), ("{0: ", "}"), ("(", ")"),
                           ("[*_, ", "]"), ("C(a=", ")")]:
        src = "match x:\n    case " + opener * depth + "a" + closer * depth + ":\n        pass\n"
        try:
            exec(src, {"x": 1, "C": int})
            print(depth, opener, "ok")
        except SyntaxError as e:
            print(depth, opener, "SyntaxError:", e.msg, "(line", e.lineno, "offset", str(e.offset) + ")")

src = "x = " + "[" * 10000 + "]" * 10000 + "\n"
try:
    exec(src, {})
except SyntaxError as e:
    print("a deep list display: SyntaxError:", e.msg)

depth = 199
subject = "leaf"
for i in range(depth):
    subject = [subject, i]
pattern = "a"
for i in range(depth):
    pattern = "[" + pattern + ", " + str(i) + "]"
g = {"x": subject}
exec("match x:\n    case " + pattern + ":\n        found = a\n", g)
print("a pattern", depth, "lists deep matched:", g["found"])


class Box:
    __match_args__ = ("inner",)

    def __init__(self, inner):
        self.inner = inner


subject = 7
pattern = "(n as last)"
for i in range(depth):
    subject = Box(subject)
    pattern = "Box(" + pattern + ")"
g = {"x": subject, "Box": Box}
exec("match x:\n    case " + pattern + ":\n        found = last\n", g)
print("a class pattern", depth, "deep matched:", g["found"])

pattern = "a"
for i in range(depth):
    pattern = "{" + str(i) + ": " + pattern + "}"
subject = "value"
for i in range(depth):
    subject = {i: subject}
g = {"x": subject}
exec("match x:\n    case " + pattern + ":\n        found = a\n", g)
print("a mapping pattern", depth, "deep matched:", g["found"])
