"""A stand-in for pyperf: each benchmark runs once, in-process, and its result is printed.

pyperformance's programs import `pyperf` only for the harness. This module keeps their source
unmodified: `Runner.bench_func(name, f, *args)` calls `f(*args)` once and
`Runner.bench_time_func(name, f, *args)` calls `f(1, *args)` (one loop). Each prints one line,
so the output compared with CPython's is the program's own output plus the value each benchmark
returned (timings are left out: they differ between runs).
"""

import time

perf_counter = time.perf_counter


class _Namespace:
    pass


class _ArgParser:
    def __init__(self):
        self._args = []

    def add_argument(self, *names, **options):
        self._args.append((names, options))

    def parse_args(self):
        ns = _Namespace()
        for names, options in self._args:
            name = names[-1]
            if name.startswith("--"):
                name = name[2:]
            name = name.replace("-", "_")
            if "default" in options:
                value = options["default"]
            elif options.get("action") == "store_true":
                value = False
            else:
                value = None
            setattr(ns, name, value)
        return ns


class Runner:
    def __init__(self, *args, **kwargs):
        self.metadata = {}
        self.argparser = _ArgParser()

    def parse_args(self):
        return self.argparser.parse_args()

    def bench_func(self, name, func, *args, **kwargs):
        result = func(*args)
        _report(name, result)

    def bench_time_func(self, name, func, *args, **kwargs):
        func(1, *args)
        _report(name, None)


def _report(name, result):
    if result is None or isinstance(result, float):
        # A float result of a timed function is a duration: not comparable between runs.
        print("%s: done" % name)
    else:
        print("%s: %r" % (name, result))
