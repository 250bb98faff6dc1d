//! The syntax tree. Every expression caches its nesting depth so the parser can refuse trees
//! deeper than the evaluator's recursion can safely walk.

use std::cell::Cell;
use std::rc::Rc;

/// A set of names (scope analysis results, consulted on name lookups: hashed with the fast
/// name hasher).
pub type NameSet =
    std::collections::HashSet<Rc<str>, std::hash::BuildHasherDefault<crate::value::NameHasher>>;

/// A statement with its line.
#[derive(Debug)]
pub struct Stmt {
    /// What the statement is.
    pub kind: StmtKind,
    /// 1-based source line.
    pub line: u32,
}

/// A block of statements.
pub type Block = Vec<Stmt>;

impl Stmt {
    /// The blocks of a compound statement that belong to its scope, in source order (not the
    /// bodies of the functions and classes it defines): what every walk of a scope's
    /// statements descends into. A new compound statement adds its blocks here.
    pub fn scope_blocks(&self) -> Vec<&Block> {
        match &self.kind {
            StmtKind::If(branches, orelse) => {
                let mut v: Vec<&Block> = branches.iter().map(|(_, b)| b).collect();
                v.extend(orelse.iter());
                v
            }
            StmtKind::While(_, body, orelse) | StmtKind::For(_, _, body, orelse) => {
                let mut v = vec![body];
                v.extend(orelse.iter());
                v
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                let mut v = vec![body];
                v.extend(handlers.iter().map(|h| &h.body));
                v.extend(orelse.iter());
                v.extend(finally.iter());
                v
            }
            StmtKind::With(_, body) => vec![body],
            StmtKind::Match(_, cases) => cases.iter().map(|c| &c.body).collect(),
            _ => Vec::new(),
        }
    }
}

/// Statement kinds.
#[derive(Debug)]
pub enum StmtKind {
    /// An expression evaluated for its effect.
    Expr(Expr),
    /// `t1 = t2 = value`.
    Assign(Vec<Expr>, Expr),
    /// `target op= value`.
    AugAssign(Expr, BinOp, Expr),
    /// `del a, b[0]`.
    Del(Vec<Expr>),
    /// `if` / `elif` branches and the `else` block.
    If(Vec<(Expr, Block)>, Option<Block>),
    /// `while cond: body else: orelse`.
    While(Expr, Block, Option<Block>),
    /// `for target in iter: body else: orelse`.
    For(Expr, Expr, Block, Option<Block>),
    /// `break`.
    Break,
    /// `continue`.
    Continue,
    /// `return [value]`.
    Return(Option<Expr>),
    /// `pass`.
    Pass,
    /// `try` with handlers, `else` and `finally`.
    Try {
        /// The guarded block.
        body: Block,
        /// `except` clauses in order.
        handlers: Vec<Handler>,
        /// Runs when the body raised nothing.
        orelse: Option<Block>,
        /// Always runs.
        finally: Option<Block>,
    },
    /// `raise [exc [from cause]]`.
    Raise(Option<Expr>, Option<Expr>),
    /// `import a [as b], ...`.
    Import(Vec<(Rc<str>, Option<Rc<str>>)>),
    /// `from m import a [as b], ...`.
    FromImport(Rc<str>, Vec<(Rc<str>, Option<Rc<str>>)>),
    /// `global a, b`.
    Global(Vec<Rc<str>>),
    /// `nonlocal a, b`.
    Nonlocal(Vec<Rc<str>>),
    /// `def`.
    FuncDef(Rc<FuncDef>),
    /// `class Name(bases): body`.
    ClassDef {
        /// The class name.
        name: Rc<str>,
        /// Base class expressions.
        bases: Vec<Expr>,
        /// Keyword arguments (`class A(B, flag=True)`), passed to `__init_subclass__`.
        keywords: Vec<(Rc<str>, Expr)>,
        /// The class body.
        body: Rc<Block>,
    },
    /// `assert test[, msg]`.
    Assert(Expr, Option<Expr>),
    /// `@d1 @d2 def/class ...`: the decorator expressions (outermost first) and the
    /// `FuncDef` or `ClassDef` they apply to (bottom-up).
    Decorated(Vec<Expr>, Box<Stmt>),
    /// `target: annotation [= value]`.
    AnnAssign(Expr, Expr, Option<Expr>),
    /// `with a as x, b: body`: the context expressions with their optional targets.
    With(Vec<(Expr, Option<Expr>)>, Block),
    /// `match subject: case pattern [if guard]: body ...` (structural pattern matching).
    Match(Expr, Vec<MatchCase>),
}

