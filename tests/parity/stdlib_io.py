# io.StringIO: writing, reading, lines, seeking, errors.
import io

s = io.StringIO()
print(s.write("hello "), s.write("world\n"), s.tell())
s.write("second line\nthird")
print(repr(s.getvalue()))
s.seek(0)
print(repr(s.read(5)), repr(s.readline()), repr(s.readline()), repr(s.readline()), repr(s.readline()))
s.seek(0)
print(s.readlines())
s.seek(0)
print([line for line in s])
s.seek(6)
s.write("WORLD")
print(repr(s.getvalue()), s.tell())
s.seek(0, 2)
print(s.tell(), s.truncate(5), repr(s.getvalue()))
t = io.StringIO("abc\ndef")
print(repr(t.read()), repr(t.read()), t.readable(), t.writable(), t.seekable())
t.close()
print(t.closed)
for name, f in [("getvalue", lambda: t.getvalue()), ("write", lambda: t.write("x")),
                ("write int", lambda: io.StringIO().write(5)), ("seek", lambda: io.StringIO().seek(-1)),
                ("init", lambda: io.StringIO(5))]:
    try:
        print(name, f())
    except Exception as e:
        print(name, type(e).__name__, e)
out = io.StringIO()
print("a", 1, end="", file=out)
print("b", file=out)
print(repr(out.getvalue()))
