# Augmented assignment: every in-place method (__itruediv__, __ior__, __ipow__ ...), its
# NotImplemented falling back on the operator, and the op= error messages; bitwise
# operators refusing floats with both operand types named.
tests = ["1.5 & 1", "1 << 1.5", "x = 1.5; x &= 1", "x = 1; x += 'a'", "x = 'a'; x -= 1", "x = [1]; x *= 2.0", "x = None; x **= 2", "x = 1.0; x //= 'a'"]
for t in tests:
    try:
        exec(t)
        print("ok", t)
    except TypeError as e:
        print(t, "->", e)
class V:
    def __init__(self, v): self.v = v
    def __itruediv__(self, o): self.v /= o; return self
    def __ior__(self, o): return NotImplemented
    def __or__(self, o): return "or"
    def __ipow__(self, o): self.v **= o; return self
    def __repr__(self): return "V(%r)" % self.v
a = V(8); b = a; a /= 2; print(a, b, a is b)
a |= 1; print(a)
c = V(2); c **= 3; print(c)
d = V(1)
try:
    d //= 2
except TypeError as e:
    print(e)
