//! An experimental bytecode form of function bodies (see `compile.rs`, `run.rs`).
//!
//! A plain function (not a generator or coroutine, no nested scope, no `nonlocal`, and only
//! the statements and expressions `compile.rs` knows) is compiled on its first call into a
//! flat list of `Op`s for a stack machine whose locals are slots of a vector fixed at
//! compile time (parameters first), instead of names in an environment. Every operation calls
//! the tree evaluator's own functions (binary operators, comparisons, attribute and item
//! access, calls), so semantics and error messages are the tree's; the machine only replaces
//! the tree walk and the name resolution. A function that does not compile runs on the tree.

use std::cell::{Cell, OnceCell};
use std::rc::Rc;

use crate::ast::{BinOp, CmpOp, Expr, UnaryOp};
use crate::value::Value;

mod compile;
mod run;

/// The compiled form of one function, made on its first call (`None`: not eligible, the tree
/// runs it). Held by the function's [`crate::ast::FuncDef`].
#[derive(Default)]
pub struct CodeCell(OnceCell<Option<Rc<Code>>>);

impl std::fmt::Debug for CodeCell {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CodeCell")
    }
}

/// A name site of the compiled code: its name and its slot cache (of an attribute map).
pub(crate) struct Site {
    name: Rc<str>,
    hint: Cell<u32>,
}

/// A compiled function body.
pub(crate) struct Code {
    ops: Vec<Op>,
    /// The name of each local slot (parameters first, in the order of the signature).
    local_names: Vec<Rc<str>>,
    /// How many slots are parameters.
    nparams: usize,
    /// The sites that read names that are not locals (name expressions marked `Outer`, for
    /// the tree's lookup functions).
    globals: Vec<Expr>,
    /// Names declared `global` that the code stores.
    global_stores: Vec<Site>,
    /// Attribute sites (loads, stores, method calls).
    attrs: Vec<Site>,
    /// The constants.
    consts: Vec<Value>,
    /// The keyword names of calls with keyword arguments.
    kwnames: Vec<Vec<Rc<str>>>,
    /// The exception table: the regions of code whose exceptions are caught, innermost
    /// first.
    regions: Vec<Region>,
}

/// Ops `start..end` raise into the handler code at `target`, which finds `iters` iterators
/// live and `excs` exceptions pending below the caught one.
#[derive(Clone, Copy)]
pub(crate) struct Region {
    start: u32,
    end: u32,
    target: u32,
    iters: u32,
    excs: u32,
}

