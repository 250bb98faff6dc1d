//! Constant folding, done once on a parsed program before it runs, as CPython 3.11's AST
//! optimizer (`Python/ast_opt.c`) does it before compiling:
//!
//! - a unary `-`, `+`, `~` or `not` applied to a constant, and a binary operator applied to two
//!   constants, become the constant result, computed by the interpreter's own operators
//!   ([`Interp::fast_binop`], [`Interp::binop`], [`Interp::unary`]), so a folded value is the
//!   value the expression has at run time. CPython's size limits hold: an int product or
//!   power or left shift of more than 128 bits, a string or bytes repetition longer than 4096,
//!   a tuple repetition longer than 256 items (or 1024 nested items) stay operations (`2 ** 200`,
//!   `'a' * 10 ** 6`, `1 << 10 ** 6` run as before); so does `%` on a string or bytes (its
//!   formatting), and so does every operation that raises (`1 / 0`, `'a' * 'b'`), so the
//!   exception and its traceback come at run time exactly as before;
//! - a tuple display of constants becomes one constant tuple (nested ones included);
//! - a subscript of two constants (`"abc"[1]`, `(1, 2)[0]`) becomes its item, unless it raises;
//! - the last operand of `in`/`not in`, the iterable of a `for` loop and of a comprehension's
//!   loop: a list display of constants becomes a constant tuple, a set display of constants a
//!   constant frozenset, built as CPython builds it (members added in order, then the set
//!   rebuilt from its own iteration order, as the compiler's constant merging does), so a
//!   `for` over it visits the members in CPython's order;
//! - `not (a is b)`, `not (a in b)` and their negations become `a is not b`, `a not in b`
//!   (and back), as CPython does (not `==`, `<`, ... whose methods may not be each other's
//!   negation);
//! - the name `__debug__` read anywhere is the constant `True`.
//!
//! As in CPython, a string constant folded at the start of a body (`"a" + "b"` as a
//! function's first statement) does not become its docstring: the statement is wrapped in an
//! f-string, as `ast_opt.c` wraps it in a `JoinedStr`.
//!
//! What CPython folds and minipy does not: a list display that is not all constants stays a
//! list in `for`/`in` (CPython builds a tuple, which costs the same here), and 3.11's
//! rewriting of `'%s' % (x,)` into an f-string is not done.
//!
//! Folding never changes a node's line, so tracebacks and error messages name the lines they
//! named before.

use std::rc::Rc;

use crate::ast::*;
use crate::interp::Interp;
use crate::value::{PyDict, Value};

/// CPython's `MAX_INT_SIZE`: the most bits a folded int product, power or shift may have.
const MAX_INT_SIZE: u64 = 128;
/// CPython's `MAX_COLLECTION_SIZE`: the longest folded tuple repetition.
const MAX_COLLECTION_SIZE: i64 = 256;
/// CPython's `MAX_STR_SIZE`: the longest folded string or bytes repetition.
const MAX_STR_SIZE: i64 = 4096;
/// CPython's `MAX_TOTAL_ITEMS`: the most items, nested ones included, a repeated tuple may hold.
const MAX_TOTAL_ITEMS: i64 = 1024;

/// Folds the constants of a parsed module (its functions, lambdas, generator expressions and
/// class bodies included). Folding is an optimisation only: whatever cannot be folded
/// exactly as CPython folds it is left as it was.
///
/// ```
/// let py = minipy::Interpreter::new();
/// py.capture_output();
/// py.run("x = 2 ** 10 + (1, 2)[1]\nprint(x, -(1 + 2j), 'ab' * 2)\n").unwrap();
/// assert_eq!(py.take_output(), "1026 (-1-2j) abab\n");
/// ```
pub(crate) fn fold_program(interp: &Interp, prog: &mut Block) {
    Folder { interp }.body(prog);
}

struct Folder<'a> {
    interp: &'a Interp,
}