/// One `case` block of a `match` statement.
#[derive(Debug)]
pub struct MatchCase {
    /// What the subject must match.
    pub pattern: Pattern,
    /// The `if` condition, evaluated after the pattern matched and bound its names.
    pub guard: Option<Expr>,
    /// The block run when the case is chosen.
    pub body: Block,
}

/// A pattern of a `case` (CPython's `ast.pattern` node), with its line.
#[derive(Debug)]
pub struct Pattern {
    /// What the pattern is.
    pub kind: PatternKind,
    /// 1-based source line.
    pub line: u32,
    /// 0-based column (where a compile error's caret points).
    pub col: u32,
}

/// Pattern kinds, as CPython's `ast` module names them. Nesting is bounded by the parser
/// (each bracket level counts against [`crate::parser::MAX_PATTERN_NESTING`]).
#[derive(Debug)]
pub enum PatternKind {
    /// A literal (number, string, bytes, complex) or a dotted name (`Color.RED`): matches a
    /// subject equal (`==`) to its value (`MatchValue`).
    Value(Expr),
    /// `None`, `True` or `False`: matches that very object (`is`) (`MatchSingleton`).
    Singleton(Const),
    /// `[p, q, *rest]` or `(p, q)` or `p, q`: a sequence of these items; at most one of them is
    /// a [`PatternKind::Star`] (`MatchSequence`).
    Sequence(Vec<Pattern>),
    /// `{key: p, **rest}`: literal or dotted-name keys with their patterns, and the name bound
    /// to the other items (`MatchMapping`).
    Mapping {
        /// The keys (literals or dotted names).
        keys: Vec<Expr>,
        /// One pattern per key.
        patterns: Vec<Pattern>,
        /// The `**rest` name.
        rest: Option<Rc<str>>,
    },
    /// `Cls(p, q, attr=r)`: an isinstance check, then positional sub-patterns (through
    /// `__match_args__`) and keyword ones against attributes (`MatchClass`).
    Class {
        /// The class expression (a dotted name).
        cls: Expr,
        /// The positional sub-patterns.
        patterns: Vec<Pattern>,
        /// The keyword sub-patterns' attribute names.
        kwd_attrs: Vec<Rc<str>>,
        /// The keyword sub-patterns.
        kwd_patterns: Vec<Pattern>,
    },
    /// `*name` or `*_` in a sequence pattern (`MatchStar`).
    Star(Option<Rc<str>>),
    /// `p as name`; a capture pattern `name` has no `p`, the wildcard `_` has neither
    /// (`MatchAs`).
    As(Option<Box<Pattern>>, Option<Rc<str>>),
    /// `p | q | ...`: the first alternative that matches (`MatchOr`).
    Or(Vec<Pattern>),
}

impl Pattern {
    /// Whether the pattern is the wildcard `_` (CPython's `WILDCARD_CHECK`).
    pub fn is_wildcard(&self) -> bool {
        matches!(self.kind, PatternKind::As(None, None))
    }

