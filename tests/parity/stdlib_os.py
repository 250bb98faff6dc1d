import os
import os.path
import os.path as osp
print(os.path is osp, os.sep, os.linesep == '\n', os.name, os.curdir, os.pardir)
print(os.path.join('a', 'b', 'c'), os.path.join('/a', '/b', 'c'), os.path.join('a/', 'b'), os.path.join('', 'x'))
for p in ['a/b/c.txt', '/x', 'x/', '', '//a//b', '.bashrc', 'a/.b.c', 'a.b/c', '...x', 'dir/file.tar.gz']:
    print(repr(p), os.path.split(p), os.path.basename(p), os.path.dirname(p), os.path.splitext(p))
for p in ['a/./b/../c', '/../x', '//a/b', '///a', '', '.', 'a/..', '../../a', 'a//b/']:
    print(repr(p), repr(os.path.normpath(p)))
print(os.path.isabs('/a'), os.path.isabs('a'), os.path.abspath('/a/../b'))
print(os.path.exists('.'), os.path.isdir('.'), os.path.isfile('.'), os.path.exists('no-such-thing'), os.path.exists('a\0b'))
print('PATH' in os.environ, os.environ.get('NO_SUCH_VAR_XYZ'), os.getenv('NO_SUCH_VAR_XYZ', 'dflt'))
print(os.getcwd() == os.path.abspath('.'), os.path.expanduser('~x'), os.path.expanduser('plain'))
try:
    os.listdir('no-such-dir')
except FileNotFoundError as e:
    print(e)
try:
    os.remove('no-such-file')
except OSError as e:
    print(type(e).__name__, e)
try:
    os.path.join('a', 3)
except TypeError as e:
    print(e)
print(isinstance(os.cpu_count(), int))