impl Folder<'_> {
    /// A body whose first statement may be a docstring (a module's, a class's, a function's).
    fn body(&self, stmts: &mut Block) {
        let was_doc = is_docstring(stmts);
        self.block(stmts);
        if !was_doc && is_docstring(stmts) {
            // A string folded from an expression is not a docstring (`ast_opt.c`'s
            // `astfold_body`).
            if let Some(Stmt {
                kind: StmtKind::Expr(e),
                ..
            }) = stmts.first_mut()
            {
                if let ExprKind::Const(Const::Str(s)) = &e.kind {
                    let text = s.to_string();
                    *e = Expr::new(ExprKind::FString(vec![FPart::Lit(text)]), e.line);
                }
            }
        }
    }

    fn block(&self, stmts: &mut [Stmt]) {
        for s in stmts {
            self.stmt(s);
        }
    }

    /// The expressions of a `case` pattern: literal values, mapping keys, class expressions
    /// (walked with an explicit stack).
    fn pattern(&self, p: &mut Pattern) {
        let mut stack = vec![p];
        while let Some(p) = stack.pop() {
            match &mut p.kind {
                PatternKind::Value(e) => self.expr(e),
                PatternKind::Singleton(_) | PatternKind::Star(_) => {}
                PatternKind::Sequence(ps) | PatternKind::Or(ps) => stack.extend(ps.iter_mut()),
                PatternKind::Mapping { keys, patterns, .. } => {
                    keys.iter_mut().for_each(|k| self.expr(k));
                    stack.extend(patterns.iter_mut());
                }
                PatternKind::Class {
                    cls,
                    patterns,
                    kwd_patterns,
                    ..
                } => {
                    self.expr(cls);
                    stack.extend(patterns.iter_mut().chain(kwd_patterns.iter_mut()));
                }
                PatternKind::As(inner, _) => stack.extend(inner.as_deref_mut()),
            }
        }
    }

    fn opt_block(&self, b: &mut Option<Block>) {
        if let Some(b) = b {
            self.block(b);
        }
    }

    fn stmt(&self, s: &mut Stmt) {
        match &mut s.kind {
            StmtKind::Expr(e) => self.expr(e),
            StmtKind::Assign(targets, value) => {
                targets.iter_mut().for_each(|t| self.target(t));
                self.expr(value);
            }
            StmtKind::AugAssign(target, _, value) => {
                self.target(target);
                self.expr(value);
            }
            StmtKind::Del(targets) => targets.iter_mut().for_each(|t| self.target(t)),
            StmtKind::If(branches, orelse) => {
                for (cond, body) in branches {
                    self.expr(cond);
                    self.block(body);
                }
                self.opt_block(orelse);
            }
            StmtKind::While(cond, body, orelse) => {
                self.expr(cond);
                self.block(body);
                self.opt_block(orelse);
            }
            StmtKind::For(target, iter, body, orelse) => {
                self.target(target);
                self.expr(iter);
                self.block(body);
                self.opt_block(orelse);
                self.iterable(iter);
            }
            StmtKind::Return(value) => {
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                self.block(body);
                for h in handlers {
                    if let Some(t) = &mut h.ty {
                        self.expr(t);
                    }
                    self.block(&mut h.body);
                }
                self.opt_block(orelse);
                self.opt_block(finally);
            }
            StmtKind::Raise(exc, cause) => {
                for e in [exc, cause].into_iter().flatten() {
                    self.expr(e);
                }
            }
            StmtKind::FuncDef(def) => self.func(def),
            StmtKind::ClassDef {
                bases,
                keywords,
                body,
                ..
            } => {
                bases.iter_mut().for_each(|b| self.expr(b));
                keywords.iter_mut().for_each(|(_, v)| self.expr(v));
                // The parser made the body and nothing else holds it yet.
                if let Some(body) = Rc::get_mut(body) {
                    self.body(body);
                }
            }
            StmtKind::Assert(test, msg) => {
                self.expr(test);
                if let Some(m) = msg {
                    self.expr(m);
                }
            }
            StmtKind::Decorated(decorators, def) => {
                decorators.iter_mut().for_each(|d| self.expr(d));
                self.stmt(def);
            }
            StmtKind::AnnAssign(target, annotation, value) => {
                self.target(target);
                self.expr(annotation);
                if let Some(v) = value {
                    self.expr(v);
                }
            }
            StmtKind::With(items, body) => {
                for (ctx, target) in items {
                    self.expr(ctx);
                    if let Some(t) = target {
                        self.target(t);
                    }
                }
                self.block(body);
            }
            StmtKind::Match(subject, cases) => {
                self.expr(subject);
                for c in cases {
                    self.pattern(&mut c.pattern);
                    if let Some(g) = &mut c.guard {
                        self.expr(g);
                    }
                    self.block(&mut c.body);
                }
            }
            StmtKind::Break
            | StmtKind::Continue
            | StmtKind::Pass
            | StmtKind::Import(_)
            | StmtKind::FromImport(..)
            | StmtKind::Global(_)
            | StmtKind::Nonlocal(_) => {}
        }
    }

    /// A function's defaults, annotations and body (nothing else holds the definition yet).
    fn func(&self, def: &mut Rc<FuncDef>) {
        let Some(def) = Rc::get_mut(def) else {
            return;
        };
        for p in def.params.iter_mut().chain(def.kwonly.iter_mut()) {
            if let Some(d) = &mut p.default {
                self.expr(d);
            }
            if let Some(a) = &mut p.annotation {
                self.expr(a);
            }
        }
        for a in def.star_annotations.iter_mut().flatten() {
            self.expr(a);
        }
        if let Some(r) = &mut def.returns {
            self.expr(r);
        }
        self.body(&mut def.body);
    }

    /// An assignment (or deletion) target: the expressions it evaluates are folded, the
    /// names, attributes and items it binds are not.
    fn target(&self, t: &mut Expr) {
        match &mut t.kind {
            ExprKind::Tuple(xs) | ExprKind::List(xs) => xs.iter_mut().for_each(|x| self.target(x)),
            ExprKind::Starred(x) => self.target(x),
            ExprKind::Attribute(obj, _) => self.expr(obj),
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj);
                self.expr(idx);
            }
            _ => {}
        }
    }

    fn opt_expr(&self, e: &mut Option<Box<Expr>>) {
        if let Some(e) = e {
            self.expr(e);
        }
    }

    fn comprehensions(&self, comps: &mut [Comprehension]) {
        for c in comps {
            self.target(&mut c.target);
            self.expr(&mut c.iter);
            c.ifs.iter_mut().for_each(|e| self.expr(e));
            self.iterable(&mut c.iter);
        }
    }

    fn fparts(&self, parts: &mut [FPart]) {
        for p in parts {
            if let FPart::Expr(e, _, spec) = p {
                self.expr(e);
                self.fparts(spec);
            }
        }
    }

    /// Folds an expression read for its value: its parts first, then the node itself.
    fn expr(&self, e: &mut Expr) {
        let mut replacement = None;
        let folded = match &mut e.kind {
            ExprKind::Const(_) => return,
            ExprKind::Name(n) => (&**n == "__debug__").then_some(Const::Bool(true)),
            ExprKind::BinOp(op, a, b) => {
                self.expr(a);
                self.expr(b);
                match (&a.kind, &b.kind) {
                    (ExprKind::Const(x), ExprKind::Const(y)) => self.binop(*op, x, y),
                    _ => None,
                }
            }
            ExprKind::Unary(op, a) => {
                self.expr(a);
                match &mut a.kind {
                    ExprKind::Const(c) => self.unary(*op, c),
                    ExprKind::Compare(_, rest) if *op == UnaryOp::Not && rest.len() == 1 => {
                        let negated = match rest[0].0 {
                            CmpOp::Is => Some(CmpOp::IsNot),
                            CmpOp::IsNot => Some(CmpOp::Is),
                            CmpOp::In => Some(CmpOp::NotIn),
                            CmpOp::NotIn => Some(CmpOp::In),
                            _ => None,
                        };
                        if let Some(op) = negated {
                            rest[0].0 = op;
                            // The comparison takes the place of the `not` (with its own
                            // line, as CPython copies the node).
                            let placeholder = Expr::new(ExprKind::Const(Const::None), a.line);
                            replacement = Some(std::mem::replace(&mut **a, placeholder));
                        }
                        None
                    }
                    _ => None,
                }
            }
            ExprKind::BoolOp(_, a, b) => {
                self.expr(a);
                self.expr(b);
                None
            }
            ExprKind::Compare(first, rest) => {
                self.expr(first);
                rest.iter_mut().for_each(|(_, x)| self.expr(x));
                if let Some((CmpOp::In | CmpOp::NotIn, last)) = rest.last_mut() {
                    self.iterable(last);
                }
                None
            }
            ExprKind::IfExp(c, a, b) => {
                self.expr(c);
                self.expr(a);
                self.expr(b);
                None
            }
            ExprKind::Call(f, args) => {
                self.expr(f);
                for a in args {
                    match a {
                        Arg::Pos(x) | Arg::Kw(_, x) | Arg::Star(x) | Arg::DoubleStar(x) => {
                            self.expr(x)
                        }
                    }
                }
                None
            }
            ExprKind::Attribute(obj, _) => {
                self.expr(obj);
                None
            }
            ExprKind::Subscript(obj, idx) => {
                self.expr(obj);
                self.expr(idx);
                match (&obj.kind, &idx.kind) {
                    (ExprKind::Const(o), ExprKind::Const(i)) => self.subscript(o, i),
                    _ => None,
                }
            }
            ExprKind::Slice(lo, hi, step) => {
                self.opt_expr(lo);
                self.opt_expr(hi);
                self.opt_expr(step);
                None
            }
            ExprKind::List(xs) | ExprKind::Set(xs) => {
                xs.iter_mut().for_each(|x| self.expr(x));
                None
            }
            ExprKind::Tuple(xs) => {
                xs.iter_mut().for_each(|x| self.expr(x));
                self.const_tuple(xs)
            }
            ExprKind::Dict(kvs) => {
                for (k, v) in kvs {
                    self.expr(k);
                    self.expr(v);
                }
                None
            }
            ExprKind::SetComp(elt, comps) | ExprKind::ListComp(elt, comps) => {
                self.expr(elt);
                self.comprehensions(comps);
                None
            }
            ExprKind::DictComp(k, v, comps) => {
                self.expr(k);
                self.expr(v);
                self.comprehensions(comps);
                None
            }
            ExprKind::Starred(x) | ExprKind::YieldFrom(x) | ExprKind::Await(x) => {
                self.expr(x);
                None
            }
            ExprKind::Yield(x) => {
                self.opt_expr(x);
                None
            }
            ExprKind::Lambda(def) => {
                self.func(def);
                None
            }
            ExprKind::FString(parts) => {
                self.fparts(parts);
                None
            }
            ExprKind::GenExp(def, first) => {
                self.func(def);
                self.expr(first);
                self.iterable(first);
                None
            }
            ExprKind::NamedExpr(_, v, _) => {
                self.expr(v);
                None
            }
        };
        if let Some(c) = folded {
            *e = Expr::new(ExprKind::Const(c), e.line);
        } else if let Some(r) = replacement {
            *e = r;
        }
    }

    /// An iterable CPython's `fold_iter` sees (a `for` loop's, a comprehension loop's, the
    /// right operand of `in`): a list display of constants becomes a constant tuple, a set
    /// display of constants a constant frozenset.
    fn iterable(&self, e: &mut Expr) {
        let folded = match &e.kind {
            ExprKind::List(xs) => self.const_tuple(xs),
            ExprKind::Set(xs) => self.const_frozenset(xs),
            _ => None,
        };
        if let Some(c) = folded {
            *e = Expr::new(ExprKind::Const(c), e.line);
        }
    }

    /// The constant tuple of `xs` when they are all constants.
    fn const_tuple(&self, xs: &[Expr]) -> Option<Const> {
        let items = const_items(xs)?;
        Some(Const::Folded(Value::tuple(items)))
    }

    /// The constant frozenset of `xs` when they are all constants: CPython's
    /// `PyFrozenSet_New` of their tuple (each member added in turn), rebuilt from its own
    /// iteration order by the compiler's constant merging (`merge_consts_recursive`).
    fn const_frozenset(&self, xs: &[Expr]) -> Option<Const> {
        let items = const_items(xs)?;
        let mut d = PyDict::new();
        d.make_set();
        for v in items {
            let hk = self.interp.dict_key(&d, &v).ok()?;
            d.insert(hk, v, Value::None);
        }
        let mut rebuilt = PyDict::new();
        rebuilt.make_set();
        for (hk, k) in d.members() {
            rebuilt.insert(hk, k, Value::None);
        }
        Some(Const::Folded(Value::frozenset(rebuilt)))
    }

    /// `op c`, or `None` when CPython leaves it to run time (or it would raise).
    fn unary(&self, op: UnaryOp, c: &Const) -> Option<Const> {
        let v = const_value(c)?;
        let fits = match op {
            UnaryOp::Not => return Some(Const::Bool(!v.truthy_simple())),
            UnaryOp::Neg | UnaryOp::Pos => is_number(&v),
            UnaryOp::Invert => is_int(&v),
        };
        if !fits {
            return None;
        }
        value_const(self.interp.unary(op, v).ok()?)
    }

    /// `x op y`, or `None` when CPython leaves it to run time (or it would raise).
    fn binop(&self, op: BinOp, x: &Const, y: &Const) -> Option<Const> {
        let l = const_value(x)?;
        let r = const_value(y)?;
        if !safe_binop(op, &l, &r) {
            return None;
        }
        if let Some(v) = Interp::fast_binop(op, &l, &r) {
            return value_const(v);
        }
        value_const(self.interp.binop(op, l, r).ok()?)
    }

    /// `o[i]` for a string, bytes or tuple and an int index within its length.
    fn subscript(&self, o: &Const, i: &Const) -> Option<Const> {
        let o = const_value(o)?;
        let i = const_value(i)?;
        let len = match &o {
            Value::Str(s) => s.chars().count(),
            Value::Bytes(b) => b.data.len(),
            Value::Tuple(t) => t.items.len(),
            _ => return None,
        };
        let idx = match i {
            Value::Int(n) => n,
            Value::Bool(b) => b as i64,
            _ => return None,
        };
        let len = i64::try_from(len).ok()?;
        if idx >= len || idx < -len {
            return None;
        }
        value_const(self.interp.get_item(&o, &i).ok()?)
    }
}