    /// The direct sub-patterns, in source order.
    pub fn children(&self) -> Vec<&Pattern> {
        match &self.kind {
            PatternKind::Value(_) | PatternKind::Singleton(_) | PatternKind::Star(_) => Vec::new(),
            PatternKind::Sequence(ps) | PatternKind::Or(ps) => ps.iter().collect(),
            PatternKind::Mapping { patterns, .. } => patterns.iter().collect(),
            PatternKind::Class {
                patterns,
                kwd_patterns,
                ..
            } => patterns.iter().chain(kwd_patterns).collect(),
            PatternKind::As(p, _) => p.iter().map(|p| &**p).collect(),
        }
    }

    /// The expressions the pattern evaluates (values, mapping keys, class expressions), its
    /// sub-patterns' included, in source order; walked with an explicit stack.
    pub fn exprs(&self) -> Vec<&Expr> {
        let mut out = Vec::new();
        let mut stack = vec![self];
        while let Some(p) = stack.pop() {
            match &p.kind {
                PatternKind::Value(e) => out.push(e),
                PatternKind::Mapping { keys, .. } => out.extend(keys.iter()),
                PatternKind::Class { cls, .. } => out.push(cls),
                _ => {}
            }
            stack.extend(p.children().into_iter().rev());
        }
        out
    }

