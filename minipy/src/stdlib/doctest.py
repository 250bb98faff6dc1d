"""doctest: run the `>>>` examples in the docstrings of the main module (`testmod`) or of
one object (`run_docstring_examples`) and report the ones whose output differs, as CPython's
doctest does: silent when every example passes, `verbose=True` for the full account.

minipy's own module. Supported: examples and their expected output, `<BLANKLINE>`, expected
exceptions (compared by their last line), the options ELLIPSIS, NORMALIZE_WHITESPACE and
IGNORE_EXCEPTION_DETAIL (as flags or `# doctest: +NAME` directives), module, function, class
and method docstrings. The failure report finds an example's line by looking for its
docstring in the file (`line ?` when the docstring is not there word for word, or is there
twice), and gives an unexpected exception's traceback only as its last line. Expression
statements inside a compound example (`for i in r: i`) do not show their values.
"""

import sys
import _minipy
from io import StringIO
from collections import namedtuple

__all__ = ['testmod', 'run_docstring_examples', 'TestResults', 'ELLIPSIS',
           'NORMALIZE_WHITESPACE', 'IGNORE_EXCEPTION_DETAIL', 'DONT_ACCEPT_BLANKLINE',
           'DONT_ACCEPT_TRUE_FOR_1', 'SKIP', 'REPORT_NDIFF', 'FAIL_FAST']

DONT_ACCEPT_TRUE_FOR_1 = 1
DONT_ACCEPT_BLANKLINE = 2
NORMALIZE_WHITESPACE = 4
ELLIPSIS = 8
SKIP = 16
IGNORE_EXCEPTION_DETAIL = 32
REPORT_UDIFF = 64
REPORT_CDIFF = 128
REPORT_NDIFF = 256
REPORT_ONLY_FIRST_FAILURE = 512
FAIL_FAST = 1024
_OPTIONS = {'DONT_ACCEPT_TRUE_FOR_1': 1, 'DONT_ACCEPT_BLANKLINE': 2,
            'NORMALIZE_WHITESPACE': 4, 'ELLIPSIS': 8, 'SKIP': 16,
            'IGNORE_EXCEPTION_DETAIL': 32, 'REPORT_UDIFF': 64, 'REPORT_CDIFF': 128,
            'REPORT_NDIFF': 256, 'REPORT_ONLY_FIRST_FAILURE': 512, 'FAIL_FAST': 1024}

TestResults = namedtuple('TestResults', 'failed attempted')

_DIVIDER = '*' * 70


class _Example:
    def __init__(self, source, want, exc_msg, options, lineno=0):
        self.source = source
        self.want = want
        self.exc_msg = exc_msg
        self.options = options
        self.lineno = lineno  # of its `>>>` line, counted from 0 within the docstring


def _docstring_lineno(filename, doc):
    """The line (from 0) of `filename` where docstring `doc` starts (its opening quotes), as
    CPython's report counts from; None when the text is not in the file exactly once (a
    docstring with escapes, or a repeated one)."""
    try:
        with open(filename) as f:
            text = f.read()
    except (OSError, UnicodeDecodeError):
        return None
    at = text.find(doc)
    if at < 0 or text.find(doc, at + 1) >= 0:
        return None
    return text.count('\n', 0, at)


def _indent(s, n=4):
    return ''.join(' ' * n + line + '\n' for line in s.splitlines())


def _parse(doc):
    # The examples of a docstring: `>>>` lines with their `...` continuations, then the
    # expected output up to a blank line or the next `>>>`.
    lines = doc.replace('\t', '        ').split('\n')
    examples = []
    i = 0
    while i < len(lines):
        stripped = lines[i].lstrip()
        if not (stripped.startswith('>>> ') or stripped == '>>>'):
            i += 1
            continue
        indent = len(lines[i]) - len(stripped)
        first_line = i
        source = [stripped[4:]]
        i += 1
        while i < len(lines) and lines[i][indent:].startswith('... ') or \
                i < len(lines) and lines[i][indent:] == '...':
            source.append(lines[i][indent + 4:])
            i += 1
        want = []
        while i < len(lines) and lines[i].strip() != '' and \
                not lines[i].lstrip().startswith('>>>'):
            want.append(lines[i][indent:])
            i += 1
        src = '\n'.join(source)
        options = {}
        for directive in src.split('# doctest:')[1:]:
            for word in directive.replace(',', ' ').split():
                if word[:1] in '+-' and word[1:] in _OPTIONS:
                    options[_OPTIONS[word[1:]]] = word[0] == '+'
        want_text = ''.join(w + '\n' for w in want)
        exc_msg = None
        if want and want[0].startswith('Traceback (most recent call last):'):
            # The message starts at the first line that starts with a word character (the
            # stack in between, indented or `...`, is not compared), as CPython's doctest.
            rest = want[1:]
            while rest and not (rest[0][:1].isalnum() or rest[0][:1] == '_'):
                rest = rest[1:]
            exc_msg = ''.join(w + '\n' for w in rest)
        examples.append(_Example(src + '\n', want_text, exc_msg, options, first_line))
    return examples