/// Whether the first statement of `stmts` is a docstring (an expression that is a string
/// constant, as the interpreter finds `__doc__`).
fn is_docstring(stmts: &[Stmt]) -> bool {
    matches!(
        stmts.first().map(|s| &s.kind),
        Some(StmtKind::Expr(Expr {
            kind: ExprKind::Const(Const::Str(_)),
            ..
        }))
    )
}

/// The values of `xs` when every one is a constant.
fn const_items(xs: &[Expr]) -> Option<Vec<Value>> {
    xs.iter()
        .map(|x| match &x.kind {
            ExprKind::Const(c) => const_value(c),
            _ => None,
        })
        .collect()
}

/// The value a constant evaluates to (as the interpreter makes it); `None` for an integer
/// literal whose text does not convert (it raises when it runs).
fn const_value(c: &Const) -> Option<Value> {
    Some(match c {
        Const::None => Value::None,
        Const::Bool(b) => Value::Bool(*b),
        Const::Int(i) => Value::Int(*i),
        Const::Float(f) => Value::Float(*f),
        Const::Imag(f) => crate::interp::complex::new_complex(0.0, *f),
        Const::Str(s) => Value::Str(s.clone()),
        Const::Ellipsis => Value::Ellipsis,
        Const::Bytes(b) => Value::Bytes(b.clone()),
        Const::BigInt(text) => crate::bigint::parse_int_base0(text).ok()?,
        Const::Folded(v) => v.clone(),
    })
}