    /// The names the pattern binds (captures, `as` targets, `*name`, `**rest`), each with the
    /// line of the pattern that binds it, in the order CPython stores them: source order, an
    /// OR pattern's names in its first alternative's order (every alternative binds the same
    /// names: see `crate::matchcheck`). Walked with an explicit stack.
    ///
    /// ```
    /// use minipy::ast::StmtKind;
    /// let src = "match v:\n    case [x, {'k': y, **rest}] | (y, x, rest) as whole:\n        pass\n";
    /// let prog = minipy::parser::parse_program(src).unwrap();
    /// let StmtKind::Match(_, cases) = &prog[0].kind else { panic!() };
    /// let names: Vec<&str> = cases[0].pattern.bound_names().iter().map(|(n, _)| &***n).collect();
    /// assert_eq!(names, ["x", "y", "rest", "whole"]);
    /// ```
    pub fn bound_names(&self) -> Vec<(&Rc<str>, u32)> {
        enum Item<'a> {
            Visit(&'a Pattern),
            Emit(&'a Rc<str>, u32),
        }
        let mut out = Vec::new();
        let mut stack = vec![Item::Visit(self)];
        while let Some(item) = stack.pop() {
            let p = match item {
                Item::Emit(n, line) => {
                    out.push((n, line));
                    continue;
                }
                Item::Visit(p) => p,
            };
            // A name bound after the sub-patterns (`p as name`, `**rest`) is pushed below them.
            match &p.kind {
                PatternKind::Star(Some(n)) | PatternKind::As(_, Some(n)) => {
                    stack.push(Item::Emit(n, p.line))
                }
                PatternKind::Mapping { rest: Some(n), .. } => stack.push(Item::Emit(n, p.line)),
                PatternKind::Or(alts) => {
                    stack.extend(alts.first().map(Item::Visit));
                    continue;
                }
                _ => {}
            }
            stack.extend(p.children().into_iter().rev().map(Item::Visit));
        }
        out
    }
}

/// One `except` clause.
#[derive(Debug)]
pub struct Handler {
    /// The exception type(s) matched; `None` for a bare `except:`.
    pub ty: Option<Expr>,
    /// The `as name` binding.
    pub name: Option<Rc<str>>,
    /// The handler body.
    pub body: Block,
    /// Line of the `except`.
    pub line: u32,
}

/// A function parameter.
#[derive(Debug)]
pub struct Param {
    /// Parameter name.
    pub name: Rc<str>,
    /// Default value expression, evaluated at definition time.
    pub default: Option<Expr>,
    /// The annotation (`a: int`), evaluated at definition time into `__annotations__`.
    pub annotation: Option<Expr>,
}

/// A function (from `def` or `lambda`) with its scope information.
#[derive(Debug)]
pub struct FuncDef {
    /// The function's name (`<lambda>` for lambdas).
    pub name: Rc<str>,
    /// Ordinary parameters (positional or keyword).
    pub params: Vec<Param>,
    /// How many of `params` are positional-only (before a `/`).
    pub posonly: usize,
    /// Keyword-only parameters (after `*` or `*args`).
    pub kwonly: Vec<Param>,
    /// The return annotation (`-> T`).
    pub returns: Option<Expr>,
    /// The annotations of `*args` and `**kwargs` (`*args: int`).
    pub star_annotations: [Option<Expr>; 2],
    /// `*args` parameter name.
    pub vararg: Option<Rc<str>>,
    /// `**kwargs` parameter name.
    pub kwarg: Option<Rc<str>>,
    /// The body (a lambda's is a single `return`).
    pub body: Block,
    /// Line of the `def`.
    pub line: u32,
    /// The file the function was defined in (named in tracebacks through it).
    pub file: Rc<str>,
    /// Names local to the function (assigned in it and not declared global/nonlocal).
    pub locals: NameSet,
    /// Names declared `global`.
    pub globals: NameSet,
    /// Names declared `nonlocal`.
    pub nonlocals: NameSet,
    /// Names the function (its nested scopes included) uses without binding them: those it
    /// finds in enclosing scopes (see `cells`).
    pub free: NameSet,
    /// Its locals that nested scopes use (CPython's cell variables), `None` when it has no
    /// nested scope. When a call returns, the other locals are unbound, so a closure keeps
    /// only these alive, as in CPython.
    pub cells: Option<NameSet>,
    /// Whether the body has a `yield` (calling the function makes a generator).
    pub is_generator: bool,
    /// Whether it is an `async def` (calling it makes a coroutine).
    pub is_async: bool,
    /// Its compiled form, made on its first call (see `crate::interp::vm`).
    pub vm: crate::interp::vm::CodeCell,
}

/// An expression with its line and cached nesting depth.
#[derive(Debug)]
pub struct Expr {
    /// What the expression is.
    pub kind: ExprKind,
    /// 1-based source line.
    pub line: u32,
    /// 1 + the depth of the deepest child.
    pub depth: u32,
    /// A per-site cache for a name or an attribute: the slot of the scope's (the object's)
    /// attribute map where the name was last found. Only a guess, checked on every use (see
    /// [`crate::value::AttrMap::get_hinted`]).
    pub hint: Cell<u32>,
    /// For a name read in a function body: whether it is one of the function's locals, set
    /// when the definition is parsed (see [`NameScope`]).
    pub scope: Cell<NameScope>,
}

/// What the scope analysis says about a name at one site of a function body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum NameScope {
    /// Not analysed (module and class code, comprehensions, names outside function bodies).
    #[default]
    Unknown,
    /// A local of the function whose body holds the site.
    Local,
    /// Not a local of that function: a global, a builtin or an enclosing function's name.
    Outer,
}

/// Constant literals.
#[derive(Debug, Clone)]
pub enum Const {
    /// `None`.
    None,
    /// `True` / `False`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// An integer literal too big for `i64`.
    BigInt(Rc<str>),
    /// A float.
    Float(f64),
    /// An imaginary literal (`2.5j`): the complex number with this imaginary part.
    Imag(f64),
    /// A string (one string object, shared by every evaluation of the literal).
    Str(crate::value::PyStr),
    /// `...`.
    Ellipsis,
    /// A bytes literal (one bytes object, shared by every evaluation of the literal).
    Bytes(Rc<crate::value::BytesObj>),
    /// A value computed once by constant folding (see `crate::fold`): a big int, a complex
    /// number, a tuple of constants or a frozenset of constants, shared by every evaluation.
    Folded(crate::value::Value),
}

