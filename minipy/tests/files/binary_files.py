import io

f = open("t.bin", "wb")
print(repr(f), f.mode, f.name, f.writable(), f.readable(), f.seekable(), type(f).__name__)
print(f.write(b"ab\ncd\n"), f.write(bytearray(b"xy")), f.tell())
try:
    f.write("s")
except TypeError as e:
    print("TypeError", e)
try:
    f.write(5)
except TypeError as e:
    print("TypeError", e)
try:
    f.read()
except io.UnsupportedOperation as e:
    print("UnsupportedOperation", e)
f.close()
print(f.closed)
try:
    f.write(b"x")
except ValueError as e:
    print("ValueError", e)
with open("t.bin", "rb") as f:
    print(repr(f), f.mode, f.read(3), f.readline(), f.tell(), f.read(), f.read())
    f.seek(0)
    print(list(f))
    f.seek(0)
    print(f.readlines(), f.readable(), f.writable())
    print(f.seek(2), f.read(2), f.seek(-1, 2), f.read(), f.seek(1, 0), f.readline(2))
    try:
        f.write(b"x")
    except io.UnsupportedOperation as e:
        print("UnsupportedOperation", e)
    try:
        f.read("x")
    except TypeError as e:
        print("TypeError", e)
for name in ("read", "readline"):
    try:
        getattr(f, name)()
    except ValueError as e:
        print("ValueError", e)
with open("t.bin", "ab") as f:
    print(f.mode, f.write(b"zz"))
print(open("t.bin", "rb").read())
for kw in ("encoding", "errors", "newline"):
    try:
        open("t.bin", "rb", **{kw: "utf-8" if kw != "newline" else ""})
    except ValueError as e:
        print("ValueError", e)
f = open("t.bin", "rb")
print(f.read(-1)[:3], f.read(0), f.readline(), f.read(None))
f.close()
print(repr(f))
try:
    open("nope.bin", "rb")
except FileNotFoundError as e:
    print(e)
with open("t2.bin", "xb") as g:
    g.writelines([bytes(range(200)), bytearray(range(200, 256))])
data = open("t2.bin", "rb").read()
print(len(data), data[250:], data[0], type(data).__name__)
try:
    open("t2.bin", "xb")
except FileExistsError as e:
    print(e)
with open("big.bin", "wb") as g:
    for i in range(3000):
        g.write(b"0123456789\n")
with open("big.bin", "rb") as f:
    n = 0
    for line in f:
        n += len(line)
print(n)
with open("t.bin", "rb") as f:
    print(f.read().decode("utf-8").splitlines())
with open("text.txt", "w") as t:
    t.write("h\u00e9llo\n")
print(open("text.txt", "rb").read(), open("text.txt").read())
