import sys, io

with open("out1.txt", "w") as f:
    print(f)
    print(f.write("first line\n"), f.writable(), f.readable())
    f.writelines(["second\n", "third"])
    print("to the file", 42, sep="|", file=f)
with open("out1.txt") as f:
    print(repr(f.read()))
with open("out1.txt") as f:
    for line in f:
        print(repr(line))
f = open("out1.txt")
print(repr(f.readline()), repr(f.readline(3)), repr(f.readline()), f.readlines())
f.close()
print(f.closed)
try:
    f.read()
except ValueError as e:
    print("ValueError", e)
with open("out1.txt", "a") as f:
    f.write("appended\n")
print(open("out1.txt").read().splitlines())
try:
    open("out1.txt", "x")
except FileExistsError as e:
    print(type(e).__name__, e.errno, e.strerror, e.filename)
    print(e)
    print(isinstance(e, OSError), isinstance(e, IOError))
for bad in ["no/such/dir/file.txt", "missing.txt", "."]:
    try:
        open(bad)
    except OSError as e:
        print(type(e).__name__, e)
for mode in ["rw", "q", "rr", ""]:
    try:
        open("out1.txt", mode)
    except ValueError as e:
        print("ValueError", e)
try:
    open(3.5)
except TypeError as e:
    print("TypeError", e)
try:
    open("x\0y")
except ValueError as e:
    print("ValueError", e)
with open("out1.txt") as f:
    try:
        f.write("x")
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e, isinstance(e, OSError))
with open("out1.txt", "w") as f:
    try:
        f.read()
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e)
    try:
        f.write(5)
    except TypeError as e:
        print("TypeError", e)
big = "".join(str(i) + "\n" for i in range(5000))
with open("out2.txt", "w") as f:
    for line in big.splitlines(True):
        f.write(line)
print(open("out2.txt").read() == big)
e = OSError(2, "No such file or directory")
print(e, e.args, e.errno)
print(OSError("plain"), OSError(), OSError(1, 2, 3, 4))
print(repr(FileNotFoundError(2, "x", "f")))

# The standard streams.
print(sys.stdout.write("written\n"))
sys.stdout.writelines(["a", "b\n"])
sys.stdout.flush()
print(sys.stdout is sys.__stdout__, sys.stdout.name, sys.stderr.name, sys.stdin.name)
print(repr(sys.stdout))
sys.stderr.write("to stderr\n")
print("via file", file=sys.stdout)
old = sys.stdout
sys.stdout = io.StringIO()
print("captured", 1, 2)
text = sys.stdout.getvalue()
sys.stdout = old
print(repr(text))
from contextlib import redirect_stdout
buf = io.StringIO()
with redirect_stdout(buf):
    print("redirected")
print(repr(buf.getvalue()))
try:
    sys.stdout.write(b"x" if False else 3)
except TypeError as e:
    print("TypeError", e)
line = input()
print(repr(line))
print(repr(sys.stdin.readline()))
print([l for l in sys.stdin])
try:
    input("prompt> ")
except EOFError as e:
    print("EOFError", e)