def _ellipsis_match(want, got):
    pieces = want.split('...')
    if len(pieces) == 1:
        return want == got
    if not got.startswith(pieces[0]) or not got.endswith(pieces[-1]):
        return False
    pos = len(pieces[0])
    end = len(got) - len(pieces[-1])
    if pos > end:
        return False
    for piece in pieces[1:-1]:
        found = got.find(piece, pos, end)
        if found < 0:
            return False
        pos = found + len(piece)
    return True


def _check(want, got, flags):
    if not flags & DONT_ACCEPT_TRUE_FOR_1:
        if (got, want) in (('True\n', '1\n'), ('False\n', '0\n')):
            return True
    if not flags & DONT_ACCEPT_BLANKLINE:
        want = '\n'.join('' if line.strip() == '<BLANKLINE>' else line
                         for line in want.split('\n'))
    if got == want:
        return True
    if flags & NORMALIZE_WHITESPACE:
        got = ' '.join(got.split())
        want = ' '.join(want.split())
        if got == want:
            return True
    if flags & ELLIPSIS:
        return _ellipsis_match(want, got)
    return False


def _simple_statements(source):
    """The statements of a one-line source `a = 1; f(a); a` split at its top-level semicolons
    (outside brackets, strings and comments), or None when it is not such a line."""
    text = source.rstrip('\n')
    if '\n' in text or ';' not in text:
        return None
    first = text.split(None, 1)[0].split('(')[0].split(':')[0]
    if first in ('if', 'for', 'while', 'with', 'try', 'def', 'class', 'async', 'elif', 'else',
                 'except', 'finally'):
        return None  # `for x in y: a; b`: the statements are the body
    parts = []
    depth = 0
    quote = None
    start = 0
    i = 0
    while i < len(text):
        c = text[i]
        if quote is not None:
            if c == '\\':
                i += 1
            elif text.startswith(quote, i):
                i += len(quote) - 1
                quote = None
        elif c in '\'"':
            quote = text[i:i + 3] if text[i:i + 3] in ('"""', "'''") else c
            i += len(quote) - 1
        elif c == '#':
            break
        elif c in '([{':
            depth += 1
        elif c in ')]}':
            depth -= 1
        elif c == ';' and depth == 0:
            parts.append(text[start:i])
            start = i + 1
        i += 1
    parts.append(text[start:])
    parts = [p.strip() for p in parts if p.strip()]
    return parts if len(parts) > 1 else None


def _run_statement(source, globs):
    # An expression statement shows its value, as in CPython's 'single' mode.
    try:
        value = eval(source, globs)
        is_expr = True
    except SyntaxError:
        is_expr = False
    if is_expr:
        if value is not None:
            print(repr(value))
            globs['_'] = value
    else:
        exec(source, globs)


def _run_one(example, globs):
    # (got output, exception message line or None)
    buf = StringIO()
    saved = sys.stdout
    sys.stdout = buf
    exc_msg = None
    try:
        parts = _simple_statements(example.source)
        for part in parts if parts is not None else [example.source]:
            _run_statement(part, globs)
    except KeyboardInterrupt:
        raise
    except BaseException as e:
        msg = str(e)
        exc_msg = f'{type(e).__name__}: {msg}\n' if msg else f'{type(e).__name__}\n'
    finally:
        sys.stdout = saved
    return buf.getvalue(), exc_msg


