"""Text files and the standard streams: `open()`, `input()`, `sys.stdin`, `sys.stdout` and
`sys.stderr`.

minipy's own module, standing in for CPython's `_io` (which is written in C, so its frames do
not show in tracebacks here either). Files are text only, UTF-8, read whole when opened for
reading and written through a buffer of about 8 KiB, as CPython's default buffering does;
binary modes and `+` modes say they are not supported.
"""

import _minipy

_BUFFER = 8192


class UnsupportedOperation(OSError):
    """An operation the stream does not support. (CPython's class derives from ValueError
    too; minipy has single inheritance only.)"""


class TextIOWrapper:
    """A text file or standard stream."""

    def __init__(self, name, mode, fd=-1):
        self.name = name
        self.mode = mode
        # CPython's locale encoding here; its standard streams spell it in lower case.
        self.encoding = 'UTF-8' if fd < 0 else 'utf-8'
        self.closed = False
        self._fd = fd
        self._text = ''
        self._pos = 0
        self._pending = []
        self._pending_len = 0

    def __repr__(self):
        return f"<_io.TextIOWrapper name={self.name!r} mode={self.mode!r} encoding={self.encoding!r}>"

    def _check_open(self):
        if self.closed:
            raise ValueError('I/O operation on closed file.')

    def readable(self):
        self._check_open()
        return 'r' in self.mode

    def writable(self):
        self._check_open()
        return 'r' not in self.mode

    def seekable(self):
        self._check_open()
        return self._fd < 0

    def isatty(self):
        self._check_open()
        return False

    def fileno(self):
        self._check_open()
        if self._fd < 0:
            raise UnsupportedOperation('fileno')
        return self._fd

    # -------------------------------------------------------------- writing

    def write(self, s):
        self._check_open()
        if not isinstance(s, str):
            raise TypeError(f'write() argument must be str, not {type(s).__name__}')
        if 'r' in self.mode:
            raise UnsupportedOperation('not writable')
        if self._fd >= 0:
            _minipy.write_stream(self._fd, s)
            return len(s)
        self._pending.append(s)
        self._pending_len += len(s)
        if self._pending_len >= _BUFFER:
            self.flush()
        return len(s)

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def flush(self):
        self._check_open()
        if self._fd >= 0:
            _minipy.flush_stream(self._fd)
        elif self._pending:
            text = ''.join(self._pending)
            self._pending = []
            self._pending_len = 0
            _minipy.write_file(self.name, text, 'a')

    # -------------------------------------------------------------- reading

    def _need_readable(self):
        self._check_open()
        if 'r' not in self.mode:
            raise UnsupportedOperation('not readable')

    def read(self, size=-1):
        self._need_readable()
        if self._fd >= 0:
            parts = []
            total = 0
            while size is None or size < 0 or total < size:
                line = _minipy.read_stdin_line()
                if not line:
                    break
                parts.append(line)
                total += len(line)
            return ''.join(parts)
        end = len(self._text) if size is None or size < 0 else min(len(self._text), self._pos + size)
        s = self._text[self._pos:end]
        self._pos = end
        return s

    def readline(self, size=-1):
        self._need_readable()
        if self._fd >= 0:
            return _minipy.read_stdin_line()
        nl = self._text.find('\n', self._pos)
        end = len(self._text) if nl < 0 else nl + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        s = self._text[self._pos:end]
        self._pos = end
        return s

    def readlines(self, hint=-1):
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                break
        return lines

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def seek(self, offset, whence=0):
        self._check_open()
        if self._fd >= 0:
            raise UnsupportedOperation('underlying stream is not seekable')
        self.flush()
        if whence == 0:
            self._pos = offset
        elif whence == 2 and offset == 0:
            self._pos = len(self._text)
        elif offset == 0 and whence == 1:
            pass
        else:
            raise UnsupportedOperation("can't do nonzero cur-relative seeks")
        return self._pos

    def tell(self):
        self._check_open()
        return self._pos

    # -------------------------------------------------------------- closing

    def close(self):
        if not self.closed:
            try:
                self.flush()
            finally:
                self.closed = True

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc):
        self.close()

    def __del__(self):
        if self._fd < 0:
            self.close()


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    """Open a text file: 'r' (read), 'w' (truncate and write), 'a' (append) or 'x' (create)."""
    if isinstance(file, int) and not isinstance(file, bool):
        raise NotImplementedError('not supported by minipy: open() of a file descriptor')
    if not isinstance(file, str):
        raise TypeError(f'expected str, bytes or os.PathLike object, not {type(file).__name__}')
    if not isinstance(mode, str):
        raise TypeError(f"open() argument 'mode' must be str, not {type(mode).__name__}")
    # CPython's checks, in its order.
    modes = set(mode)
    if not modes <= set('axrwb+t') or len(mode) > len(modes):
        raise ValueError(f'invalid mode: {mode!r}')
    kinds = [c for c in 'xrwa' if c in modes]
    if 't' in modes and 'b' in modes:
        raise ValueError("can't have text and binary mode at once")
    if len(kinds) > 1:
        raise ValueError('must have exactly one of create/read/write/append mode')
    if not kinds:
        raise ValueError('Must have exactly one of create/read/write/append mode and at most one plus')
    if 'b' in modes or '+' in modes:
        raise NotImplementedError(f"not supported by minipy: open() mode {mode!r}")
    if encoding is not None and encoding.lower().replace('_', '-') not in ('utf-8', 'utf8'):
        raise NotImplementedError(f"not supported by minipy: open() encoding {encoding!r}")
    kind = kinds[0]
    f = TextIOWrapper(file, mode)
    if kind == 'r':
        f._text = _minipy.read_file(file)
    else:
        _minipy.write_file(file, '', kind)
    return f


def input(prompt=''):
    """Write prompt to stdout, read one line from stdin, and return it without its newline."""
    if prompt != '':
        stdout.write(str(prompt))
        stdout.flush()
    line = _minipy.read_stdin_line()
    if not line:
        raise EOFError('EOF when reading a line')
    if line[-1:] == '\n':
        line = line[:-1]
    return line


stdin = TextIOWrapper('<stdin>', 'r', 0)
stdout = TextIOWrapper('<stdout>', 'w', 1)
stderr = TextIOWrapper('<stderr>', 'w', 2)