/// The constant for a folded value; `None` for a value that is not a constant (no fold
/// makes one).
fn value_const(v: Value) -> Option<Const> {
    Some(match v {
        Value::None => Const::None,
        Value::Bool(b) => Const::Bool(b),
        Value::Int(i) => Const::Int(i),
        Value::Float(f) => Const::Float(f),
        Value::Str(s) => Const::Str(s),
        Value::Ellipsis => Const::Ellipsis,
        Value::Bytes(b) => Const::Bytes(b),
        Value::Big(_) | Value::Complex(_) | Value::Tuple(_) => Const::Folded(v),
        Value::Set(ref s) if s.frozen => Const::Folded(v),
        _ => return None,
    })
}

fn is_int(v: &Value) -> bool {
    matches!(v, Value::Int(_) | Value::Bool(_) | Value::Big(_))
}

fn is_number(v: &Value) -> bool {
    is_int(v) || matches!(v, Value::Float(_) | Value::Complex(_))
}

fn is_zero(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i == 0,
        Value::Bool(b) => !*b,
        Value::Float(f) => *f == 0.0,
        Value::Complex(c) => c.re == 0.0 && c.im == 0.0,
        _ => false,
    }
}

fn is_negative(v: &Value) -> bool {
    match v {
        Value::Int(i) => *i < 0,
        Value::Big(b) => b.sign() == num_bigint::Sign::Minus,
        Value::Float(f) => *f < 0.0,
        _ => false,
    }
}