/// Expression kinds.
#[derive(Debug)]
pub enum ExprKind {
    /// A literal.
    Const(Const),
    /// A name.
    Name(Rc<str>),
    /// `a op b`.
    BinOp(BinOp, Box<Expr>, Box<Expr>),
    /// `op a`.
    Unary(UnaryOp, Box<Expr>),
    /// `a and b` (true) / `a or b` (false).
    BoolOp(bool, Box<Expr>, Box<Expr>),
    /// `a < b <= c`.
    Compare(Box<Expr>, Vec<(CmpOp, Expr)>),
    /// `a if cond else b`: (cond, a, b).
    IfExp(Box<Expr>, Box<Expr>, Box<Expr>),
    /// A call.
    Call(Box<Expr>, Vec<Arg>),
    /// `obj.name`.
    Attribute(Box<Expr>, Rc<str>),
    /// `obj[index]`.
    Subscript(Box<Expr>, Box<Expr>),
    /// `lo:hi:step` (only as a subscript index).
    Slice(Option<Box<Expr>>, Option<Box<Expr>>, Option<Box<Expr>>),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `(a, b)`.
    Tuple(Vec<Expr>),
    /// `{k: v}`.
    Dict(Vec<(Expr, Expr)>),
    /// `{a, b}`.
    Set(Vec<Expr>),
    /// `{elt for ...}`.
    SetComp(Box<Expr>, Vec<Comprehension>),
    /// `*x` in a target list or a list display.
    Starred(Box<Expr>),
    /// `lambda params: body`.
    Lambda(Rc<FuncDef>),
    /// `[elt for ...]`.
    ListComp(Box<Expr>, Vec<Comprehension>),
    /// `{k: v for ...}`.
    DictComp(Box<Expr>, Box<Expr>, Vec<Comprehension>),
    /// An f-string.
    FString(Vec<FPart>),
    /// `yield [value]` (only where `crate::yields` allows it).
    Yield(Option<Box<Expr>>),
    /// `yield from iterable`.
    YieldFrom(Box<Expr>),
    /// `await awaitable`.
    Await(Box<Expr>),
    /// A generator expression: the generator function its loops and element were made into
    /// (its one parameter `.0` is the iterator of the first loop), and the first loop's
    /// iterable, which is evaluated where the expression is.
    GenExp(Rc<FuncDef>, Box<Expr>),
    /// `name := value`. The count is how many comprehensions lie between the expression and
    /// the scope it binds `name` in (a comprehension's own scope is skipped, as in CPython);
    /// set while the enclosing comprehensions are parsed.
    NamedExpr(Rc<str>, Box<Expr>, std::cell::Cell<u32>),
}

/// One `for target in iter if cond...` clause of a comprehension.
#[derive(Debug)]
pub struct Comprehension {
    /// Loop target.
    pub target: Expr,
    /// The iterable.
    pub iter: Expr,
    /// Filters.
    pub ifs: Vec<Expr>,
}

/// A piece of an f-string.
#[derive(Debug)]
pub enum FPart {
    /// Literal text.
    Lit(String),
    /// `{expr!conv:spec}`; the spec may hold replacement fields of its own (`{x:{width}}`).
    Expr(Box<Expr>, Option<char>, Vec<FPart>),
}

/// Call arguments.
#[derive(Debug)]
pub enum Arg {
    /// `f(x)`.
    Pos(Expr),
    /// `f(name=x)`.
    Kw(Rc<str>, Expr),
    /// `f(*xs)`.
    Star(Expr),
    /// `f(**kw)`.
    DoubleStar(Expr),
}

/// Binary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinOp {
    /// `+`
    Add,
    /// `-`
    Sub,
    /// `*`
    Mul,
    /// `/`
    Div,
    /// `//`
    FloorDiv,
    /// `%`
    Mod,
    /// `**`
    Pow,
    /// `&`
    BitAnd,
    /// `|`
    BitOr,
    /// `^`
    BitXor,
    /// `<<`
    LShift,
    /// `>>`
    RShift,
}