class _Runner:
    def __init__(self, verbose, optionflags):
        self.verbose = verbose
        self.optionflags = optionflags
        self.counts = {}

    def run(self, name, filename, examples, globs, doc_lineno=None):
        failures = 0
        tries = 0
        for ex in examples:
            flags = self.optionflags
            for flag, on in ex.options.items():
                flags = flags | flag if on else flags & ~flag
            if flags & SKIP:
                continue
            tries += 1
            if self.verbose:
                print('Trying:')
                print(_indent(ex.source), end='')
                if ex.want:
                    print('Expecting:')
                    print(_indent(ex.want), end='')
                else:
                    print('Expecting nothing')
            got, exc_msg = _run_one(ex, globs)
            if exc_msg is None:
                ok = _check(ex.want, got, flags)
            elif ex.exc_msg is None:
                ok = False
            else:
                want_exc = ex.exc_msg
                if flags & IGNORE_EXCEPTION_DETAIL:
                    ok = want_exc.split(':')[0].split('.')[-1] == exc_msg.split(':')[0]
                else:
                    ok = _check(want_exc, exc_msg, flags)
            if ok:
                if self.verbose:
                    print('ok')
                continue
            failures += 1
            print(_DIVIDER)
            where = '?' if doc_lineno is None else doc_lineno + ex.lineno + 1
            print(f'File "{filename}", line {where}, in {name}')
            print('Failed example:')
            print(_indent(ex.source), end='')
            if exc_msg is not None and ex.exc_msg is None:
                print('Exception raised:')
                print(_indent('Traceback (most recent call last):\n' + exc_msg), end='')
                continue
            if ex.want:
                print('Expected:')
                print(_indent(ex.want), end='')
            else:
                print('Expected nothing')
            shown = got if exc_msg is None else 'Traceback (most recent call last):\n' + exc_msg
            if shown:
                print('Got:')
                print(_indent(shown), end='')
            else:
                print('Got nothing')
            if flags & FAIL_FAST:
                break
        f, t = self.counts.get(name, (0, 0))
        self.counts[name] = (f + failures, t + tries)
        return failures, tries

    def summarize(self):
        notests = []
        passed = []
        failed = []
        total_tries = 0
        total_failures = 0
        for name, (f, t) in self.counts.items():
            total_tries += t
            total_failures += f
            if t == 0:
                notests.append(name)
            elif f == 0:
                passed.append((name, t))
            else:
                failed.append((name, (f, t)))
        if self.verbose:
            if notests:
                print(len(notests), 'items had no tests:')
                for thing in sorted(notests):
                    print('   ', thing)
            if passed:
                print(len(passed), 'items passed all tests:')
                for thing, count in sorted(passed):
                    print(' %3d tests in %s' % (count, thing))
        if failed:
            print(_DIVIDER)
            print(len(failed), 'items had failures:')
            for thing, (f, t) in sorted(failed):
                print(' %3d of %3d in %s' % (f, t, thing))
        if self.verbose:
            print(total_tries, 'tests in', len(self.counts), 'items.')
            print(total_tries - total_failures, 'passed and', total_failures, 'failed.')
        if total_failures:
            print('***Test Failed***', total_failures, 'failures.')
        elif self.verbose:
            print('Test passed.')
        return TestResults(total_failures, total_tries)


def _is_routine(obj):
    return type(obj).__name__ in ('function', 'builtin_function_or_method')


def _find(globs, module_name):
    # (name, docstring) of the module, its functions and classes, and the classes' methods,
    # sorted by name as CPython's DocTestFinder sorts its tests.
    found = [(module_name, globs.get('__doc__') or '')]
    for name, obj in list(globs.items()):
        if getattr(obj, '__module__', None) != module_name:
            continue
        if _is_routine(obj):
            found.append((f'{module_name}.{name}', getattr(obj, '__doc__', None) or ''))
        elif isinstance(obj, type):
            cname = f'{module_name}.{name}'
            found.append((cname, getattr(obj, '__doc__', None) or ''))
            for mname, member in list(vars(obj).items()):
                if isinstance(member, (staticmethod, classmethod)):
                    member = member.__func__
                if _is_routine(member) or isinstance(member, property):
                    found.append((f'{cname}.{mname}', getattr(member, '__doc__', None) or ''))
    tests = globs.get('__test__', {})
    for name, value in tests.items():
        doc = value if isinstance(value, str) else getattr(value, '__doc__', None) or ''
        found.append((f'{module_name}.__test__.{name}', doc))
    found.sort()
    return found


def testmod(m=None, name=None, globs=None, verbose=None, report=True, optionflags=0,
            extraglobs=None, raise_on_error=False, exclude_empty=False):
    """Run the examples in the docstrings of the main module (minipy: only the main module);
    print a report of the failures; return TestResults(failed, attempted)."""
    module_globals = _minipy.main_globals() if m is None else vars(m)
    module_name = module_globals.get('__name__', '__main__') if m is not None else '__main__'
    filename = module_globals.get('__file__')
    if filename is None:
        import os
        filename = os.path.abspath(sys.argv[0]) if sys.argv and sys.argv[0] else module_name
    runner = _Runner(bool(verbose), optionflags)
    for test_name, doc in _find(module_globals, module_name):
        g = dict(module_globals) if globs is None else dict(globs)
        if extraglobs:
            g.update(extraglobs)
        examples = _parse(doc)
        if not examples and exclude_empty:
            continue
        doc_lineno = _docstring_lineno(filename, doc) if examples else None
        runner.run(test_name, filename, examples, g, doc_lineno)
    if report:
        return runner.summarize()
    failed = sum(f for f, t in runner.counts.values())
    return TestResults(failed, sum(t for f, t in runner.counts.values()))


def run_docstring_examples(f, globs, verbose=False, name='NoName', compileflags=None,
                           optionflags=0):
    """Run the examples in f's docstring with `globs` as their globals."""
    runner = _Runner(verbose, optionflags)
    runner.run(name, name, _parse(getattr(f, '__doc__', None) or ''), dict(globs))
