# format(), f-strings and str.format of complex numbers; complex numbers in containers.
z = 1 + 2j
for spec in ["", ".2f", ".3e", "g", ".1g", "+.2f", " .1f", ">20.2f", "<20", "*^24.3f", "20",
             "E", "F", ".0f", "-.2f", "10.4g", "+", " ", ".3", "+.3", "n", ".2n"]:
    print(repr(spec), repr(format(z, spec)), repr(format(-2.5j, spec)),
          repr(format(complex(-1.5, -0.0), spec)))
print(f"{z}", f"{z!r}", f"{z:.1f}", "{0} {0:.2e}".format(3 - 4j), "%s %r" % (1j, -1j))
print(f"{complex(float('inf'), float('nan')):.2f}", format(1e300j, ".3g"))
for spec in ["d", "x", "08.2f", "=10.2f", "%", "c"]:
    try:
        print(format(z, spec))
    except ValueError as e:
        print(type(e).__name__, e)
print([1j, 2 + 0j], (1j,), {"k": -1j}, {1j}, str([complex(1e-5, 1e22)]))
print("%s|%r|%5s" % (1j, 2j, 0j))
for fmt in ["%f", "%e", "%g", "%d"]:
    try:
        print(fmt % (1 + 1j))
    except TypeError as e:
        print(type(e).__name__, e)
