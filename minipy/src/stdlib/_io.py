"""Text files and the standard streams: `open()`, `input()`, `sys.stdin`, `sys.stdout` and
`sys.stderr`.

minipy's own module, standing in for CPython's `_io` (which is written in C, so its frames do
not show in tracebacks here either). Text files are UTF-8, read whole when opened for
reading and written through a buffer of about 8 KiB, as CPython's default buffering does.
Binary modes ('rb', 'wb', 'ab', 'xb') give `BufferedReader` and `BufferedWriter` over
bytes; `+` modes say they are not supported.
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


class _BufferedFile:
    """A file opened in binary mode: `BufferedReader` ('rb') or `BufferedWriter` ('wb', 'ab',
    'xb'). A reader holds the whole file, read when it was opened; a writer buffers about
    8 KiB before it writes."""

    def __init__(self, name, mode):
        self.name = name
        self.mode = mode
        self.closed = False
        self._data = b''
        self._pos = 0
        self._pending = []
        self._pending_len = 0

    def __repr__(self):
        return f"<_io.{type(self).__name__} name={self.name!r}>"

    def _check_open(self, what=None):
        if self.closed:
            if what is None:
                raise ValueError('I/O operation on closed file.')
            raise ValueError(what + ' closed file')

    def readable(self):
        self._check_open()
        return isinstance(self, BufferedReader)

    def writable(self):
        self._check_open()
        return isinstance(self, BufferedWriter)

    def seekable(self):
        self._check_open()
        return True

    def isatty(self):
        self._check_open()
        return False

    def __enter__(self):
        self._check_open()
        return self

    def __exit__(self, *exc):
        self.close()

    def __iter__(self):
        self._check_open()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def read(self, size=-1):
        raise UnsupportedOperation('read')

    def readline(self, size=-1):
        raise UnsupportedOperation('readline')

    def write(self, b):
        raise UnsupportedOperation('write')

    def readlines(self, hint=-1):
        self._check_open()
        lines = []
        total = 0
        for line in self:
            lines.append(line)
            total += len(line)
            if hint is not None and 0 < hint <= total:
                break
        return lines

    def writelines(self, lines):
        self._check_open()
        for line in lines:
            self.write(line)

    def flush(self):
        self._check_open()

    def close(self):
        if not self.closed:
            try:
                self.flush()
            finally:
                self.closed = True

    def __del__(self):
        self.close()


def _size_arg(size):
    if size is None:
        return -1
    if not isinstance(size, int):
        raise TypeError(f"argument should be integer or None, not '{type(size).__name__}'")
    return size


class BufferedReader(_BufferedFile):
    """A file opened for reading bytes ('rb')."""

    def read(self, size=-1):
        self._check_open('read of')
        size = _size_arg(size)
        end = len(self._data) if size < 0 else min(len(self._data), self._pos + size)
        b = self._data[self._pos:end]
        self._pos = end
        return b

    def readline(self, size=-1):
        self._check_open('readline of')
        size = _size_arg(size)
        nl = self._data.find(b'\n', self._pos)
        end = len(self._data) if nl < 0 else nl + 1
        if size >= 0:
            end = min(end, self._pos + size)
        b = self._data[self._pos:end]
        self._pos = end
        return b

    def seek(self, offset, whence=0):
        self._check_open('seek of')
        if whence == 0:
            pos = offset
        elif whence == 1:
            pos = self._pos + offset
        elif whence == 2:
            pos = len(self._data) + offset
        else:
            raise ValueError(f'whence value {whence} unsupported')
        if pos < 0:
            raise OSError(22, 'Invalid argument')
        self._pos = pos
        return pos

    def tell(self):
        self._check_open()
        return self._pos


class BufferedWriter(_BufferedFile):
    """A file opened for writing bytes ('wb', 'ab' or 'xb')."""

    def write(self, b):
        self._check_open('write to')
        if isinstance(b, str) or not isinstance(b, (bytes, bytearray)):
            raise TypeError(f"a bytes-like object is required, not '{type(b).__name__}'")
        b = bytes(b)
        self._pending.append(b)
        self._pending_len += len(b)
        self._pos += len(b)
        if self._pending_len >= _BUFFER:
            self.flush()
        return len(b)

    def flush(self):
        self._check_open('flush of')
        if self._pending:
            data = b''.join(self._pending)
            self._pending = []
            self._pending_len = 0
            _minipy.write_file(self.name, data, 'a')

    def tell(self):
        self._check_open()
        return self._pos


def open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None,
         closefd=True, opener=None):
    """Open a file: 'r' (read), 'w' (truncate and write), 'a' (append) or 'x' (create), in
    text mode or, with 'b', binary mode."""
    if isinstance(file, int) and not isinstance(file, bool):
        raise NotImplementedError('not supported by minipy: open() of a file descriptor')
    if not isinstance(file, str) and hasattr(type(file), '__fspath__'):
        file = file.__fspath__()
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
    if '+' in modes:
        raise NotImplementedError(f"not supported by minipy: open() mode {mode!r}")
    if 'b' in modes:
        if encoding is not None:
            raise ValueError("binary mode doesn't take an encoding argument")
        if errors is not None:
            raise ValueError("binary mode doesn't take an errors argument")
        if newline is not None:
            raise ValueError("binary mode doesn't take a newline argument")
        kind = kinds[0]
        if kind == 'r':
            f = BufferedReader(file, 'rb')
            f._data = _minipy.read_file(file, True)
        else:
            _minipy.write_file(file, b'', kind)
            f = BufferedWriter(file, kind + 'b')
            if kind == 'a':
                f._pos = len(_minipy.read_file(file, True))
        return f
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