impl BinOp {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::FloorDiv => "//",
            BinOp::Mod => "%",
            BinOp::Pow => "** or pow()",
            BinOp::BitAnd => "&",
            BinOp::BitOr => "|",
            BinOp::BitXor => "^",
            BinOp::LShift => "<<",
            BinOp::RShift => ">>",
        }
    }

    /// Every binary operator.
    pub const ALL: [BinOp; 12] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::FloorDiv,
        BinOp::Mod,
        BinOp::Pow,
        BinOp::BitAnd,
        BinOp::BitOr,
        BinOp::BitXor,
        BinOp::LShift,
        BinOp::RShift,
    ];

    /// The method of the augmented assignment (`x += y`): `__iadd__`.
    pub fn inplace_dunder(self) -> &'static str {
        match self {
            BinOp::Add => "__iadd__",
            BinOp::Sub => "__isub__",
            BinOp::Mul => "__imul__",
            BinOp::Div => "__itruediv__",
            BinOp::FloorDiv => "__ifloordiv__",
            BinOp::Mod => "__imod__",
            BinOp::Pow => "__ipow__",
            BinOp::BitAnd => "__iand__",
            BinOp::BitOr => "__ior__",
            BinOp::BitXor => "__ixor__",
            BinOp::LShift => "__ilshift__",
            BinOp::RShift => "__irshift__",
        }
    }

    /// The methods that implement the operator, for the left operand and reflected for the
    /// right one: `("__add__", "__radd__")`.
    pub fn dunders(self) -> (&'static str, &'static str) {
        match self {
            BinOp::Add => ("__add__", "__radd__"),
            BinOp::Sub => ("__sub__", "__rsub__"),
            BinOp::Mul => ("__mul__", "__rmul__"),
            BinOp::Div => ("__truediv__", "__rtruediv__"),
            BinOp::FloorDiv => ("__floordiv__", "__rfloordiv__"),
            BinOp::Mod => ("__mod__", "__rmod__"),
            BinOp::Pow => ("__pow__", "__rpow__"),
            BinOp::BitAnd => ("__and__", "__rand__"),
            BinOp::BitOr => ("__or__", "__ror__"),
            BinOp::BitXor => ("__xor__", "__rxor__"),
            BinOp::LShift => ("__lshift__", "__rlshift__"),
            BinOp::RShift => ("__rshift__", "__rrshift__"),
        }
    }
}

/// Unary operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `-x`
    Neg,
    /// `+x`
    Pos,
    /// `not x`
    Not,
    /// `~x`
    Invert,
}

/// Comparison operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `is`
    Is,
    /// `is not`
    IsNot,
    /// `in`
    In,
    /// `not in`
    NotIn,
}

impl CmpOp {
    /// The operator's symbol.
    pub fn symbol(self) -> &'static str {
        match self {
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Lt => "<",
            CmpOp::Le => "<=",
            CmpOp::Gt => ">",
            CmpOp::Ge => ">=",
            CmpOp::Is => "is",
            CmpOp::IsNot => "is not",
            CmpOp::In => "in",
            CmpOp::NotIn => "not in",
        }
    }

    /// The rich comparison method of an equality or ordering operator (`__lt__`); `None` for
    /// `is` and `in`, which have none.
    pub fn dunder(self) -> Option<&'static str> {
        Some(match self {
            CmpOp::Eq => "__eq__",
            CmpOp::Ne => "__ne__",
            CmpOp::Lt => "__lt__",
            CmpOp::Le => "__le__",
            CmpOp::Gt => "__gt__",
            CmpOp::Ge => "__ge__",
            _ => return None,
        })
    }

    /// The operators that have a rich comparison method ([`CmpOp::dunder`]).
    pub const RICH: [CmpOp; 6] = [
        CmpOp::Eq,
        CmpOp::Ne,
        CmpOp::Lt,
        CmpOp::Le,
        CmpOp::Gt,
        CmpOp::Ge,
    ];
}

