//! Script code that a collection runs in the middle of a container operation.
//!
//! With `gc.set_threshold(1)` nearly every allocation of a tracked object starts a collection,
//! and a collection runs script code: the `gc.callbacks` callbacks, the `__del__` of the
//! garbage it finds, the callbacks of weak references to that garbage. That code can touch the
//! very container whose method or operator is allocating, so minipy must never hold a
//! `RefCell` borrow of a container across an allocation (it used to panic with "RefCell
//! already borrowed" in `dict.keys()`, `list.copy()`, set operators, failing list indexing,
//! `l[::0]` and a missing module attribute).
//!
//! Every operation of every container kind (list, dict, set, instance attributes, a source
//! module's globals, a builtin module's attributes, the main module's globals, class and
//! function attributes) runs under two kinds of script code started by collections:
//! - *touch*: changes each container and changes it back (append then pop, insert then delete,
//!   set then delete). Any borrow held across the collection still conflicts, but the
//!   script's results are those of a run without collections, so the output is compared with
//!   CPython's byte for byte (when a CPython 3.11/3.12 `python3` is on the path);
//! - *chaos*: really changes the containers (grows, shrinks, clears, rebinds). Where the
//!   collections happen differs from CPython, so only the outcome is checked: the program
//!   ends normally (every error a Python exception), without a panic.
//!
//! Each runs once from a `gc.callbacks` callback, once from the `__del__` of garbage cycles
//! that each collection finds (each `__del__` leaves a new one behind), and the *touch* one
//! also from weak reference callbacks on that garbage.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The operations, one per line: an expression (its value is printed) or, after `!`, a
/// statement. Before each, `reset()` puts every container back to its initial contents;
/// after each, the containers' contents are printed.
const OPS: &str = r#"
L.append(4)
L.extend([5, 6])
L.extend(S)
L.insert(0, 9)
L.insert(-1, 9)
L.pop()
L.pop(0)
L.pop(100)
L.pop('x')
L.remove(2)
L.remove(99)
L.clear()
L.sort()
L.sort(reverse=True)
L.sort(key=lambda v: -v)
L.reverse()
L.copy()
L.index(2)
L.index(99)
L.count(1)
L + [7]
L + (7,)
L * 2
2 * L
L * -1
!L += [8, 9]
!L += S
!L *= 2
L[0]
L[-1]
L[100]
L[-100]
L['a']
L[1:3]
L[::2]
L[::-1]
L[::0]
L[5:1]
!L[0] = 5
!L[100] = 5
!L[1:2] = [7, 8]
!L[::2] = [0, 0]
!L[::2] = [0]
!L[:] = L
!del L[0]
!del L[100]
!del L[1:3]
!del L[::2]
2 in L
99 in L
L == [3, 1, 2]
L == L.copy()
L != [1]
L < [9]
L <= [3, 1, 2]
L > [0]
len(L)
repr(L)
str(L)
list(L)
tuple(L)
sorted(L)
list(reversed(L))
min(L)
max(L)
sum(L)
list(enumerate(L))
list(zip(L, L))
list(map(lambda v: v + 1, L))
list(filter(None, L))
any(L)
all(L)
bool(L)
[v * 2 for v in L]
{v: v for v in L}
{v for v in L}
!a, *b = L; print(a, b)
!print(*L)
!for v in L: print(v)
!it = iter(L); print(next(it), next(it))
hash(L)
L.nope
!L.append(L); print(L); L.pop()
D.keys()
D.values()
D.items()
D.get('a')
D.get('z', 0)
D.get([1])
D.pop('a')
D.pop('z')
D.pop('z', 0)
D.popitem()
D.setdefault('a', 5)
D.setdefault('z', 5)
D.update({'a': 9, 'y': 8})
D.update([('q', 1)])
D.update(5)
D.copy()
D.clear()
D['a']
D['z']
D[[1]]
!D['a'] = 7
!D['n'] = 7
!D[[1]] = 7
!del D['a']
!del D['z']
!D['a'] += 1
'a' in D
'z' in D
[1] in D
D == {'a': 1, 'b': 2, 'c': 3}
D == D.copy()
D != {}
len(D)
repr(D)
str(D)
list(D)
dict(D)
sorted(D)
dict(D, e=5)
!for k in D: print(k, D[k])
!for k, v in D.items(): print(k, v)
[k for k in D]
{k: v for k, v in D.items()}
!print(*D)
(lambda **kw: kw)(**D)
!D['me'] = D; print(D); del D['me']
D.nope
S.add(4)
S.add(1)
S.add([1])
S.remove(1)
S.remove(99)
S.discard(1)
S.discard(99)
S.pop() in {1, 2, 3}
S.clear()
S.update({7, 8})
S.update([9])
S.copy()
S.union({5})
S.union([5])
S.intersection({1, 5})
S.difference({1})
S.symmetric_difference({1, 5})
S.issubset({1, 2, 3, 4})
S.issuperset({1})
S.isdisjoint({5})
S | {5}
S & {1, 5}
S - {1}
S ^ {1, 5}
S | [5]
!S |= {5}
!S -= {1}
S < {1, 2, 3, 4}
S <= {1, 2, 3}
S > {1}
S >= {1, 2, 3}
S == {1, 2, 3}
S != {1}
1 in S
99 in S
[1] in S
len(S)
set(S)
sorted(S)
list(sorted(S))
{v + 1 for v in S}
!for v in sorted(S): print(v)
hash(S)
S.nope
O.x
O.nope
!O.x = 5
!O.z = 5
!del O.x
!del O.nope
!O.x += 1
getattr(O, 'x')
getattr(O, 'nope')
getattr(O, 'nope', 0)
hasattr(O, 'x')
hasattr(O, 'nope')
setattr(O, 'x', 8)
delattr(O, 'y')
delattr(O, 'nope')
vars(O)
O.__dict__
[n for n in dir(O) if not n.startswith('__')]
O.m()
O.m(1)
isinstance(O, Obj)
!O.me = O; print(O.me.x); del O.me
M.x
M.f()
M.nope
!M.x = 5
!M.z = 5
!del M.z
!del M.nope
!M.x += 1
getattr(M, 'x')
getattr(M, 'nope')
getattr(M, 'nope', 0)
hasattr(M, 'nope')
setattr(M, 'x', 3)
!from fuzzmod import x; print(x)
!from fuzzmod import nope
[n for n in dir(M) if not n.startswith('__')]
Obj.m(O)
Obj.nope
!Obj.k = 1; print(Obj.k, O.k); del Obj.k
!reset.a = 1; print(reset.a); del reset.a
reset.nope
L.extend(L)
L + L
L == L
D.update(D)
S.update(S)
S | S
S ^ S
'%s' % (L,)
'%s %s' % (L, D)
f'{L} {D}'
'{} {}'.format(L, D)
','.join(map(str, L))
L[0:2] + L[1:]
KeyError(D)
!raise ValueError(L)
!raise KeyError('k')
!assert L == [], L
gc.nope
!gc.t = 1; del gc.t
hasattr(gc, 'collect')
G
globals()['G']
sorted(k for k in globals() if k.startswith('G'))
"#;

