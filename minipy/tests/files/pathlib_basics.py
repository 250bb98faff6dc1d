# pathlib's pure operations and common file operations; os.path.realpath; open() and
# os.path functions taking a Path (os.PathLike).
import os
import os.path
from pathlib import Path, PurePath, PurePosixPath, PosixPath

p = PurePosixPath('/usr//lib/./python3.11/')
print(p, repr(p), p.parts, p.name, p.parent, p.parent.parent, p.anchor, p.is_absolute())
q = PurePath('a/b.tar.gz')
print(type(q).__name__, q, q.suffix, q.suffixes, q.stem, q.name, q.parent, q.parent.parent)
print(PurePath(), PurePath('.'), PurePath(''), PurePath('/'), PurePath('/').parent, PurePath('/').name)
print(PurePath('a') / 'b' / 'c.txt', 'x' / PurePath('y'), PurePath('a', 'b', '/abs', 'c'))
print(PurePath('a/b').joinpath('c', 'd'), PurePath('a/b.txt').with_suffix('.md'),
      PurePath('a/b.txt').with_name('z.py'), PurePath('a/b.txt').with_stem('q'),
      PurePath('a/b').with_suffix('.x'), PurePath('a/b.txt').with_suffix(''))
print(PurePath('/a/b/c').relative_to('/a'), PurePath('/a/b/c').parents[1],
      list(PurePath('x/y/z').parents))
print(PurePath('a/b') == PurePath('a//b/'), PurePath('a') == 'a', hash(PurePath('a/b')) == hash(PurePath('a/b')),
      sorted([PurePath('b'), PurePath('a/c'), PurePath('a')]))
print(PurePath('a/b.py').match('*.py'), PurePath('a/b.py').match('a/*.py'), PurePath('a/b.py').match('c/*.py'),
      PurePath('.bashrc').suffix, PurePath('x.').suffix, PurePath('..').name, PurePath('a/..').parent)
for bad in ["PurePath('a').with_suffix('txt')", "PurePath('/').with_name('x')", "PurePath(5)",
            "PurePath('/a/b').relative_to('/c')", "PurePath('a') / 5", "PurePath('a').with_name('')"]:
    try:
        print(eval(bad))
    except (TypeError, ValueError) as e:
        print(bad, type(e).__name__, e)

here = Path(__file__).resolve().parent
print(type(here).__name__, here.is_dir(), here.exists(), Path(__file__).is_file(),
      Path(__file__).name, (here / 'no_such_file.txt').exists())
tmp = Path(os.path.realpath('.')) / '_pathlib_parity_tmp.txt'
print(tmp.write_text('one\ntwo\n'), tmp.read_text(), tmp.read_bytes(), tmp.exists())
with tmp.open() as f:
    print(f.readlines())
with open(tmp) as f:
    print(f.read().split())
print(os.path.exists(tmp), os.path.isfile(tmp), os.path.basename(tmp), os.path.join(here, 'x') == str(here) + '/x')
tmp.unlink()
print(tmp.exists())
tmp.unlink(missing_ok=True)
try:
    tmp.unlink()
except FileNotFoundError as e:
    print('FileNotFoundError', e.errno)
print(os.path.realpath('/') == '/', os.path.realpath('/usr/../usr') == os.path.realpath('/usr'),
      os.path.realpath('relative/x/../y') == os.path.join(os.getcwd(), 'relative/y'))
print(Path('/no/such/dir/../file').resolve())
