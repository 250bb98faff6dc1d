# argparse: parsing, the usage, help and error texts (COLUMNS unset: 80 columns).
import os
import sys
sys.stderr = sys.stdout  # the usage and error texts are checked too
os.environ.pop('COLUMNS', None)
import argparse, sys
def mk():
    p = argparse.ArgumentParser(prog='tool', description='Do things with numbers and files.')
    p.add_argument('num', type=int, help='The value to find a divisor of')
    p.add_argument('--attempts', type=int, default=3, help='The number of attempts before giving up')
    p.add_argument('-v', '--verbose', action='store_true', help='talk more')
    p.add_argument('-q', action='count', default=0)
    p.add_argument('--name', dest='who', choices=['a', 'b'], help='one of %(choices)s')
    p.add_argument('--tag', action='append')
    p.add_argument('rest', nargs='*')
    return p
for argv in [['7'], ['7', '--attempts', '5', '-v', '-qq', 'x', 'y'], ['--attempts=9', '8', '--tag', 't1', '--tag', 't2'],
             [], ['x'], ['7', '--attempts'], ['7', '--name', 'c'], ['7', '--bogus'], ['7', '--', '-1'], ['-3'], ['--help']]:
    try:
        print(argv, mk().parse_args(argv))
    except SystemExit as e:
        print('exit', e.code)
p = argparse.ArgumentParser(prog='s')
p.add_argument('-m', '--mem', help='amount of memory to use for sorting', default='100M')
p.add_argument('filename', metavar='<filename>', nargs=1, help='name of file to sort')
print(p.format_usage(), end='')
print(p.format_help(), end='')
print(p.parse_args(['f.txt']), p.parse_known_args(['f.txt', '--zz']))
ns = argparse.Namespace(a=1, b='x')
print(ns, ns.a, 'a' in ns, ns == argparse.Namespace(a=1, b='x'))
q = argparse.ArgumentParser(prog='opt')
q.add_argument('x', nargs='?', default='dflt')
q.add_argument('--f', nargs='+', type=float)
print(q.parse_args([]), q.parse_args(['v', '--f', '1', '2.5']))
try:
    q.parse_args(['--f'])
except SystemExit as e:
    print('exit', e.code)