/// One instruction of the stack machine. Jumps name op indices.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Op {
    /// A statement starts on this line: runs pending weak reference callbacks, then sets the
    /// line tracebacks name.
    Line(u32),
    /// Sets the line tracebacks name (an `elif` condition, a `for` loop's next item).
    SetLine(u32),
    LoadLocal(u32),
    StoreLocal(u32),
    /// A name that is not a local, through the tree's lookup (`globals` index).
    LoadGlobal(u32),
    /// A name declared `global` (`globals` index).
    LoadDeclGlobal(u32),
    /// Stores a name declared `global` (`global_stores` index).
    StoreGlobal(u32),
    Const(u32),
    Pop,
    Dup,
    /// Duplicates the top two values.
    Dup2,
    BinOp(BinOp),
    Inplace(BinOp),
    Unary(UnaryOp),
    /// Pops r, l; pushes the comparison as a bool.
    Compare(CmpOp),
    /// A link of a comparison chain: pops r, l; if the comparison holds pushes r, else pushes
    /// `False` and jumps.
    CompareOrJump(CmpOp, u32),
    Jump(u32),
    PopJumpIfFalse(u32),
    PopJumpIfTrue(u32),
    /// `and`: jumps keeping the value if it is false, else pops it.
    JumpIfFalseOrPop(u32),
    /// `or`: jumps keeping the value if it is true, else pops it.
    JumpIfTrueOrPop(u32),
    /// Pops an iterable, pushes its iterator on the iterator stack.
    GetIter,
    /// Pushes the next item of the innermost iterator, or pops the iterator and jumps.
    ForIter(u32),
    /// Drops the innermost iterator (`break` out of a `for`).
    PopIter,
    /// `f(a1..an)`: stack f, a1..an.
    Call(u32),
    /// `f(a.., k=v..)`: stack f, positional, keyword values; `kwnames` index.
    CallKw(u32, u32),
    /// `o.name(a1..an)`: stack o, a1..an; `attrs` index.
    CallMethod(u32, u32),
    /// `o.name(a.., k=v..)`: `attrs` index, positional count, `kwnames` index.
    CallMethodKw(u32, u32, u32),
    /// `o.name`: stack o.
    LoadAttr(u32),
    /// `o.name` through `get_attr` only (augmented assignment).
    GetAttr(u32),
    /// `o.name = v`: stack v, o.
    StoreAttr(u32),
    /// `o.name = v` through `set_attr` only (augmented assignment): stack o, v.
    SetAttr(u32),
    /// `o[i]`: stack o, i.
    Subscr,
    /// `o[lo:hi:step]`: stack o, lo, hi, step (`None` for the omitted ones).
    SliceGet,
    /// `o[i] = v`: stack v, o, i.
    StoreSubscr,
    /// `o[i] = v` (augmented assignment): stack o, i, v.
    SetItem,
    /// `o[lo:hi:step] = v`: stack v, o, lo, hi, step.
    SliceStore,
    /// An f-string's `!r`/`!a` (true) or `!s` (false) conversion of the top value.
    Convert(bool),
    /// Formats an f-string field: stack value and, if true, its spec (a string); pushes the
    /// string `format(value, spec)` gives.
    FormatValue(bool),
    /// Joins the top n strings.
    BuildString(u32),
    BuildTuple(u32),
    BuildList(u32),
    /// `{k: v, ...}`: stack k1, v1, ...
    BuildDict(u32),
    /// Unpacks the top into n values, pushed last first (the first target stores first).
    Unpack(u32),
    Return,
    ReturnNone,
    /// `raise v`.
    Raise,
    /// Bare `raise`.
    Reraise,
    /// A comprehension starts: an empty accumulator (0 list, 1 set, 2 dict) on the
    /// accumulator stack.
    CompStart(u8),
    /// Adds the popped element (a dict comprehension's key and value) to the innermost
    /// accumulator.
    CompAdd,
    /// Pops the innermost accumulator and pushes it as a list, set or dict.
    CompEnd,
    /// A local of the function read in a comprehension: unbound, the name is searched from
    /// the enclosing scope (`globals` index), as the tree's comprehension scope does.
    LoadLocalInComp(u32, u32),
    /// Unbinds a slot (a comprehension's target, when the comprehension ends).
    ClearLocal(u32),
    /// Pops an exception type and jumps unless the pending exception matches it.
    ExcMatch(u32),
    /// Pushes the pending exception's value.
    ExcValue,
    /// The pending exception is being handled (for a bare `raise`).
    PushHandling,
    /// It is no longer.
    PopHandling,
    /// Drops the pending exception (handled).
    PopExc,
    /// No `except` clause matched: raises the pending exception again from its line.
    ReraisePending,
    /// An `except` block raised: raises that exception, with the handled one's traceback if
    /// it is the same exception re-raised.
    HandlerExit,
    /// `assert` failed: raises `AssertionError` with the popped message (with one if true).
    AssertFail(bool),
}

impl CodeCell {
    /// The compiled form of `def`, compiled now if this is its first call and `may_compile`
    /// says there is room on the stack for the compiler's recursion (else the tree runs this
    /// call, and the next call tries again).
    #[inline]
    pub(crate) fn get(
        &self,
        def: &crate::ast::FuncDef,
        may_compile: impl FnOnce() -> bool,
    ) -> Option<&Code> {
        if let Some(c) = self.0.get() {
            return c.as_deref();
        }
        if !may_compile() {
            return None;
        }
        self.0
            .get_or_init(|| compile::compile(def).map(Rc::new))
            .as_deref()
    }
}

/// Whether calls may run compiled code: `MINIPY_VM=0` in the environment turns it off.
pub(crate) fn enabled_by_env() -> bool {
    std::env::var_os("MINIPY_VM").is_none_or(|v| v != "0")
}