/// What every script starts with: the containers, `reset()`, `touch()` (change everything and
/// change it back), `chaos()` (change everything for good), `run()`.
const PRELUDE: &str = r#"
import gc
import weakref
import fuzzmod as M

class Obj:
    def m(self):
        return self.x

L = [3, 1, 2]
D = {'a': 1, 'b': 2, 'c': 3}
S = {1, 2, 3}
O = Obj()
G = 0
N = [0]

EVIL = [False]

class Evil:
    """Put into every container by `reset()` when EVIL[0]: its comparisons, repr, str and
    truth, which the containers' own operations call, run `chaos()`."""
    def __eq__(self, other):
        chaos_once()
        return False
    def __ne__(self, other):
        chaos_once()
        return True
    def __lt__(self, other):
        chaos_once()
        return False
    def __gt__(self, other):
        chaos_once()
        return False
    def __repr__(self):
        chaos_once()
        return 'Evil()'
    def __bool__(self):
        chaos_once()
        return True
    def __radd__(self, other):
        chaos_once()
        return other

def chaos_once():
    if not IN_DROP[0]:
        IN_DROP[0] = True
        chaos()
        IN_DROP[0] = False

def reset():
    L[:] = [3, 1, 2]
    D.clear()
    D.update({'a': 1, 'b': 2, 'c': 3})
    S.clear()
    S.update({1, 2, 3})
    for k in list(vars(O)):
        delattr(O, k)
    O.x = 1
    O.y = 2
    M.x = 1
    if EVIL[0]:
        L.insert(1, Evil())
        D['e'] = Evil()
        S.add(Evil())
        O.e = Evil()
        M.e = Evil()

