"""`pathlib`, the pure-path operations and the common file operations of `PurePosixPath`
and `PosixPath`, in minipy's own words over `posixpath` and `_minipy`. Windows paths and
`glob`'s recursive patterns are not supported."""

import posixpath
import _minipy

__all__ = ['PurePath', 'PurePosixPath', 'Path', 'PosixPath']


class PurePath:
    """A path as a sequence of parts; no file system access."""

    def __new__(cls, *args):
        if cls is PurePath:
            cls = PurePosixPath
        self = object.__new__(cls)
        parts = []
        for a in args:
            if isinstance(a, PurePath):
                a = str(a)
            elif hasattr(a, '__fspath__'):
                a = a.__fspath__()
            if not isinstance(a, str):
                raise TypeError(
                    f'expected str, bytes or os.PathLike object, not {type(a).__name__}')
            parts.append(a)
        path = posixpath.join(*parts) if parts else ''
        self._str = _normalize(path)
        return self

    def __init__(self, *args):
        pass

    def __str__(self):
        return self._str

    def __fspath__(self):
        return self._str

    def __repr__(self):
        return f"{type(self).__name__}({self.as_posix()!r})"

    def as_posix(self):
        return self._str

    def __eq__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self._str == other._str

    def __hash__(self):
        return hash(self._str)

    def __lt__(self, other):
        if not isinstance(other, PurePath):
            return NotImplemented
        return self.parts < other.parts

    def __truediv__(self, key):
        try:
            return type(self)(self, key)
        except TypeError:
            return NotImplemented

    def __rtruediv__(self, key):
        try:
            return type(self)(key, self)
        except TypeError:
            return NotImplemented

    @property
    def parts(self):
        s = self._str
        if s == '.':
            return ()
        if s.startswith('/'):
            return ('/',) + tuple(p for p in s[1:].split('/') if p)
        return tuple(s.split('/'))

    @property
    def anchor(self):
        return '/' if self._str.startswith('/') else ''

    @property
    def root(self):
        return self.anchor

    @property
    def drive(self):
        return ''

    @property
    def name(self):
        parts = self.parts
        if not parts or parts == ('/',):
            return ''
        return parts[-1]

    @property
    def suffix(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[i:]
        return ''

    @property
    def suffixes(self):
        name = self.name
        if name.endswith('.'):
            return []
        name = name.lstrip('.')
        return ['.' + s for s in name.split('.')[1:]]

    @property
    def stem(self):
        name = self.name
        i = name.rfind('.')
        if 0 < i < len(name) - 1:
            return name[:i]
        return name

    @property
    def parent(self):
        parts = self.parts
        if not parts or parts == ('/',):
            return self
        if len(parts) == 1:
            return type(self)('.')
        if parts[:1] == ('/',):
            return type(self)('/' + '/'.join(parts[1:-1]))
        return type(self)('/'.join(parts[:-1]))

    @property
    def parents(self):
        out = []
        p = self
        while True:
            q = p.parent
            if q == p:
                break
            out.append(q)
            p = q
        return tuple(out)

    def is_absolute(self):
        return self._str.startswith('/')

    def joinpath(self, *others):
        return type(self)(self, *others)

    def with_name(self, name):
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        if not name or '/' in name or name == '.':
            raise ValueError(f"Invalid name {name!r}")
        return self.parent / name

    def with_stem(self, stem):
        return self.with_name(stem + self.suffix)

    def with_suffix(self, suffix):
        if '/' in suffix or (suffix and (not suffix.startswith('.') or suffix == '.')):
            raise ValueError(f"Invalid suffix {suffix!r}")
        if not self.name:
            raise ValueError(f"{self!r} has an empty name")
        return self.with_name(self.stem + suffix)

    def relative_to(self, *other):
        base = type(self)(*other)
        if base.parts == self.parts[:len(base.parts)]:
            rest = self.parts[len(base.parts):]
            return type(self)(*rest) if rest else type(self)('.')
        raise ValueError(f"{str(self)!r} is not in the subpath of {str(base)!r} OR one path "
                         "is relative and the other is absolute.")

    def match(self, pattern):
        pat = type(self)(pattern).parts
        parts = self.parts
        if len(pat) > len(parts):
            return False
        for p, q in zip(reversed(pat), reversed(parts)):
            if not _fnmatch(q, p):
                return False
        return True


def _fnmatch(name, pattern):
    """Whether `name` matches the shell pattern (`*`, `?`, `[...]`), case-sensitively."""
    import re
    out = []
    i, n = 0, len(pattern)
    while i < n:
        c = pattern[i]
        i += 1
        if c == '*':
            out.append('.*')
        elif c == '?':
            out.append('.')
        elif c == '[':
            j = pattern.find(']', i + 1 if i < n and pattern[i] in '!]' else i)
            if j < 0:
                out.append('\\[')
            else:
                body = pattern[i:j].replace('\\', '\\\\')
                if body.startswith('!'):
                    body = '^' + body[1:]
                out.append('[' + body + ']')
                i = j + 1
        else:
            out.append(re.escape(c))
    return re.fullmatch(''.join(out), name, re.S) is not None


def _normalize(path):
    """CPython's parsing of a path string: repeated and trailing slashes and `.` parts go,
    `..` stays (it may follow a link)."""
    if path == '':
        return '.'
    lead = '//' if path.startswith('//') and not path.startswith('///') else \
        ('/' if path.startswith('/') else '')
    parts = [p for p in path.split('/') if p and p != '.']
    return lead + '/'.join(parts) if parts or lead else '.'


class PurePosixPath(PurePath):
    pass


class Path(PurePath):
    """A path with file system operations."""

    def __new__(cls, *args, **kwargs):
        if cls is Path:
            cls = PosixPath
        return PurePath.__new__(cls, *args)

    @classmethod
    def cwd(cls):
        return cls(_minipy.getcwd())

    @classmethod
    def home(cls):
        return cls(posixpath.expanduser('~'))

    def absolute(self):
        if self.is_absolute():
            return self
        return type(self)(_minipy.getcwd(), self)

    def resolve(self, strict=False):
        return type(self)(_minipy.realpath(self._str))

    def exists(self):
        return posixpath.exists(self._str)

    def is_file(self):
        return posixpath.isfile(self._str)

    def is_dir(self):
        return posixpath.isdir(self._str)

    def open(self, mode='r', buffering=-1, encoding=None, errors=None, newline=None):
        return open(self._str, mode, buffering, encoding, errors, newline)

    def read_text(self, encoding=None, errors=None):
        with open(self._str, 'r', encoding=encoding, errors=errors) as f:
            return f.read()

    def read_bytes(self):
        with open(self._str, 'rb') as f:
            return f.read()

    def write_text(self, data, encoding=None, errors=None, newline=None):
        if not isinstance(data, str):
            raise TypeError(f'data must be str, not {type(data).__name__}')
        with open(self._str, 'w', encoding=encoding, errors=errors, newline=newline) as f:
            return f.write(data)

    def write_bytes(self, data):
        with open(self._str, 'wb') as f:
            return f.write(data)

    def iterdir(self):
        for name in sorted(_minipy.listdir(self._str)):
            yield self / name

    def glob(self, pattern):
        if '/' in pattern or '**' in pattern:
            raise NotImplementedError('not supported by minipy: pathlib glob across directories')
        for name in sorted(_minipy.listdir(self._str)):
            hidden = name.startswith('.') and not pattern.startswith('.')
            if not hidden and _fnmatch(name, pattern):
                yield self / name

    def unlink(self, missing_ok=False):
        try:
            _minipy.remove(self._str)
        except FileNotFoundError:
            if not missing_ok:
                raise

    def stat(self):
        raise NotImplementedError('not supported by minipy: Path.stat()')


class PosixPath(Path):
    """CPython's derives from `Path` and `PurePosixPath`; minipy's classes have one base, so
    a `PosixPath` is not an instance of `PurePosixPath` here."""
