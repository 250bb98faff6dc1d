"""Regular expressions with Python's API: `compile`, `match`, `fullmatch`, `search`,
`findall`, `finditer`, `sub`, `subn`, `split`, `escape`, Pattern and Match objects.

minipy's own module over `_sre`, whose engine is the `fancy-regex` crate with Python's
pattern syntax translated where the two differ. Known differences: the flags are plain ints
(CPython prints `re.IGNORECASE` for them), error messages for invalid patterns are the
crate's, an empty match right after an empty match is skipped rather than retried as a longer
match at the same place, and a pattern whose backtracking runs away raises RuntimeError
instead of running on.
"""

import _sre

__all__ = ['match', 'fullmatch', 'search', 'sub', 'subn', 'split', 'findall', 'finditer',
           'compile', 'purge', 'escape', 'error', 'Pattern', 'Match', 'A', 'I', 'L', 'M',
           'S', 'X', 'U', 'ASCII', 'IGNORECASE', 'LOCALE', 'MULTILINE', 'DOTALL',
           'VERBOSE', 'UNICODE', 'NOFLAG']

NOFLAG = 0
A = ASCII = 256
I = IGNORECASE = 2
L = LOCALE = 4
M = MULTILINE = 8
S = DOTALL = 16
U = UNICODE = 32
X = VERBOSE = 64

_FLAG_NAMES = [(IGNORECASE, 'IGNORECASE'), (LOCALE, 'LOCALE'), (MULTILINE, 'MULTILINE'),
               (DOTALL, 'DOTALL'), (VERBOSE, 'VERBOSE'), (ASCII, 'ASCII')]

_MAXSIZE = 9223372036854775807


class error(Exception):
    """A pattern that does not compile."""

    def __init__(self, msg, pattern=None, pos=None):
        super().__init__(msg)
        self.msg = msg
        self.pattern = pattern
        self.pos = pos


def _need_str(string):
    if not isinstance(string, str):
        raise TypeError(f"expected string or bytes-like object, got '{type(string).__name__}'")


class Match:
    """The result of a successful match."""

    def __init__(self, pattern, string, found, pos, endpos):
        self.re = pattern
        self.string = string
        self.pos = pos
        self._endpos = endpos
        self._spans, self._texts = found

    @property
    def endpos(self):
        return min(self._endpos, len(self.string))

    def _index(self, group):
        if isinstance(group, int) and not isinstance(group, bool):
            if 0 <= group <= self.re.groups:
                return group
        elif isinstance(group, str):
            if group in self.re.groupindex:
                return self.re.groupindex[group]
        raise IndexError('no such group')

    def _get(self, group, default=None):
        text = self._texts[self._index(group)]
        return default if text is None else text

    def group(self, *groups):
        if not groups:
            return self._get(0)
        if len(groups) == 1:
            return self._get(groups[0])
        return tuple(self._get(g) for g in groups)

    def __getitem__(self, group):
        return self._get(group)

    def groups(self, default=None):
        return tuple(self._get(g, default) for g in range(1, self.re.groups + 1))

    def groupdict(self, default=None):
        return {name: self._get(index, default) for name, index in self.re.groupindex.items()}

    def start(self, group=0):
        return self._spans[2 * self._index(group)]

    def end(self, group=0):
        return self._spans[2 * self._index(group) + 1]

    def span(self, group=0):
        g = self._index(group)
        return (self._spans[2 * g], self._spans[2 * g + 1])

    @property
    def regs(self):
        return tuple((self._spans[2 * g], self._spans[2 * g + 1])
                     for g in range(self.re.groups + 1))

    @property
    def lastindex(self):
        # The group that closed last: the matched group ending last, the outer one on a tie.
        best = None
        for g in range(1, self.re.groups + 1):
            e = self._spans[2 * g + 1]
            if self._spans[2 * g] >= 0 and (best is None or e > self._spans[2 * best + 1]):
                best = g
        return best

    @property
    def lastgroup(self):
        last = self.lastindex
        for name, index in self.re.groupindex.items():
            if index == last:
                return name
        return None

    def expand(self, template):
        return ''.join(self._expand(_parse_template(template, self.re)))

    def _expand(self, parts):
        for part in parts:
            if isinstance(part, int):
                yield self._get(part, '')
            else:
                yield part

    def __repr__(self):
        return f'<re.Match object; span={self.span()!r}, match={self.group()!r}>'