impl Expr {
    /// Builds an expression, computing its depth from its immediate children.
    pub fn new(kind: ExprKind, line: u32) -> Expr {
        let d = |e: &Expr| e.depth;
        let od = |e: &Option<Box<Expr>>| e.as_ref().map_or(0, |e| e.depth);
        let child = match &kind {
            ExprKind::Const(_) | ExprKind::Name(_) | ExprKind::Lambda(_) => 0,
            ExprKind::BinOp(_, a, b) | ExprKind::BoolOp(_, a, b) => d(a).max(d(b)),
            ExprKind::Unary(_, a) | ExprKind::Starred(a) | ExprKind::Attribute(a, _) => d(a),
            ExprKind::Yield(a) => a.as_ref().map_or(0, |a| d(a)),
            ExprKind::YieldFrom(a) | ExprKind::Await(a) | ExprKind::GenExp(_, a) => d(a),
            ExprKind::Compare(a, rest) => rest.iter().map(|(_, e)| d(e)).fold(d(a), u32::max),
            ExprKind::IfExp(a, b, c) => d(a).max(d(b)).max(d(c)),
            ExprKind::Call(f, args) => args
                .iter()
                .map(|a| match a {
                    Arg::Pos(e) | Arg::Kw(_, e) | Arg::Star(e) | Arg::DoubleStar(e) => d(e),
                })
                .fold(d(f), u32::max),
            ExprKind::Subscript(a, b) => d(a).max(d(b)),
            ExprKind::Slice(a, b, c) => od(a).max(od(b)).max(od(c)),
            ExprKind::List(xs) | ExprKind::Tuple(xs) | ExprKind::Set(xs) => {
                xs.iter().map(d).max().unwrap_or(0)
            }
            ExprKind::Dict(kv) => kv.iter().map(|(k, v)| d(k).max(d(v))).max().unwrap_or(0),
            ExprKind::ListComp(e, cs) | ExprKind::SetComp(e, cs) => comp_depth(cs).max(d(e)),
            ExprKind::DictComp(k, v, cs) => comp_depth(cs).max(d(k)).max(d(v)),
            ExprKind::NamedExpr(_, v, _) => d(v),
            ExprKind::FString(parts) => parts
                .iter()
                .map(|p| match p {
                    FPart::Lit(_) => 0,
                    FPart::Expr(e, _, spec) => spec.iter().fold(d(e), |m, p| match p {
                        FPart::Expr(x, _, _) => m.max(d(x)),
                        FPart::Lit(_) => m,
                    }),
                })
                .max()
                .unwrap_or(0),
        };
        Expr {
            kind,
            line,
            depth: child + 1,
            hint: Cell::new(0),
            scope: Cell::new(NameScope::Unknown),
        }
    }
}

fn comp_depth(cs: &[Comprehension]) -> u32 {
    cs.iter()
        .map(|c| {
            c.ifs
                .iter()
                .map(|e| e.depth)
                .fold(c.target.depth.max(c.iter.depth), u32::max)
        })
        .max()
        .unwrap_or(0)
}

/// Whether CPython 3.11's compiler folds the expression to a constant: a literal, a sign or
/// `~` applied to one, a tuple of such, or an operator applied to two of them (CPython leaves
/// results of more than 128 bits unfolded; minipy does not look that closely).
pub fn is_folded_constant(e: &Expr) -> bool {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        match &e.kind {
            ExprKind::Const(_) => {}
            ExprKind::Unary(UnaryOp::Neg | UnaryOp::Pos | UnaryOp::Invert, x) => stack.push(x),
            ExprKind::Tuple(xs) => stack.extend(xs.iter()),
            ExprKind::BinOp(_, a, b) => {
                stack.push(a);
                stack.push(b);
            }
            _ => return false,
        }
    }
    true
}
