"""`os.path` for POSIX paths: CPython's `posixpath` functions, in minipy's own words."""

import _minipy

sep = '/'
curdir = '.'
pardir = '..'


def _fspath(name, p):
    """`p` as a str: itself, or what its `__fspath__` returns (a `pathlib.Path`)."""
    if not isinstance(p, str) and hasattr(type(p), '__fspath__'):
        p = p.__fspath__()
    if not isinstance(p, str):
        raise TypeError(f'expected str, bytes or os.PathLike object, not {type(p).__name__}')
    return p


def isabs(s):
    s = _fspath('isabs', s)
    return s.startswith('/')


def join(a, *p):
    a = _fspath('join', a)
    path = a
    for b in p:
        if not isinstance(b, str) and hasattr(type(b), '__fspath__'):
            b = b.__fspath__()
        if not isinstance(b, str):
            raise TypeError(f'join() argument must be str, bytes, or os.PathLike object, '
                            f"not '{type(b).__name__}'")
        if b.startswith('/'):
            path = b
        elif not path or path.endswith('/'):
            path += b
        else:
            path += '/' + b
    return path


def split(p):
    p = _fspath('split', p)
    i = p.rfind('/') + 1
    head, tail = p[:i], p[i:]
    if head and head != '/' * len(head):
        head = head.rstrip('/')
    return head, tail


def basename(p):
    return split(p)[1]


def dirname(p):
    return split(p)[0]


def splitext(p):
    p = _fspath('splitext', p)
    sep_index = p.rfind('/')
    dot_index = p.rfind('.')
    if dot_index > sep_index:
        # A leading dot (after any number of dots) names a hidden file, not an extension.
        filename_index = sep_index + 1
        while filename_index < dot_index:
            if p[filename_index] != '.':
                return p[:dot_index], p[dot_index:]
            filename_index += 1
    return p, ''


def normpath(path):
    path = _fspath('normpath', path)
    if path == '':
        return '.'
    initial_slashes = 2 if path.startswith('//') and not path.startswith('///') else \
        (1 if path.startswith('/') else 0)
    comps = path.split('/')
    new_comps = []
    for comp in comps:
        if comp in ('', '.'):
            continue
        if comp != '..' or (not initial_slashes and not new_comps) or \
                (new_comps and new_comps[-1] == '..'):
            new_comps.append(comp)
        elif new_comps:
            new_comps.pop()
    path = '/'.join(new_comps)
    if initial_slashes:
        path = '/' * initial_slashes + path
    return path or '.'


def abspath(path):
    path = _fspath('abspath', path)
    if not isabs(path):
        path = join(_minipy.getcwd(), path)
    return normpath(path)


def realpath(filename, *, strict=False):
    filename = _fspath('realpath', filename)
    return _minipy.realpath(filename)


def exists(path):
    if not isinstance(path, str) and hasattr(type(path), '__fspath__'):
        path = path.__fspath__()
    return isinstance(path, str) and _minipy.path_kind(path) is not None


def isfile(path):
    if not isinstance(path, str) and hasattr(type(path), '__fspath__'):
        path = path.__fspath__()
    return isinstance(path, str) and _minipy.path_kind(path) == 'file'


def isdir(path):
    if not isinstance(path, str) and hasattr(type(path), '__fspath__'):
        path = path.__fspath__()
    return isinstance(path, str) and _minipy.path_kind(path) == 'dir'


def getsize(path):
    path = _fspath('getsize', path)
    return _minipy.getsize(path)


def expanduser(path):
    path = _fspath('expanduser', path)
    if not path.startswith('~'):
        return path
    i = path.find('/', 1)
    if i < 0:
        i = len(path)
    if i != 1:
        return path
    home = _minipy.environ().get('HOME')
    if home is None:
        return path
    return (home.rstrip('/') or '/') + path[i:]