def touch():
    global G
    L.append(0)
    L.pop()
    D['t_'] = 0
    del D['t_']
    S.add(-1)
    S.discard(-1)
    O.t_ = 0
    del O.t_
    M.t_ = 0
    del M.t_
    gc.t_ = 0
    del gc.t_
    Obj.t_ = 0
    del Obj.t_
    reset.t_ = 0
    del reset.t_
    G = G + 0

class Dropper:
    """Put into the containers by `chaos()`: its `__del__` (run when an operation drops it by
    reference count) changes the containers again."""
    def __del__(self):
        if not IN_DROP[0]:
            IN_DROP[0] = True
            chaos()
            IN_DROP[0] = False

IN_DROP = [False]

def chaos():
    global G
    N[0] += 1
    n = N[0]
    k = n % 6
    if k == 0:
        L.clear()
        D.clear()
        S.clear()
    elif k == 1:
        L.append(n)
        L.insert(0, 'x')
        L.append(Dropper())
        D[n % 5] = [n]
        D['d'] = Dropper()
        S.add(n % 7)
        S.add(Dropper())
    elif k == 2:
        if L:
            L.pop()
        if D:
            D.popitem()
        if S:
            S.pop()
    elif k == 3:
        L[:] = [n, 'y', None]
        D['a'] = n
        S.update({n, n + 1})
    elif k == 4:
        L.sort(key=str)
        D.update({'b': n, n: 'b'})
        S.discard(1)
    else:
        L.extend(range(3))
        del L[::2]
        D.setdefault('c', n)
        S.add('s')
    if len(L) > 12:
        del L[:8]
    O.x = n
    if n % 2:
        O.__dict__
        vars(O)
    if hasattr(O, 'y'):
        del O.y
    else:
        O.y = Dropper()
    M.x = n
    setattr(M, 'w', Dropper() if n % 3 else n)
    gc.t_ = n
    Obj.t_ = n
    reset.t_ = n
    G = n

def nothing():
    pass

MUTATE = touch

def show(r):
    if isinstance(r, set):
        return 'set' + repr(sorted(r, key=repr))
    if type(r).__name__ in ('dict_keys', 'dict_values', 'dict_items', 'list_reverseiterator'):
        return repr(list(r))
    return repr(r)

def state():
    try:
        s = sorted(S, key=repr)
    except Exception as e:
        s = type(e).__name__
    return str(L) + ' ' + str(D) + ' ' + str(s) + ' ' + str(vars(O)) + ' ' + str(M.x)

def run(name, f):
    try:
        reset()
    except Exception as e:
        # Only with `chaos`, which can change the containers while `reset()` runs.
        print('reset ->', type(e).__name__ + ': ' + str(e))
    try:
        r = show(f())
    except Exception as e:
        r = type(e).__name__ + ': ' + str(e)
    try:
        st = state()
    except Exception as e:
        st = type(e).__name__ + ': ' + str(e)
    print(name, '->', r, '|', st)