/// `_PyLong_NumBits`: the bits of an int's magnitude.
fn num_bits(v: &Value) -> u64 {
    match v {
        Value::Int(i) => u64::from(64 - i.unsigned_abs().leading_zeros()),
        Value::Bool(b) => u64::from(*b),
        Value::Big(b) => b.bits(),
        _ => 0,
    }
}

/// `PyLong_AsSize_t`: a non-negative int that fits 64 bits.
fn as_size(v: &Value) -> Option<u64> {
    match v {
        Value::Int(i) => u64::try_from(*i).ok(),
        Value::Bool(b) => Some(u64::from(*b)),
        Value::Big(b) => u64::try_from(&**b).ok(),
        _ => None,
    }
}

/// `PyLong_AsLong`.
fn as_long(v: &Value) -> Option<i64> {
    match v {
        Value::Int(i) => Some(*i),
        Value::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

/// A sequence constant's length as `safe_multiply` counts it (characters, bytes, items), or
/// `None` for other values.
fn seq_len(v: &Value) -> Option<(i64, bool)> {
    let (n, is_collection) = match v {
        Value::Str(s) => (s.chars().count(), false),
        Value::Bytes(b) => (b.data.len(), false),
        Value::Tuple(t) => (t.items.len(), true),
        Value::Set(s) if s.frozen => (s.items.borrow().len(), true),
        _ => return None,
    };
    Some((i64::try_from(n).ok()?, is_collection))
}

/// CPython's `check_complexity`: `limit` less the items of `v` and of the tuples and
/// frozensets it holds (negative when they exceed it).
fn check_complexity(v: &Value, mut limit: i64) -> i64 {
    let items: Vec<Value> = match v {
        Value::Tuple(t) => t.items.to_vec(),
        Value::Set(s) if s.frozen => s
            .items
            .borrow()
            .members()
            .into_iter()
            .map(|(_, k)| k)
            .collect(),
        _ => return limit,
    };
    limit -= items.len() as i64;
    for x in &items {
        if limit < 0 {
            break;
        }
        limit = check_complexity(x, limit);
    }
    limit
}

/// Whether `l op r` is folded: CPython's `safe_multiply`, `safe_power`, `safe_lshift` and
/// `safe_mod` limits, and operand types for which the operation is defined and does not raise
/// (division by zero, a negative shift, a power of zero to a negative exponent and a
/// sequence repeated by a huge int are left to run time; whatever else raises is caught when
/// the operation is tried).
fn safe_binop(op: BinOp, l: &Value, r: &Value) -> bool {
    let numbers = is_number(l) && is_number(r);
    let ints = is_int(l) && is_int(r);
    let complex = matches!(l, Value::Complex(_)) || matches!(r, Value::Complex(_));
    match op {
        BinOp::Add => {
            numbers
                || matches!(
                    (l, r),
                    (Value::Str(_), Value::Str(_))
                        | (Value::Bytes(_), Value::Bytes(_))
                        | (Value::Tuple(_), Value::Tuple(_))
                )
        }
        BinOp::Sub => numbers,
        BinOp::Div => numbers && !is_zero(r),
        BinOp::FloorDiv | BinOp::Mod => numbers && !complex && !is_zero(r),
        BinOp::Mul => safe_multiply(l, r),
        BinOp::Pow => {
            if !numbers || (is_zero(l) && (is_negative(r) || complex)) {
                return false;
            }
            if ints && !is_zero(l) && !is_zero(r) && !is_negative(r) {
                let Some(wbits) = as_size(r) else {
                    return false;
                };
                return num_bits(l) <= MAX_INT_SIZE / wbits;
            }
            true
        }
        BinOp::LShift | BinOp::RShift => {
            if !ints || is_negative(r) {
                return false;
            }
            if op == BinOp::LShift && !is_zero(l) && !is_zero(r) {
                let Some(wbits) = as_size(r) else {
                    return false;
                };
                return wbits <= MAX_INT_SIZE && num_bits(l) <= MAX_INT_SIZE - wbits;
            }
            true
        }
        BinOp::BitAnd | BinOp::BitOr | BinOp::BitXor => ints,
    }
}

/// CPython's `safe_multiply`, for operands whose product is defined.
fn safe_multiply(l: &Value, r: &Value) -> bool {
    if is_int(l) && is_int(r) {
        return is_zero(l) || is_zero(r) || num_bits(l) + num_bits(r) <= MAX_INT_SIZE;
    }
    if is_number(l) && is_number(r) {
        return true;
    }
    let (n, seq) = match (l, r) {
        (n, s) | (s, n) if is_int(n) && seq_len(s).is_some() => (n, s),
        _ => return false,
    };
    let Some((size, is_collection)) = seq_len(seq) else {
        return false;
    };
    // A repetition count beyond 64 bits raises (or, negative, is left to run time as
    // CPython leaves it).
    let Some(n) = as_long(n) else {
        return false;
    };
    if size == 0 {
        return true;
    }
    if is_collection {
        if n < 0 || n > MAX_COLLECTION_SIZE / size {
            return false;
        }
        n == 0 || check_complexity(seq, MAX_TOTAL_ITEMS / n) >= 0
    } else {
        n >= 0 && n <= MAX_STR_SIZE / size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The module `src` parsed and folded, its statements unparsed one per line (an
    /// expression statement's expression, an assignment's value).
    fn folded(src: &str) -> String {
        let py = crate::Interpreter::new();
        let mut prog = crate::parser::parse_program(src).expect("parses");
        fold_program(&py.inner, &mut prog);
        let show = |e: &Expr| match &e.kind {
            // `unparse` spells the expressions annotations use; a comparison is shown as its
            // operators and last operand.
            ExprKind::Compare(_, rest) => rest
                .iter()
                .map(|(op, x)| format!("{} {}", op.symbol(), crate::unparse::unparse(x)))
                .collect::<Vec<_>>()
                .join(" "),
            _ => crate::unparse::unparse(e),
        };
        prog.iter()
            .map(|s| match &s.kind {
                StmtKind::Expr(e) | StmtKind::Assign(_, e) => show(e),
                StmtKind::For(_, it, _, _) => format!("for {}", crate::unparse::unparse(it)),
                other => format!("{other:?}"),
            })
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn constant_operators_are_folded() {
        assert_eq!(folded("x = -5"), "-5");
        assert_eq!(folded("x = 2 ** 10 * 3 - 1"), "3071");
        assert_eq!(folded("x = 'ab' * 3"), "'ababab'");
        assert_eq!(folded("x = 1 + 2j"), "(1+2j)");
        assert_eq!(folded("x = (1, (2, 3 + 4), 'a')"), "(1, (2, 7), 'a')");
        assert_eq!(folded("x = 'abc'[1]"), "'b'");
        assert_eq!(folded("x = not 0"), "True");
        assert_eq!(folded("x = ~True"), "-2");
        assert_eq!(folded("x = 2 ** 64"), "18446744073709551616");
        assert_eq!(folded("x = __debug__"), "True");
        assert_eq!(folded("x = b'ab' + b'c'"), "b'abc'");
    }

    #[test]
    fn raising_and_oversized_operations_are_left_alone() {
        assert_eq!(folded("x = 1 / 0"), "1 / 0");
        assert_eq!(folded("x = 1 % 0"), "1 % 0");
        assert_eq!(folded("x = 'a' * 'b'"), "'a' * 'b'");
        assert_eq!(folded("x = 'a' * 4097"), "'a' * 4097");
        assert_eq!(folded("x = 2 ** 100"), "2 ** 100");
        assert_eq!(folded("x = 1 << 128"), "1 << 128");
        assert_eq!(folded("x = '%s' % 5"), "'%s' % 5");
        assert_eq!(folded("x = (1, 2)[5]"), "(1, 2)[5]");
    }

    #[test]
    fn iterables_become_constants() {
        assert_eq!(folded("for i in [1, 2, 3]: pass"), "for (1, 2, 3)");
        assert_eq!(folded("for i in [a, 2]: pass"), "for [a, 2]");
        assert_eq!(folded("x = y in [1, 2]"), "in (1, 2)");
        assert_eq!(folded("x = y in [1, z]"), "in [1, z]");
        assert_eq!(folded("x = y not in {3}"), "not in frozenset({3})");
        assert_eq!(folded("x = 1 < y in {3}"), "< y in frozenset({3})");
        assert_eq!(folded("x = y in [3] < z"), "in [3] < z");
        assert_eq!(folded("x = not (y in z)"), "not in z");
        assert_eq!(folded("x = not (y is None)"), "is not None");
    }

    #[test]
    fn not_of_an_equality_stays() {
        let py = crate::Interpreter::new();
        let mut prog = crate::parser::parse_program("not (y == z)").expect("parses");
        fold_program(&py.inner, &mut prog);
        let StmtKind::Expr(e) = &prog[0].kind else {
            panic!("an expression")
        };
        assert!(matches!(e.kind, ExprKind::Unary(UnaryOp::Not, _)));
    }

    #[test]
    fn a_folded_string_is_not_a_docstring() {
        let src = "def f():\n    'a' + 'b'\n";
        let py = crate::Interpreter::new();
        let mut prog = crate::parser::parse_program(src).expect("parses");
        fold_program(&py.inner, &mut prog);
        let StmtKind::FuncDef(def) = &prog[0].kind else {
            panic!("a def")
        };
        assert!(!is_docstring(&def.body));
    }
}
