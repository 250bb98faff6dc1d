"""io: StringIO, an in-memory text stream; `open`, `TextIOWrapper`, `BufferedReader`,
`BufferedWriter` and `UnsupportedOperation` come from `_io`."""


from _io import UnsupportedOperation, TextIOWrapper, BufferedReader, BufferedWriter, open


class StringIO:
    """Text I/O implementation using an in-memory buffer."""

    def __init__(self, initial_value="", newline="\n"):
        if initial_value is None:
            initial_value = ""
        if not isinstance(initial_value, str):
            raise TypeError("initial_value must be str or None, not " + type(initial_value).__name__)
        self._parts = [initial_value]
        self._len = len(initial_value)
        self._pos = 0
        self.closed = False

    def _check(self):
        if self.closed:
            raise ValueError("I/O operation on closed file")

    def _value(self):
        if len(self._parts) != 1:
            self._parts = ["".join(self._parts)]
        return self._parts[0]

    def getvalue(self):
        """Retrieve the entire contents of the object."""
        self._check()
        return self._value()

    def write(self, s):
        """Write string to file; returns the number of characters written."""
        self._check()
        if not isinstance(s, str):
            raise TypeError("string argument expected, got '" + type(s).__name__ + "'")
        n = len(s)
        if self._pos == self._len:
            self._parts.append(s)
            self._len += n
        else:
            v = self._value()
            if self._pos > self._len:
                v = v + "\0" * (self._pos - self._len)
            v = v[:self._pos] + s + v[self._pos + n:]
            self._parts = [v]
            self._len = len(v)
        self._pos += n
        return n

    def writelines(self, lines):
        for line in lines:
            self.write(line)

    def read(self, size=-1):
        """Read at most size characters, returned as a string."""
        self._check()
        v = self._value()
        if size is None or size < 0:
            end = self._len
        else:
            end = min(self._len, self._pos + size)
        s = v[self._pos:end] if self._pos < end else ""
        self._pos = max(self._pos, end)
        return s

    def readline(self, size=-1):
        """Read until newline or EOF."""
        self._check()
        v = self._value()
        if self._pos >= self._len:
            return ""
        i = v[self._pos:].find("\n")
        end = self._len if i < 0 else self._pos + i + 1
        if size is not None and size >= 0:
            end = min(end, self._pos + size)
        s = v[self._pos:end]
        self._pos = end
        return s

    def readlines(self, hint=-1):
        out = []
        while True:
            line = self.readline()
            if not line:
                return out
            out.append(line)

    def seek(self, pos, whence=0):
        self._check()
        if whence == 0:
            if pos < 0:
                raise ValueError("Negative seek position " + str(pos))
            self._pos = pos
        elif whence == 1:
            if pos != 0:
                raise ValueError("Can't do nonzero cur-relative seeks")
        elif whence == 2:
            if pos != 0:
                raise ValueError("Can't do nonzero end-relative seeks")
            self._pos = self._len
        else:
            raise ValueError("Invalid whence (" + str(whence) + ", should be 0, 1 or 2)")
        return self._pos

    def tell(self):
        self._check()
        return self._pos

    def truncate(self, size=None):
        self._check()
        if size is None:
            size = self._pos
        if size < 0:
            raise ValueError("Negative size value " + str(size))
        if size < self._len:
            self._parts = [self._value()[:size]]
            self._len = size
        return size

    def close(self):
        self.closed = True

    def readable(self):
        self._check()
        return True

    def writable(self):
        self._check()
        return True

    def seekable(self):
        self._check()
        return True

    def flush(self):
        self._check()

    def isatty(self):
        self._check()
        return False

    def __iter__(self):
        self._check()
        return self

    def __next__(self):
        line = self.readline()
        if not line:
            raise StopIteration
        return line

    def __enter__(self):
        self._check()
        return self

    def __exit__(self, *args):
        self.close()