"#;

/// Makes collections run `MUTATE` from `gc.callbacks`.
const VIA_CALLBACK: &str = r#"
def cb(phase, info):
    MUTATE()
gc.callbacks.append(cb)
"#;

/// Makes collections run `MUTATE` from the `__del__` of garbage cycles (each leaves a new one
/// behind for the next collection) and, with `WEAK`, from weak reference callbacks on them.
const VIA_DEL: &str = r#"
STOP = [False]
KEEP = [None]

def weak_cb(r):
    MUTATE()

class Churn:
    def __del__(self):
        if STOP[0]:
            return
        MUTATE()
        new_garbage()

def new_garbage():
    c = Churn()
    c.me = c
    if WEAK:
        KEEP[0] = weakref.ref(c, weak_cb)

new_garbage()
"#;

const EPILOGUE: &str = r#"
gc.set_threshold(700)
gc.callbacks.clear()
STOP[0] = True
print('done')
"#;

/// The module the scripts import as `M`.
const FUZZMOD: &str = "x = 1\ndef f():\n    return x\n";

/// One script: the prelude, the mutator (`touch` or `chaos`, whose changes start at step
/// `offset`) started by collections through `via`, then every operation (on containers that
/// also hold an `Evil` element with `evil`).
fn script(mutator: &str, via: &str, weak: bool, offset: usize, evil: bool) -> String {
    let py_bool = |b: bool| if b { "True" } else { "False" };
    let mut s = String::from(PRELUDE);
    s.push_str(&format!(
        "MUTATE = {mutator}\nWEAK = {}\nN[0] = {offset}\nEVIL[0] = {}\n",
        py_bool(weak),
        py_bool(evil)
    ));
    s.push_str("STOP = [False]\n");
    s.push_str(via);
    s.push_str("gc.set_threshold(1)\n");
    for (i, op) in OPS.lines().filter(|l| !l.trim().is_empty()).enumerate() {
        let (body, shown) = match op.strip_prefix('!') {
            Some(stmt) => (stmt.to_string(), stmt),
            None => (format!("return {op}"), op),
        };
        let body = body.replace("; ", "\n    ");
        let name = format!("op{i}");
        s.push_str(&format!(
            "def {name}():\n    global L, D, S, O, G\n    {body}\nrun({shown:?}, {name})\n"
        ));
    }
    s.push_str(EPILOGUE);
    s
}

/// A fresh directory for the scripts and `fuzzmod.py`.
fn temp_dir(tag: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("minipy-reentrancy-{}-{tag}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("create a temp dir");
    std::fs::write(dir.join("fuzzmod.py"), FUZZMOD).expect("write fuzzmod.py");
    std::fs::canonicalize(&dir).expect("canonical temp dir")
}

/// Runs `program script` in `dir` with a time limit: (exit code, stdout, stderr). The output
/// goes to files (a pipe nobody reads while waiting could fill up and block the child).
fn run(program: &str, dir: &Path, script: &Path) -> (Option<i32>, String, String) {
    let out_path = dir.join("stdout.txt");
    let err_path = dir.join("stderr.txt");
    let mut child = Command::new(program)
        .arg(script)
        .current_dir(dir)
        .env("RUST_BACKTRACE", "0")
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).expect("stdout file"))
        .stderr(std::fs::File::create(&err_path).expect("stderr file"))
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > Duration::from_secs(120) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("{program} {} hung", script.display());
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let read =
        |p: &Path| String::from_utf8_lossy(&std::fs::read(p).expect("read output")).into_owned();
    (status.code(), read(&out_path), read(&err_path))
}

/// Whether a CPython with 3.11's collector (3.11 or 3.12) is on the path.
fn python3_available() -> bool {
    let script = "import sys; print((3, 11) <= sys.version_info[:2] < (3, 13))";
    let Ok(out) = Command::new("python3").args(["-c", script]).output() else {
        return false;
    };
    out.status.success() && String::from_utf8_lossy(&out.stdout).trim() == "True"
}

