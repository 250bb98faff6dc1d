//! The compiled form (`interp::compile`): expressions and function bodies are compiled to
//! closures the first time they run. These tests check what that must not change: results,
//! per-site caches that see different objects, tracebacks' lines, and the stack budget when
//! the first evaluation of a deep expression happens at the bottom of a deep recursion.
//! (They run on the default 2 MiB test thread stack.)

use minipy::Interpreter;

fn run(src: &str) -> String {
    let py = Interpreter::new();
    py.capture_output();
    if let Err(e) = py.run(src) {
        panic!("script failed: {e}\n{}", py.take_output());
    }
    py.take_output()
}

#[test]
fn a_body_compiled_once_serves_every_call() {
    // One function called with ints, floats, bools and instances: each site's closure meets
    // values of every kind, and its attribute caches instances of two classes.
    let out = run("
class A:
    def __init__(self): self.x = 1
class B:
    def __init__(self): self.y = 0; self.x = 'b'
def f(a, b, o):
    r = a + b * 2
    if r > 3 and not (a == b):
        r -= 1
    return r, o.x, [a, b][1], (a, b)[0:1]
for args in [(1, 2, A()), (1.5, 2.0, B()), (True, 3, A()), (2, 1, B())]:
    print(f(*args))
");
    assert_eq!(
        out,
        "(4, 1, 2, (1,))\n(4.5, 'b', 2.0, (1.5,))\n(6, 1, 3, (True,))\n(3, 'b', 1, (2,))\n"
    );
}

#[test]
fn loops_break_continue_and_else_run_as_the_walker_runs_them() {
    let out = run("
def g(n):
    out = []
    i = 0
    while i < n:
        i += 1
        if i % 2:
            continue
        if i > 6:
            break
        out.append(i)
    else:
        out.append('else')
    for j in range(3):
        out.append(j)
    else:
        out.append('for-else')
    return out
print(g(10), g(4))
");
    assert_eq!(
        out,
        "[2, 4, 6, 0, 1, 2, 'for-else'] [2, 4, 'else', 0, 1, 2, 'for-else']\n"
    );
}

#[test]
fn tracebacks_name_the_line_of_the_failing_statement_and_elif() {
    let py = Interpreter::new();
    py.capture_output();
    let err = py
        .run("def h(x):\n    y = 1\n    if x == 0:\n        pass\n    elif x.nope:\n        pass\nfor k in (0, 1):\n    h(k)\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("line 5, in h"), "{err}");
    assert!(err.contains("AttributeError"), "{err}");
}

#[test]
fn first_evaluation_past_the_stack_budget_raises_recursion_error() {
    // The deepest call is the first to evaluate its expression (nested as deep as the parser
    // allows): it must give RecursionError (or the value), never overflow the stack.
    let py = Interpreter::new();
    py.set_stack_budget(256 << 10);
    py.set_recursion_limit(1_000_000);
    py.capture_output();
    // `1 + 1 + ... + 1`: a chain of 180 additions, 181 levels deep.
    let deep = vec!["1"; 181].join(" + ");
    // At the bottom, `eval` makes new code, first evaluated (and compiled) there.
    let src = format!(
        "def f(n):\n    if n == 0:\n        return eval('{deep}') - 181\n    return f(n - 1)\n\
         try:\n    print(f(100000))\nexcept RecursionError:\n    print('RecursionError')\n\
         print(f(3))\n"
    );
    py.run(&src).unwrap();
    assert_eq!(py.take_output(), "RecursionError\n0\n");
}