class Pattern:
    """A compiled regular expression."""

    def __init__(self, pattern, flags):
        if not isinstance(pattern, str):
            raise TypeError(f'first argument must be string or compiled pattern')
        self.pattern = pattern
        self.flags = flags if flags & ASCII else flags | UNICODE
        try:
            self._engine, self.groups, self.groupindex = _sre.compile(pattern, flags)
        except ValueError as e:
            raise error(str(e), pattern) from None

    def __repr__(self):
        names = [name for bit, name in _FLAG_NAMES if self.flags & bit]
        if not names:
            return f're.compile({self.pattern!r})'
        return f're.compile({self.pattern!r}, {"|".join("re." + n for n in names)})'

    def __eq__(self, other):
        return isinstance(other, Pattern) and self.pattern == other.pattern \
            and self.flags == other.flags

    def __hash__(self):
        return hash((self.pattern, self.flags))

    def _run(self, op, string, pos, endpos):
        _need_str(string)
        found = self._engine(op, string, pos, endpos)
        if found is None:
            return None
        return Match(self, string, found, pos, endpos)

    def search(self, string, pos=0, endpos=_MAXSIZE):
        return self._run('search', string, pos, endpos)

    def match(self, string, pos=0, endpos=_MAXSIZE):
        return self._run('match', string, pos, endpos)

    def fullmatch(self, string, pos=0, endpos=_MAXSIZE):
        return self._run('fullmatch', string, pos, endpos)

    def _all(self, string, pos=0, endpos=_MAXSIZE, limit=0):
        # Every match (at most limit) as (spans, texts, text since the previous match), and
        # the text after the last one.
        _need_str(string)
        return self._engine('all', string, pos, endpos, limit)

    def finditer(self, string, pos=0, endpos=_MAXSIZE):
        found, tail = self._all(string, pos, endpos)
        return iter([Match(self, string, (spans, texts), pos, endpos)
                     for spans, texts, before in found])

    def findall(self, string, pos=0, endpos=_MAXSIZE):
        found, tail = self._all(string, pos, endpos)
        if self.groups == 0:
            return [texts[0] for spans, texts, before in found]
        if self.groups == 1:
            return [texts[1] or '' for spans, texts, before in found]
        return [tuple(t or '' for t in texts[1:]) for spans, texts, before in found]

    def split(self, string, maxsplit=0):
        found, tail = self._all(string, 0, _MAXSIZE, max(maxsplit, 0))
        out = []
        for spans, texts, before in found:
            out.append(before)
            out.extend(texts[1:])
        out.append(tail)
        return out

    def subn(self, repl, string, count=0):
        if callable(repl):
            parts = None
        else:
            if not isinstance(repl, str):
                raise TypeError(f'expected str instance, {type(repl).__name__} found')
            parts = _parse_template(repl, self)
        found, tail = self._all(string, 0, _MAXSIZE, max(count, 0))
        out = []
        for spans, texts, before in found:
            out.append(before)
            if parts is None:
                piece = repl(Match(self, string, (spans, texts), 0, _MAXSIZE))
                if not isinstance(piece, str):
                    raise TypeError(f'expected str instance, {type(piece).__name__} found')
                out.append(piece)
            else:
                for part in parts:
                    out.append(part if isinstance(part, str) else texts[part] or '')
        out.append(tail)
        return ''.join(out), len(found)

    def sub(self, repl, string, count=0):
        return self.subn(repl, string, count)[0]

    def scanner(self, string, pos=0, endpos=_MAXSIZE):
        raise NotImplementedError('not supported by minipy: Pattern.scanner')