/// Runs one script with minipy: it must end normally (status 0, "done" printed) with no panic.
/// With `compare`, its output must also be CPython's.
fn check(tag: &str, mutator: &str, via: &str, weak: bool, compare: bool, offset: usize) {
    check_with(tag, mutator, via, weak, compare, offset, false)
}

fn check_with(
    tag: &str,
    mutator: &str,
    via: &str,
    weak: bool,
    compare: bool,
    offset: usize,
    evil: bool,
) {
    let dir = temp_dir(tag);
    let path = dir.join(format!("{tag}.py"));
    std::fs::write(&path, script(mutator, via, weak, offset, evil)).expect("write the script");
    let (code, out, err) = run(env!("CARGO_BIN_EXE_minipy"), &dir, &path);
    assert!(
        !err.contains("panicked") && !err.contains("RefCell"),
        "{tag}: minipy panicked ({}):\n{err}",
        path.display()
    );
    assert_eq!(
        code,
        Some(0),
        "{tag}: minipy failed ({}):\n{err}",
        path.display()
    );
    assert!(out.ends_with("done\n"), "{tag}: {out}");
    let ops = OPS.lines().filter(|l| !l.trim().is_empty()).count();
    assert!(
        out.lines().filter(|l| l.contains(" -> ")).count() >= ops,
        "{tag}: not every operation ran:\n{out}"
    );
    if compare && python3_available() {
        let (pcode, pout, perr) = run("python3", &dir, &path);
        assert_eq!(pcode, Some(0), "{tag}: python3 failed:\n{perr}");
        if pout != out {
            let diff: Vec<String> = pout
                .lines()
                .zip(out.lines())
                .filter(|(a, b)| a != b)
                .take(10)
                .map(|(a, b)| format!("python3: {a}\nminipy:  {b}"))
                .collect();
            panic!(
                "{tag}: minipy's output differs from CPython's ({}):\n{}",
                path.display(),
                diff.join("\n")
            );
        }
    }
    // MINIPY_KEEP_SCRIPTS=1 keeps the scripts and their output to look at.
    if std::env::var_os("MINIPY_KEEP_SCRIPTS").is_none() {
        let _ = std::fs::remove_dir_all(&dir);
    }
}

#[test]
fn gc_callback_that_touches_every_container_matches_cpython() {
    check("cb_touch", "touch", VIA_CALLBACK, false, true, 0);
}

#[test]
fn del_that_touches_every_container_matches_cpython() {
    check("del_touch", "touch", VIA_DEL, false, true, 0);
}

#[test]
fn weakref_callback_that_touches_every_container_matches_cpython() {
    check("weak_touch", "touch", VIA_DEL, true, true, 0);
}

#[test]
fn gc_callback_that_changes_every_container_never_panics() {
    // Each offset starts the cycle of changes elsewhere, so each operation meets other ones.
    for offset in 0..6 {
        check(
            &format!("cb_chaos{offset}"),
            "chaos",
            VIA_CALLBACK,
            false,
            false,
            offset,
        );
    }
}

#[test]
fn del_that_changes_every_container_never_panics() {
    for offset in 0..6 {
        check(
            &format!("del_chaos{offset}"),
            "chaos",
            VIA_DEL,
            true,
            false,
            offset,
        );
    }
}

#[test]
fn elements_whose_methods_change_every_container_never_panic() {
    // The containers' own operations call script code too: `==`, `<`, `repr`, truth of their
    // elements. Here those change every container (collections run a callback that does
    // nothing, so that the elements are not swept away at once).
    for offset in 0..6 {
        check_with(
            &format!("evil{offset}"),
            "nothing",
            VIA_CALLBACK,
            false,
            false,
            offset,
            true,
        );
    }
}
