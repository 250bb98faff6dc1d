"""Run one real program unmodified under CPython, measured by gcreal (gc-bench's real programs).

    python3 realprogram.py NAME PROGRAM.py

What `python3 PROGRAM.py` does, inside a measurement: `sys.argv` becomes [PROGRAM.py],
`sys.path[0]` the program's directory (its `import pyperf` finds the stand-in there), and the
file is compiled and run as a fresh `__main__` module. gcreal.start() comes first (compiling
is measured, as minipy's parsing is), gcreal.report(NAME) last, which prints the JSON line
after the program's own output. minipy runs the same program the same way in process
(gc_bench::realprograms): gcreal.start(), the file as the main module, gcreal.report(NAME).
"""
import os
import sys

import gcreal


def main():
    name = sys.argv[1]
    program = sys.argv[2]
    sys.argv = [program]
    sys.path[0] = os.path.dirname(os.path.realpath(program))
    module = type(sys)("__main__")
    module.__file__ = program
    module.__builtins__ = __builtins__
    sys.modules["__main__"] = module
    gcreal.start()
    with open(program, encoding="utf-8") as f:
        code = compile(f.read(), program, "exec")
    exec(code, module.__dict__)
    del code
    gcreal.report(name)


main()
