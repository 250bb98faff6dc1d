"""Survey: how many programs of TheAlgorithms/Python print exactly what python3 prints under minipy.

Takes a seeded random sample of N programs (default 60) that have a `__main__` block, use only
the standard library and read no input; runs each under python3 twice (programs whose output
differs between the two runs are counted as nondeterministic and skipped) and under minipy, and
compares stdout and exit status.

Usage (from the workspace root, after `cargo build --release -p minipy`):
    git clone https://github.com/TheAlgorithms/Python /tmp/algos && git -C /tmp/algos checkout f5988cc09
    ALGOS=/tmp/algos MINIPY=$PWD/target/release/minipy python3 minipy/realprograms/algo_survey.py 60
"""
import os, re, subprocess, random, collections, sys
root = os.environ.get('ALGOS')
if not root or not os.path.isdir(root):
    sys.exit('set ALGOS to a checkout of TheAlgorithms/Python (see the docstring)')
MINIPY = os.path.abspath(os.environ.get('MINIPY', 'target/release/minipy'))
third_party = re.compile(r'^\s*(import|from)\s+(numpy|scipy|requests|matplotlib|sklearn|pandas|PIL|cv2|bs4|sympy|networkx|fake_useragent|lxml|tensorflow|torch|qiskit|rich|xgboost|skimage|keras|pytest|httpx|statsmodels|seaborn|tweepy|imageio|mpmath)\b', re.M)
files = []
for d, _, fs in os.walk(root):
    for f in fs:
        if not f.endswith('.py') or f.startswith('__') or f.startswith('test_'):
            continue
        p = os.path.join(d, f)
        src = open(p, encoding='utf-8', errors='replace').read()
        if '__main__' not in src or third_party.search(src) or 'input(' in src:
            continue
        files.append(p)
files.sort()
random.seed(2026)
sample = random.sample(files, min(int(sys.argv[1]) if len(sys.argv) > 1 else 60, len(files)))
stats = collections.Counter()
blockers = collections.Counter()
rows = []
for p in sorted(sample):
    d = os.path.dirname(p)
    def run(cmd, t):
        try:
            r = subprocess.run(cmd, cwd=d, capture_output=True, timeout=t, text=True, errors='replace')
            return r.returncode, r.stdout, r.stderr
        except subprocess.TimeoutExpired:
            return 'timeout', '', ''
    a = run(['python3', os.path.basename(p)], 20)
    if a[0] == 'timeout':
        stats['python3 timeout'] += 1
        continue
    a2 = run(['python3', os.path.basename(p)], 20)
    if a2[1] != a[1]:
        stats['nondeterministic'] += 1
        continue
    b = run([MINIPY, os.path.basename(p)], 60)
    rel = os.path.relpath(p, root)
    if b[0] == a[0] and b[1] == a[1]:
        stats['same'] += 1
        rows.append((rel, 'OK'))
    else:
        stats['differs'] += 1
        last = (b[2].strip().splitlines() or ['(no stderr; stdout differs)'])[-1][:120] if b[0] != 'timeout' else 'timeout'
        key = re.sub(r"'[^']*'", "'X'", last)
        key = re.sub(r'line \d+', 'line N', key)
        blockers[key] += 1
        rows.append((rel, last))
for r in rows:
    print(f'{r[0]:60s} {r[1]}')
print(dict(stats))
for k, n in blockers.most_common(25):
    print(n, k)