_ESCAPES = {'n': '\n', 't': '\t', 'r': '\r', 'f': '\f', 'v': '\v', 'a': '\a', 'b': '\b',
            '\\': '\\'}


def _parse_template(template, pattern):
    # A replacement template as a list of literal strings and group numbers.
    parts = []
    lit = []
    i = 0
    n = len(template)
    while i < n:
        c = template[i]
        if c != '\\' or i + 1 == n:
            if c == '\\':
                raise error('bad escape (end of pattern)', template, i)
            lit.append(c)
            i += 1
            continue
        d = template[i + 1]
        group = None
        if d == 'g':
            close = template.find('>', i)
            if i + 2 >= n or template[i + 2] != '<' or close < 0:
                raise error('missing <' if i + 2 >= n or template[i + 2] != '<'
                            else 'missing >, unterminated name', template, i + 2)
            name = template[i + 3:close]
            if name.isdigit():
                group = int(name)
                if group > pattern.groups:
                    raise error(f'invalid group reference {group}', template, i + 3)
            elif name in pattern.groupindex:
                group = pattern.groupindex[name]
            elif name.isidentifier():
                raise IndexError(f"unknown group name '{name}'")
            else:
                raise error(f"bad character in group name '{name}'", template, i + 3)
            i = close + 1
        elif d.isdigit() and d != '0':
            j = i + 2
            if j < n and template[j].isdigit():
                j += 1
            group = int(template[i + 1:j])
            if group > pattern.groups:
                raise error(f'invalid group reference {group}', template, i + 1)
            i = j
        elif d in _ESCAPES:
            lit.append(_ESCAPES[d])
            i += 2
        elif d.isascii() and d.isalpha():
            raise error(f'bad escape \\{d}', template, i)
        else:
            lit.append('\\' + d)
            i += 2
        if group is not None:
            if lit:
                parts.append(''.join(lit))
                lit = []
            parts.append(group)
    if lit:
        parts.append(''.join(lit))
    return parts


_cache = {}
_MAXCACHE = 512


def _compile(pattern, flags):
    if isinstance(pattern, Pattern):
        if flags:
            raise ValueError('cannot process flags argument with a compiled pattern')
        return pattern
    key = (type(pattern), pattern, flags)
    p = _cache.get(key)
    if p is None:
        p = Pattern(pattern, flags)
        if len(_cache) >= _MAXCACHE:
            _cache.clear()
        _cache[key] = p
    return p


def compile(pattern, flags=0):
    """Compile a pattern into a Pattern object."""
    return _compile(pattern, flags)


def purge():
    """Clear the cache of compiled patterns."""
    _cache.clear()


def match(pattern, string, flags=0):
    """A Match at the start of string, or None."""
    return _compile(pattern, flags).match(string)


def fullmatch(pattern, string, flags=0):
    """A Match of the whole string, or None."""
    return _compile(pattern, flags).fullmatch(string)


def search(pattern, string, flags=0):
    """The first Match anywhere in string, or None."""
    return _compile(pattern, flags).search(string)


def sub(pattern, repl, string, count=0, flags=0):
    """string with the matches replaced by repl (a template or a function of the Match)."""
    return _compile(pattern, flags).sub(repl, string, count)


def subn(pattern, repl, string, count=0, flags=0):
    """(new string, number of replacements)."""
    return _compile(pattern, flags).subn(repl, string, count)


def split(pattern, string, maxsplit=0, flags=0):
    """string split at the matches (with the groups' text between the pieces)."""
    return _compile(pattern, flags).split(string, maxsplit)


def findall(pattern, string, flags=0):
    """Every non-overlapping match: strings, or tuples of groups."""
    return _compile(pattern, flags).findall(string)


def finditer(pattern, string, flags=0):
    """An iterator of Match objects over the non-overlapping matches."""
    return _compile(pattern, flags).finditer(string)


_SPECIAL = frozenset('()[]{}?*+-|^$\\.&~# \t\n\r\v\f')


def escape(pattern):
    """pattern with every character special in a pattern backslashed."""
    return ''.join('\\' + c if c in _SPECIAL else c for c in pattern)
