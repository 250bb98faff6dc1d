"""A minimal `os`: `environ`, `getcwd`, `listdir`, `remove`, `sep`, `linesep`, `name`, and
`os.path` (`posixpath`). minipy's own module over `_minipy`; what it lacks raises
AttributeError, as any missing attribute does."""

import _minipy
import posixpath as path

name = 'posix'
sep = '/'
altsep = None
extsep = '.'
pathsep = ':'
linesep = '\n'
curdir = '.'
pardir = '..'
devnull = '/dev/null'

# A snapshot of the environment when `os` was first imported; changes are not passed on to
# the process's own environment.
environ = _minipy.environ()


def getenv(key, default=None):
    """environ.get(key, default)."""
    return environ.get(key, default)


def getcwd():
    """The current directory."""
    return _minipy.getcwd()


def listdir(path='.'):
    """The names in directory `path`, in the order the system gives them."""
    return _minipy.listdir(path)


def remove(path):
    """Delete file `path`."""
    _minipy.remove(path)


unlink = remove


def cpu_count():
    """The number of logical CPUs."""
    return _minipy.cpu_count()
