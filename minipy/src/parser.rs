//! A hand-written recursive-descent parser.
//!
//! Recursion is bounded twice over: a nesting counter refuses expressions nested more than
//! [`MAX_NESTING`] levels (CPython says "too many nested parentheses"), and every expression
//! node caches its depth so no tree deeper than [`MAX_EXPR_DEPTH`] is ever built (a chain such
//! as `a+a+...+a` is parsed by a loop but would make a deep tree). Statement nesting is bounded
//! by the lexer's indentation limit. Together these keep both the parser and the evaluator
//! that walks the tree within a small, fixed stack budget, whatever the input.

use std::rc::Rc;

use crate::ast::*;
use crate::lexer::{tokenize, SyntaxError, Tok, Token};

/// Deepest bracket / operator nesting the parser accepts.
pub const MAX_NESTING: usize = 100;
/// Deepest expression tree the parser builds.
pub const MAX_EXPR_DEPTH: u32 = 200;
/// Deepest bracket nesting of a `case` pattern (CPython's tokenizer's limit, `MAXLEVEL`).
/// Patterns are parsed, checked and matched recursively, one level per bracket.
pub const MAX_PATTERN_NESTING: usize = 200;

type PResult<T> = Result<T, SyntaxError>;

/// Parses a whole program into a block of statements (its functions say they come from
/// `<string>`; see [`parse_program_named`]).
pub fn parse_program(src: &str) -> PResult<Block> {
    parse_program_named(src, "<string>")
}

/// Parses a whole program read from `file`, the name its functions give in tracebacks.
///
/// ```
/// use minipy::ast::StmtKind;
/// let prog = minipy::parser::parse_program_named("def f():\n    pass\n", "m.py").unwrap();
/// let StmtKind::FuncDef(def) = &prog[0].kind else { panic!() };
/// assert_eq!(&*def.file, "m.py");
/// ```
pub fn parse_program_named(src: &str, file: &str) -> PResult<Block> {
    let toks = tokenize(src)?;
    let mut p = Parser {
        future_annotations: false,
        toks,
        pos: 0,
        nesting: 0,
        file: Rc::from(file),
    };
    let mut out = Vec::new();
    while !p.at(&Tok::Eof) {
        if p.eat(&Tok::Newline) {
            continue;
        }
        p.statement(&mut out)?;
    }
    crate::yields::check_body(&out, crate::yields::Scope::Module)
        .map_err(|(line, msg)| SyntaxError { msg, line, col: 0 })?;
    crate::matchcheck::check_program(&out)?;
    Ok(out)
}

/// A parsed parameter list.
#[derive(Default)]
struct Signature {
    params: Vec<Param>,
    posonly: usize,
    kwonly: Vec<Param>,
    vararg: Option<Rc<str>>,
    kwarg: Option<Rc<str>>,
    star_annotations: [Option<Expr>; 2],
}

struct Parser {
    /// Whether `from __future__ import annotations` was seen: annotations become strings.
    future_annotations: bool,
    toks: Vec<Token>,
    pos: usize,
    nesting: usize,
    /// The source's file name, given to every function defined in it.
    file: Rc<str>,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.toks[self.pos.min(self.toks.len() - 1)].tok
    }
    fn peek_at(&self, n: usize) -> &Tok {
        &self.toks[(self.pos + n).min(self.toks.len() - 1)].tok
    }
    fn line(&self) -> u32 {
        self.toks[self.pos.min(self.toks.len() - 1)].line
    }
    /// The 0-based column of the next token.
    fn col(&self) -> u32 {
        self.toks[self.pos.min(self.toks.len() - 1)].col
    }
    fn at(&self, t: &Tok) -> bool {
        self.peek() == t
    }
    fn at_op(&self, op: &str) -> bool {
        matches!(self.peek(), Tok::Op(o) if *o == op)
    }
    fn at_kw(&self, kw: &str) -> bool {
        matches!(self.peek(), Tok::Kw(k) if *k == kw)
    }
    fn advance(&mut self) -> Tok {
        let t = self.peek().clone();
        if self.pos < self.toks.len() - 1 {
            self.pos += 1;
        }
        t
    }
    fn eat(&mut self, t: &Tok) -> bool {
        if self.at(t) {
            self.advance();
            true
        } else {
            false
        }
    }
    fn eat_op(&mut self, op: &str) -> bool {
        if self.at_op(op) {
            self.advance();
            true
        } else {
            false
        }
    }
    fn eat_kw(&mut self, kw: &str) -> bool {
        if self.at_kw(kw) {
            self.advance();
            true
        } else {
            false
        }
    }
    fn error<T>(&self, msg: &str) -> PResult<T> {
        let t = &self.toks[self.pos.min(self.toks.len() - 1)];
        let msg = match (&t.tok, msg) {
            (Tok::Indent, "invalid syntax") => "unexpected indent".to_string(),
            (Tok::Eof, "invalid syntax") => "unexpected EOF while parsing".to_string(),
            _ => msg.to_string(),
        };
        Err(SyntaxError {
            msg,
            line: t.line,
            col: t.col,
        })
    }
    fn expect_op(&mut self, op: &str) -> PResult<()> {
        if self.eat_op(op) {
            Ok(())
        } else if op == ":" {
            self.error("expected ':'")
        } else {
            self.error("invalid syntax")
        }
    }
    fn expect_name(&mut self) -> PResult<Rc<str>> {
        match self.peek().clone() {
            Tok::Name(n) => {
                self.advance();
                Ok(n)
            }
            _ => self.error("invalid syntax"),
        }
    }
    fn enter(&mut self) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > MAX_NESTING {
            return self.error("too many nested parentheses");
        }
        Ok(())
    }
    fn leave(&mut self) {
        self.nesting -= 1;
    }
    fn mk(&self, kind: ExprKind, line: u32) -> PResult<Expr> {
        let e = Expr::new(kind, line);
        if e.depth > MAX_EXPR_DEPTH {
            return Err(SyntaxError {
                msg: "expression too deeply nested".into(),
                line,
                col: 0,
            });
        }
        Ok(e)
    }

    // ---------------------------------------------------------------- statements

    fn statement(&mut self, out: &mut Block) -> PResult<()> {
        let line = self.line();
        let kind = match self.peek() {
            Tok::Kw("if") => {
                self.advance();
                let mut branches = Vec::new();
                let cond = self.expr()?;
                let body = self.block()?;
                branches.push((cond, body));
                let mut orelse = None;
                loop {
                    if self.eat_kw("elif") {
                        let c = self.expr()?;
                        let b = self.block()?;
                        branches.push((c, b));
                    } else if self.eat_kw("else") {
                        orelse = Some(self.block()?);
                        break;
                    } else {
                        break;
                    }
                }
                StmtKind::If(branches, orelse)
            }
            Tok::Kw("while") => {
                self.advance();
                let cond = self.expr()?;
                let body = self.block()?;
                let orelse = if self.eat_kw("else") {
                    Some(self.block()?)
                } else {
                    None
                };
                StmtKind::While(cond, body, orelse)
            }
            Tok::Kw("for") => {
                self.advance();
                let target = self.target_list()?;
                if !self.eat_kw("in") {
                    return self.error("invalid syntax");
                }
                let iter = self.exprlist()?;
                let body = self.block()?;
                let orelse = if self.eat_kw("else") {
                    Some(self.block()?)
                } else {
                    None
                };
                StmtKind::For(target, iter, body, orelse)
            }
            Tok::Kw("try") => {
                self.advance();
                let body = self.block()?;
                let mut handlers = Vec::new();
                while self.at_kw("except") {
                    let hline = self.line();
                    self.advance();
                    if self.at_op("*") {
                        return self.error("not supported by minipy: exception groups (except*)");
                    }
                    let mut ty = None;
                    let mut name = None;
                    if !self.at_op(":") {
                        ty = Some(self.expr()?);
                        if self.eat_kw("as") {
                            name = Some(self.expect_name()?);
                        }
                    }
                    let hbody = self.block()?;
                    handlers.push(Handler {
                        ty,
                        name,
                        body: hbody,
                        line: hline,
                    });
                }
                let orelse = if !handlers.is_empty() && self.eat_kw("else") {
                    Some(self.block()?)
                } else {
                    None
                };
                let finally = if self.eat_kw("finally") {
                    Some(self.block()?)
                } else {
                    None
                };
                if handlers.is_empty() && finally.is_none() {
                    return self.error("expected 'except' or 'finally' block");
                }
                StmtKind::Try {
                    body,
                    handlers,
                    orelse,
                    finally,
                }
            }
            Tok::Kw("async") if matches!(self.peek_at(1), Tok::Kw("def")) => {
                self.advance();
                return self.def_statement(out, line, true);
            }
            Tok::Kw("def") => return self.def_statement(out, line, false),
            Tok::Kw("class") => {
                self.advance();
                let name = self.expect_name()?;
                let mut bases = Vec::new();
                let mut keywords = Vec::new();
                if self.eat_op("(") {
                    while !self.at_op(")") {
                        if matches!(self.peek(), Tok::Name(_))
                            && matches!(self.peek_at(1), Tok::Op("="))
                        {
                            let k = self.expect_name()?;
                            self.advance();
                            keywords.push((k, self.expr()?));
                        } else if !keywords.is_empty() {
                            return self.error("positional argument follows keyword argument");
                        } else {
                            bases.push(self.expr()?);
                        }
                        if !self.eat_op(",") {
                            break;
                        }
                    }
                    self.expect_op(")")?;
                }
                let body = self.block()?;
                // A class body is not a function: a `yield` or `await` in it is misplaced.
                crate::yields::check_body(&body, crate::yields::Scope::Module)
                    .map_err(|(line, msg)| SyntaxError { msg, line, col: 0 })?;
                StmtKind::ClassDef {
                    name,
                    bases,
                    keywords,
                    body: Rc::new(body),
                }
            }
            Tok::Op("@") => {
                let mut decorators = Vec::new();
                while self.eat_op("@") {
                    decorators.push(self.expr()?);
                    if !self.eat(&Tok::Newline) {
                        return self.error("invalid syntax");
                    }
                    while self.eat(&Tok::Newline) {}
                }
                if !self.at_kw("def") && !self.at_kw("class") && !self.at_kw("async") {
                    return self.error("invalid syntax");
                }
                let mut inner = Vec::new();
                self.statement(&mut inner)?;
                let Some(def) = inner.pop() else {
                    return self.error("invalid syntax");
                };
                StmtKind::Decorated(decorators, Box::new(def))
            }
            Tok::Kw("with") => {
                self.advance();
                let items = self.with_items()?;
                let body = self.block()?;
                StmtKind::With(items, body)
            }
            Tok::Indent => return self.error("unexpected indent"),
            Tok::Kw("async") => {
                return self.error("not supported by minipy: async with and async for")
            }
            // `match` is a soft keyword: see `match_or_simple`.
            Tok::Name(n) if &**n == "match" => return self.match_or_simple(out, line),
            _ => return self.simple_statements(out),
        };
        out.push(Stmt { kind, line });
        Ok(())
    }

    /// A line starting with the soft keyword `match` (at `match`). It is a match statement
    /// when a subject, a `:` and a newline follow (nothing else can be), as CPython's grammar
    /// tries `match_stmt` first; otherwise ordinary statements (`match = 3`, `match(x)`,
    /// `match.group(1)`). CPython's one special message: `match x` and a newline is "expected
    /// ':'" when the line is no ordinary statement either.
    fn match_or_simple(&mut self, out: &mut Block, line: u32) -> PResult<()> {
        let (start, nesting) = (self.pos, self.nesting);
        self.advance();
        let subject = self.exprlist_star().ok();
        let after_subject = self.pos;
        if let Some(subject) = subject {
            if self.at_op(":") && matches!(self.peek_at(1), Tok::Newline) {
                if matches!(subject.kind, ExprKind::Starred(_)) {
                    // `match *x:` (a starred subject needs a comma).
                    return self.error("invalid syntax");
                }
                self.advance();
                self.advance();
                let cases = self.match_cases(line)?;
                out.push(Stmt {
                    kind: StmtKind::Match(subject, cases),
                    line,
                });
                return Ok(());
            }
            let at_newline = matches!(self.peek(), Tok::Newline | Tok::Eof);
            let at_colon = self.at_op(":");
            self.pos = start;
            self.nesting = nesting;
            let r = self.simple_statements(out);
            if let Err(e) = &r {
                if at_newline {
                    self.pos = after_subject;
                    return self.error("expected ':'");
                }
                // CPython reports where its parser got furthest: for `match x y` or
                // `match x: pass` that is in the match statement it tried (at `y`, `pass`).
                let at = if at_colon {
                    after_subject + 1
                } else {
                    after_subject
                };
                let t = &self.toks[at.min(self.toks.len() - 1)];
                if e.msg == "invalid syntax" && (t.line, t.col) > (e.line, e.col) {
                    self.pos = at;
                    return self.error("invalid syntax");
                }
            }
            return r;
        }
        self.pos = start;
        self.nesting = nesting;
        self.simple_statements(out)
    }

    /// The indented `case` blocks of a match statement (after its `:` and newline).
    fn match_cases(&mut self, match_line: u32) -> PResult<Vec<MatchCase>> {
        if !self.eat(&Tok::Indent) {
            return self.error(&format!(
                "expected an indented block after 'match' statement on line {match_line}"
            ));
        }
        let mut cases = Vec::new();
        loop {
            if self.eat(&Tok::Newline) {
                continue;
            }
            if self.eat(&Tok::Dedent) || self.at(&Tok::Eof) {
                break;
            }
            if !matches!(self.peek(), Tok::Name(n) if &**n == "case") {
                return self.error("invalid syntax");
            }
            let case_line = self.line();
            self.advance();
            let pattern = self.case_patterns()?;
            let guard = if self.eat_kw("if") {
                Some(self.expr()?)
            } else {
                None
            };
            if !self.at_op(":") && !self.at(&Tok::Newline) {
                return self.error("invalid syntax");
            }
            let body = self.block_after(Some(("case", case_line)))?;
            cases.push(MatchCase {
                pattern,
                guard,
                body,
            });
        }
        Ok(cases)
    }

    /// The pattern of a `case`: an open sequence pattern (`case a, *rest:`) or one pattern.
    fn case_patterns(&mut self) -> PResult<Pattern> {
        let (line, col) = (self.line(), self.col());
        let first = self.maybe_star_pattern()?;
        if !self.at_op(",") {
            if matches!(first.kind, PatternKind::Star(_)) {
                return self.error("invalid syntax");
            }
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(":") || self.at_kw("if") {
                break;
            }
            items.push(self.maybe_star_pattern()?);
        }
        Ok(Pattern {
            kind: PatternKind::Sequence(items),
            line,
            col,
        })
    }

    /// An item of a sequence pattern: `*name`, `*_` or a pattern.
    fn maybe_star_pattern(&mut self) -> PResult<Pattern> {
        let (line, col) = (self.line(), self.col());
        if !self.eat_op("*") {
            return self.pattern();
        }
        let Tok::Name(name) = self.peek().clone() else {
            return self.error("invalid syntax");
        };
        self.advance();
        self.capture_must_end()?;
        let name = (&*name != "_").then_some(name);
        Ok(Pattern {
            kind: PatternKind::Star(name),
            line,
            col,
        })
    }

    /// A capture target may not be followed by `.`, `(` or `=` (CPython's
    /// `pattern_capture_target`).
    fn capture_must_end(&self) -> PResult<()> {
        if self.at_op(".") || self.at_op("(") || self.at_op("=") {
            return self.error("invalid syntax");
        }
        Ok(())
    }

    /// `pattern`: an OR pattern, optionally `as name`. A pattern nests in another only
    /// inside brackets, each of which counts against [`MAX_PATTERN_NESTING`].
    fn pattern(&mut self) -> PResult<Pattern> {
        let (line, col) = (self.line(), self.col());
        let p = self.or_pattern()?;
        if !self.eat_kw("as") {
            return Ok(p);
        }
        match self.peek().clone() {
            Tok::Name(n) if &*n == "_" => self.error("cannot use '_' as a target"),
            Tok::Name(n) => {
                self.advance();
                self.capture_must_end()?;
                Ok(Pattern {
                    kind: PatternKind::As(Some(Box::new(p)), Some(n)),
                    line,
                    col,
                })
            }
            Tok::Newline | Tok::Eof | Tok::Op(":") => self.error("invalid syntax"),
            _ => self.error("invalid pattern target"),
        }
    }

    /// `closed_pattern ('|' closed_pattern)*`
    fn or_pattern(&mut self) -> PResult<Pattern> {
        let (line, col) = (self.line(), self.col());
        let first = self.closed_pattern()?;
        if !self.at_op("|") {
            return Ok(first);
        }
        let mut alts = vec![first];
        while self.eat_op("|") {
            alts.push(self.closed_pattern()?);
        }
        Ok(Pattern {
            kind: PatternKind::Or(alts),
            line,
            col,
        })
    }

    /// A literal, capture, wildcard, value, group, sequence, mapping or class pattern.
    fn closed_pattern(&mut self) -> PResult<Pattern> {
        let bracket = self.at_op("(") || self.at_op("[") || self.at_op("{");
        if bracket {
            self.enter_pattern_bracket()?;
        }
        let r = self.closed_pattern_inner();
        if bracket {
            self.leave();
        }
        r
    }

    /// One more bracket of a pattern (at it): CPython's tokenizer allows 200 levels.
    fn enter_pattern_bracket(&mut self) -> PResult<()> {
        self.nesting += 1;
        if self.nesting > MAX_PATTERN_NESTING {
            return self.error("too many nested parentheses");
        }
        Ok(())
    }

    fn closed_pattern_inner(&mut self) -> PResult<Pattern> {
        let (line, col) = (self.line(), self.col());
        let kind = match self.peek().clone() {
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Op("-") => {
                PatternKind::Value(self.number_pattern()?)
            }
            Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_) => PatternKind::Value(self.strings()?),
            Tok::Kw(k @ ("None" | "True" | "False")) => {
                self.advance();
                PatternKind::Singleton(match k {
                    "None" => Const::None,
                    k => Const::Bool(k == "True"),
                })
            }
            Tok::Name(n) => {
                self.advance();
                let mut e = self.mk(ExprKind::Name(n.clone()), line)?;
                let mut dotted = false;
                while self.eat_op(".") {
                    let attr = self.expect_name()?;
                    e = self.mk(ExprKind::Attribute(Box::new(e), attr), line)?;
                    dotted = true;
                }
                if self.at_op("(") {
                    self.class_pattern(e)?
                } else if dotted {
                    self.capture_must_end()?;
                    PatternKind::Value(e)
                } else {
                    self.capture_must_end()?;
                    PatternKind::As(None, (&*n != "_").then_some(n))
                }
            }
            Tok::Op("(") => {
                self.advance();
                if self.eat_op(")") {
                    PatternKind::Sequence(Vec::new())
                } else {
                    let first = self.maybe_star_pattern()?;
                    if !self.at_op(",") {
                        if matches!(first.kind, PatternKind::Star(_)) {
                            return self.error("invalid syntax");
                        }
                        // A group pattern is the pattern it holds.
                        self.expect_op(")")?;
                        return Ok(first);
                    }
                    let items = self.sequence_items(vec![first], ")")?;
                    PatternKind::Sequence(items)
                }
            }
            Tok::Op("[") => {
                self.advance();
                let items = self.sequence_items(Vec::new(), "]")?;
                PatternKind::Sequence(items)
            }
            Tok::Op("{") => {
                self.advance();
                self.mapping_pattern()?
            }
            _ => return self.error("invalid syntax"),
        };
        Ok(Pattern { kind, line, col })
    }

    /// The rest of a sequence pattern's items, after `items`, up to and including `close`.
    fn sequence_items(&mut self, mut items: Vec<Pattern>, close: &str) -> PResult<Vec<Pattern>> {
        if !items.is_empty() && !self.eat_op(",") {
            self.expect_op(close)?;
            return Ok(items);
        }
        while !self.at_op(close) {
            items.push(self.maybe_star_pattern()?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(close)?;
        Ok(items)
    }

    /// A number pattern: `NUMBER`, `-NUMBER`, or a complex literal `[-]REAL (+|-) IMAG`.
    fn number_pattern(&mut self) -> PResult<Expr> {
        let (line, col) = (self.line(), self.col());
        let neg = self.eat_op("-");
        let imag = match self.peek() {
            Tok::Imag(_) => true,
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) => false,
            _ => return self.error("invalid syntax"),
        };
        let mut value = self.atom()?;
        if neg {
            value = match value.kind {
                ExprKind::Const(Const::Int(v)) if v.checked_neg().is_some() => {
                    self.mk(ExprKind::Const(Const::Int(-v)), line)?
                }
                ExprKind::Const(Const::BigInt(ref s)) if &**s == "9223372036854775808" => {
                    self.mk(ExprKind::Const(Const::Int(i64::MIN)), line)?
                }
                ExprKind::Const(Const::Float(f)) => {
                    self.mk(ExprKind::Const(Const::Float(-f)), line)?
                }
                _ => self.mk(ExprKind::Unary(UnaryOp::Neg, Box::new(value)), line)?,
            };
        }
        let op = match self.peek() {
            Tok::Op("+") => BinOp::Add,
            Tok::Op("-") => BinOp::Sub,
            _ => return Ok(value),
        };
        if imag {
            return Err(SyntaxError {
                msg: "real number required in complex literal".into(),
                line,
                col,
            });
        }
        self.advance();
        match self.peek() {
            Tok::Imag(_) => {}
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) => {
                return self.error("imaginary number required in complex literal")
            }
            _ => return self.error("invalid syntax"),
        }
        let im = self.atom()?;
        self.mk(ExprKind::BinOp(op, Box::new(value), Box::new(im)), line)
    }

    /// `Cls(p, q, attr=r)` (at the `(`).
    fn class_pattern(&mut self, cls: Expr) -> PResult<PatternKind> {
        self.enter_pattern_bracket()?;
        let r = self.class_pattern_inner(cls);
        self.leave();
        r
    }

    fn class_pattern_inner(&mut self, cls: Expr) -> PResult<PatternKind> {
        self.expect_op("(")?;
        let mut patterns = Vec::new();
        let mut kwd_attrs = Vec::new();
        let mut kwd_patterns = Vec::new();
        while !self.at_op(")") {
            if let (Tok::Name(n), Tok::Op("=")) = (self.peek().clone(), self.peek_at(1)) {
                self.advance();
                self.advance();
                kwd_attrs.push(n);
                kwd_patterns.push(self.pattern()?);
            } else {
                let p = self.pattern()?;
                if !kwd_attrs.is_empty() {
                    return Err(SyntaxError {
                        msg: "positional patterns follow keyword patterns".into(),
                        line: p.line,
                        col: p.col,
                    });
                }
                patterns.push(p);
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op(")")?;
        Ok(PatternKind::Class {
            cls,
            patterns,
            kwd_attrs,
            kwd_patterns,
        })
    }

    /// The rest of a mapping pattern (after the `{`): `key: pattern` items and an optional
    /// last `**rest`.
    fn mapping_pattern(&mut self) -> PResult<PatternKind> {
        let mut keys = Vec::new();
        let mut patterns = Vec::new();
        let mut rest = None;
        while !self.at_op("}") {
            if self.eat_op("**") {
                match self.peek().clone() {
                    Tok::Name(n) if &*n != "_" => {
                        self.advance();
                        self.capture_must_end()?;
                        rest = Some(n);
                    }
                    _ => return self.error("invalid syntax"),
                }
                self.eat_op(",");
                break;
            }
            keys.push(self.mapping_key()?);
            if !self.eat_op(":") {
                return self.error("invalid syntax");
            }
            patterns.push(self.pattern()?);
            if !self.eat_op(",") {
                break;
            }
        }
        self.expect_op("}")?;
        Ok(PatternKind::Mapping {
            keys,
            patterns,
            rest,
        })
    }

    /// A mapping pattern's key: a literal (as in a literal pattern) or a dotted name.
    fn mapping_key(&mut self) -> PResult<Expr> {
        let line = self.line();
        match self.peek().clone() {
            Tok::Int(_) | Tok::BigInt(_) | Tok::Float(_) | Tok::Imag(_) | Tok::Op("-") => {
                self.number_pattern()
            }
            Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_) => self.strings(),
            Tok::Kw("None" | "True" | "False") => self.atom(),
            Tok::Name(n) => {
                self.advance();
                let mut e = self.mk(ExprKind::Name(n), line)?;
                if !self.at_op(".") {
                    return self.error("invalid syntax");
                }
                while self.eat_op(".") {
                    let attr = self.expect_name()?;
                    e = self.mk(ExprKind::Attribute(Box::new(e), attr), line)?;
                }
                Ok(e)
            }
            _ => self.error("invalid syntax"),
        }
    }

    /// `[async] def name(params) [-> annotation]: block` (the `def` not yet eaten).
    fn def_statement(&mut self, out: &mut Block, line: u32, is_async: bool) -> PResult<()> {
        self.advance();
        let name = self.expect_name()?;
        self.expect_op("(")?;
        let sig = self.params(")")?;
        self.expect_op(")")?;
        let returns = if self.eat_op("->") {
            let e = self.expr()?;
            Some(self.maybe_stringify(e)?)
        } else {
            None
        };
        let body = self.block()?;
        let file = self.file.clone();
        let mut def = make_func(name, sig, returns, body, line, file);
        def.is_async = is_async;
        self.check_func(&def)?;
        out.push(Stmt {
            kind: StmtKind::FuncDef(Rc::new(def)),
            line,
        });
        Ok(())
    }

    /// Refuses a `yield` or `await` where minipy (or Python) does not allow it in `def`.
    fn check_func(&self, def: &FuncDef) -> PResult<()> {
        let scope = if def.is_async {
            crate::yields::Scope::AsyncFunction
        } else {
            crate::yields::Scope::Function
        };
        crate::yields::check_body(&def.body, scope).map_err(|(line, msg)| SyntaxError {
            msg,
            line,
            col: 0,
        })
    }

    /// `yield [exprlist]` or `yield from expr` (the `yield` not yet eaten).
    fn yield_expr(&mut self) -> PResult<Expr> {
        let line = self.line();
        self.advance();
        if self.eat_kw("from") {
            let e = self.expr()?;
            return self.mk(ExprKind::YieldFrom(Box::new(e)), line);
        }
        if self.at_end_of_simple() || self.at_op(")") || self.at_op("=") {
            return self.mk(ExprKind::Yield(None), line);
        }
        let e = self.exprlist_star()?;
        self.mk(ExprKind::Yield(Some(Box::new(e))), line)
    }

    /// A generator expression `(elt for ... )` whose clauses are `comps`: made into a
    /// generator function `<genexpr>` whose parameter `.0` is the first loop's iterator.
    fn genexp(&mut self, elt: Expr, comps: Vec<Comprehension>, line: u32) -> PResult<Expr> {
        let mut comps = comps;
        // The generator function would give a `:=` its own scope, where CPython binds the
        // enclosing one.
        if has_walrus(&elt) || comps.iter().flat_map(|c| &c.ifs).any(has_walrus) {
            return self.error(
                "not supported by minipy: assignment expressions (:=) in generator expressions",
            );
        }
        let first_iter = std::mem::replace(
            &mut comps[0].iter,
            self.mk(ExprKind::Name(Rc::from(".0")), line)?,
        );
        let yield_elt = self.mk(ExprKind::Yield(Some(Box::new(elt))), line)?;
        let mut body = vec![Stmt {
            kind: StmtKind::Expr(yield_elt),
            line,
        }];
        for c in comps.into_iter().rev() {
            for cond in c.ifs.into_iter().rev() {
                body = vec![Stmt {
                    kind: StmtKind::If(vec![(cond, body)], None),
                    line,
                }];
            }
            body = vec![Stmt {
                kind: StmtKind::For(c.target, c.iter, body, None),
                line,
            }];
        }
        let sig = Signature {
            params: vec![Param {
                name: Rc::from(".0"),
                default: None,
                annotation: None,
            }],
            ..Signature::default()
        };
        let def = make_func(
            Rc::from("<genexpr>"),
            sig,
            None,
            body,
            line,
            self.file.clone(),
        );
        self.check_func(&def)?;
        self.mk(ExprKind::GenExp(Rc::new(def), Box::new(first_iter)), line)
    }

    /// The items of a `with` statement: `expr [as target]`, comma separated, optionally in
    /// parentheses.
    fn with_items(&mut self) -> PResult<Vec<(Expr, Option<Expr>)>> {
        if self.at_op("(") {
            let save = self.pos;
            self.advance();
            if let Ok(items) = self.with_item_list(")") {
                if self.eat_op(")") && self.at_op(":") {
                    return Ok(items);
                }
            }
            self.pos = save;
        }
        self.with_item_list(":")
    }

    fn with_item_list(&mut self, close: &str) -> PResult<Vec<(Expr, Option<Expr>)>> {
        let mut items = Vec::new();
        loop {
            let e = self.expr()?;
            let target = if self.eat_kw("as") {
                Some(self.target_atom()?)
            } else {
                None
            };
            items.push((e, target));
            if !self.eat_op(",") || self.at_op(close) {
                break;
            }
        }
        Ok(items)
    }

    /// `simple (';' simple)* NEWLINE`
    fn simple_statements(&mut self, out: &mut Block) -> PResult<()> {
        loop {
            let line = self.line();
            let kind = self.simple()?;
            out.push(Stmt { kind, line });
            if self.eat_op(";") {
                if self.at(&Tok::Newline) || self.at(&Tok::Eof) {
                    break;
                }
                continue;
            }
            break;
        }
        if self.eat(&Tok::Newline) || self.at(&Tok::Eof) {
            Ok(())
        } else {
            self.error("invalid syntax")
        }
    }

    fn simple(&mut self) -> PResult<StmtKind> {
        Ok(match self.peek().clone() {
            Tok::Kw("pass") => {
                self.advance();
                StmtKind::Pass
            }
            Tok::Kw("break") => {
                self.advance();
                StmtKind::Break
            }
            Tok::Kw("continue") => {
                self.advance();
                StmtKind::Continue
            }
            Tok::Kw("return") => {
                self.advance();
                if self.at_end_of_simple() {
                    StmtKind::Return(None)
                } else {
                    StmtKind::Return(Some(self.exprlist()?))
                }
            }
            Tok::Kw("raise") => {
                self.advance();
                if self.at_end_of_simple() {
                    StmtKind::Raise(None, None)
                } else {
                    let e = self.expr()?;
                    let cause = if self.eat_kw("from") {
                        Some(self.expr()?)
                    } else {
                        None
                    };
                    StmtKind::Raise(Some(e), cause)
                }
            }
            Tok::Kw("global") | Tok::Kw("nonlocal") => {
                let is_global = self.at_kw("global");
                self.advance();
                let mut names = vec![self.expect_name()?];
                while self.eat_op(",") {
                    names.push(self.expect_name()?);
                }
                if is_global {
                    StmtKind::Global(names)
                } else {
                    StmtKind::Nonlocal(names)
                }
            }
            Tok::Kw("del") => {
                self.advance();
                let t = self.target_list()?;
                match t.kind {
                    ExprKind::Tuple(xs) => StmtKind::Del(xs),
                    _ => StmtKind::Del(vec![t]),
                }
            }
            Tok::Kw("assert") => {
                self.advance();
                let test = self.expr()?;
                let msg = if self.eat_op(",") {
                    Some(self.expr()?)
                } else {
                    None
                };
                StmtKind::Assert(test, msg)
            }
            Tok::Kw("import") => {
                self.advance();
                let mut items = Vec::new();
                loop {
                    let mut name = self.expect_name()?.to_string();
                    while self.eat_op(".") {
                        name.push('.');
                        name.push_str(&self.expect_name()?);
                    }
                    let alias = if self.eat_kw("as") {
                        Some(self.expect_name()?)
                    } else {
                        None
                    };
                    items.push((Rc::from(name.as_str()), alias));
                    if !self.eat_op(",") {
                        break;
                    }
                }
                StmtKind::Import(items)
            }
            Tok::Kw("from") => {
                self.advance();
                let mut module = self.expect_name()?.to_string();
                while self.eat_op(".") {
                    module.push('.');
                    module.push_str(&self.expect_name()?);
                }
                if !self.eat_kw("import") {
                    return self.error("invalid syntax");
                }
                let paren = self.eat_op("(");
                let mut items = Vec::new();
                loop {
                    if self.eat_op("*") {
                        items.push((Rc::from("*"), None));
                    } else {
                        let n = self.expect_name()?;
                        let alias = if self.eat_kw("as") {
                            Some(self.expect_name()?)
                        } else {
                            None
                        };
                        items.push((n, alias));
                    }
                    if !self.eat_op(",") || (paren && self.at_op(")")) {
                        break;
                    }
                }
                if paren {
                    self.expect_op(")")?;
                }
                if module == "__future__" && items.iter().any(|(n, _)| &**n == "annotations") {
                    self.future_annotations = true;
                }
                StmtKind::FromImport(Rc::from(module.as_str()), items)
            }
            _ => {
                let parenthesized = self.at_op("(");
                let first = if self.at_kw("yield") {
                    self.yield_expr()?
                } else {
                    self.exprlist_star()?
                };
                if !parenthesized && matches!(first.kind, ExprKind::NamedExpr(..)) {
                    // CPython: an unparenthesized `x := v` is no statement.
                    return Err(self.err_at(&first, "invalid syntax".into()));
                }
                if self.at_op(":") {
                    self.advance();
                    match &first.kind {
                        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => {}
                        ExprKind::Tuple(_) => {
                            return Err(self.err_at(
                                &first,
                                "only single target (not tuple) can be annotated".into(),
                            ))
                        }
                        _ => {
                            return Err(self.err_at(&first, "illegal target for annotation".into()))
                        }
                    }
                    let ann = self.expr()?;
                    let ann = self.maybe_stringify(ann)?;
                    let value = if self.eat_op("=") {
                        Some(self.exprlist_star()?)
                    } else {
                        None
                    };
                    StmtKind::AnnAssign(first, ann, value)
                } else if let Some(op) = self.aug_op() {
                    self.advance();
                    check_target(&first, true).map_err(|m| self.err_at(&first, m))?;
                    let value = if self.at_kw("yield") {
                        self.yield_expr()?
                    } else {
                        self.exprlist()?
                    };
                    StmtKind::AugAssign(first, op, value)
                } else if self.at_op("=") {
                    let mut targets = vec![first];
                    let mut value;
                    loop {
                        self.advance();
                        value = if self.at_kw("yield") {
                            self.yield_expr()?
                        } else {
                            self.exprlist_star()?
                        };
                        if !self.at_op("=") {
                            break;
                        }
                        targets.push(value);
                    }
                    for t in &targets {
                        check_target(t, false).map_err(|m| self.err_at(t, m))?;
                    }
                    StmtKind::Assign(targets, value)
                } else {
                    StmtKind::Expr(first)
                }
            }
        })
    }

    fn err_at(&self, e: &Expr, msg: String) -> SyntaxError {
        SyntaxError {
            msg,
            line: e.line,
            col: 0,
        }
    }

    fn at_end_of_simple(&self) -> bool {
        matches!(self.peek(), Tok::Newline | Tok::Eof) || self.at_op(";")
    }

    fn aug_op(&self) -> Option<BinOp> {
        let Tok::Op(o) = self.peek() else { return None };
        Some(match *o {
            "+=" => BinOp::Add,
            "-=" => BinOp::Sub,
            "*=" => BinOp::Mul,
            "/=" => BinOp::Div,
            "//=" => BinOp::FloorDiv,
            "%=" => BinOp::Mod,
            "**=" => BinOp::Pow,
            "&=" => BinOp::BitAnd,
            "|=" => BinOp::BitOr,
            "^=" => BinOp::BitXor,
            "<<=" => BinOp::LShift,
            ">>=" => BinOp::RShift,
            _ => return None,
        })
    }

    /// `':' (simple_statements | NEWLINE INDENT statement+ DEDENT)`
    fn block(&mut self) -> PResult<Block> {
        self.block_after(None)
    }

    /// A block; `after` names the statement that opens it (`("case", line)`) for CPython's
    /// message when the indented block is missing.
    fn block_after(&mut self, after: Option<(&str, u32)>) -> PResult<Block> {
        self.expect_op(":")?;
        let mut out = Vec::new();
        if self.eat(&Tok::Newline) {
            if !self.eat(&Tok::Indent) {
                return match after {
                    Some((what, line)) => self.error(&format!(
                        "expected an indented block after '{what}' statement on line {line}"
                    )),
                    None => self.error("expected an indented block"),
                };
            }
            while !self.eat(&Tok::Dedent) {
                if self.at(&Tok::Eof) {
                    break;
                }
                if self.eat(&Tok::Newline) {
                    continue;
                }
                self.statement(&mut out)?;
            }
        } else {
            self.simple_statements(&mut out)?;
        }
        Ok(out)
    }

    /// Parameters of a `def` (up to `close`) or a `lambda` (up to `:`, no annotations).
    fn params(&mut self, close: &str) -> PResult<Signature> {
        let mut sig = Signature::default();
        // Whether a bare `*` or `*args` was seen: later names are keyword-only.
        let mut star = false;
        let mut names: Vec<Rc<str>> = Vec::new();
        let mut dup = |p: &Parser, name: &Rc<str>| -> PResult<()> {
            if names.contains(name) {
                return p.error(&format!(
                    "duplicate argument '{name}' in function definition"
                ));
            }
            names.push(name.clone());
            Ok(())
        };
        while !self.at_op(close) {
            if sig.kwarg.is_some() {
                return self.error("arguments cannot follow var-keyword argument");
            }
            if self.eat_op("**") {
                // Checked at the name, where CPython's caret points.
                if let Tok::Name(n) = self.peek().clone() {
                    dup(self, &n)?;
                }
                let name = self.expect_name()?;
                sig.star_annotations[1] = self.annotation(close)?;
                sig.kwarg = Some(name);
            } else if self.at_op("*") {
                if star {
                    return self.error("* argument may appear only once");
                }
                self.advance();
                star = true;
                if let Tok::Name(_) = self.peek() {
                    if let Tok::Name(n) = self.peek().clone() {
                        dup(self, &n)?;
                    }
                    let name = self.expect_name()?;
                    sig.star_annotations[0] = self.annotation(close)?;
                    sig.vararg = Some(name);
                } else if self.at_op(close)
                    || self.at_op(",") && matches!(self.peek_at(1), Tok::Op(o) if *o == close)
                {
                    return self.error("named arguments must follow bare *");
                }
            } else if self.eat_op("/") {
                if star || sig.posonly > 0 || sig.params.is_empty() {
                    return self.error("invalid syntax");
                }
                sig.posonly = sig.params.len();
            } else {
                // Checked at the name, where CPython's caret points.
                if let Tok::Name(n) = self.peek().clone() {
                    dup(self, &n)?;
                }
                let name = self.expect_name()?;
                let annotation = self.annotation(close)?;
                let default = if self.eat_op("=") {
                    Some(self.expr()?)
                } else {
                    None
                };
                if star {
                    sig.kwonly.push(Param {
                        name,
                        default,
                        annotation,
                    });
                } else {
                    if default.is_none() && sig.params.last().is_some_and(|p| p.default.is_some()) {
                        return self.error("non-default argument follows default argument");
                    }
                    sig.params.push(Param {
                        name,
                        default,
                        annotation,
                    });
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(sig)
    }

    /// `: annotation` after a parameter of a `def` (a string under `from __future__ import
    /// annotations`).
    fn annotation(&mut self, close: &str) -> PResult<Option<Expr>> {
        if close == ")" && self.eat_op(":") {
            let e = self.expr()?;
            return Ok(Some(self.maybe_stringify(e)?));
        }
        Ok(None)
    }

    /// Under `from __future__ import annotations`, an annotation is kept as its source text.
    fn maybe_stringify(&self, e: Expr) -> PResult<Expr> {
        if !self.future_annotations {
            return Ok(e);
        }
        let text = crate::unparse::unparse(&e);
        self.mk(ExprKind::Const(Const::Str(text.as_str().into())), e.line)
    }

    // ---------------------------------------------------------------- expressions

    /// Comma-separated expressions; a tuple if there is a comma.
    fn exprlist(&mut self) -> PResult<Expr> {
        self.exprlist_inner(false)
    }
    fn exprlist_star(&mut self) -> PResult<Expr> {
        self.exprlist_inner(true)
    }
    fn exprlist_inner(&mut self, star: bool) -> PResult<Expr> {
        let line = self.line();
        let first = if star {
            self.star_or_expr()?
        } else {
            self.expr()?
        };
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_expr_end() {
                break;
            }
            items.push(if star {
                self.star_or_expr()?
            } else {
                self.expr()?
            });
        }
        self.mk(ExprKind::Tuple(items), line)
    }

    fn at_expr_end(&self) -> bool {
        match self.peek() {
            Tok::Newline | Tok::Eof => true,
            Tok::Op(o) => {
                matches!(*o, "=" | ")" | "]" | "}" | ":" | ";") || self.aug_op().is_some()
            }
            Tok::Kw(k) => matches!(*k, "in"),
            _ => false,
        }
    }

    fn star_or_expr(&mut self) -> PResult<Expr> {
        let line = self.line();
        if self.eat_op("*") {
            let e = self.bitor()?;
            return self.mk(ExprKind::Starred(Box::new(e)), line);
        }
        self.expr()
    }

    /// Targets of `for` / `del`: stops before `in`.
    fn target_list(&mut self) -> PResult<Expr> {
        let line = self.line();
        let first = self.target_atom()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_kw("in") || self.at(&Tok::Newline) || self.at_op(";") {
                break;
            }
            items.push(self.target_atom()?);
        }
        self.mk(ExprKind::Tuple(items), line)
    }

    fn target_atom(&mut self) -> PResult<Expr> {
        let line = self.line();
        if self.eat_op("*") {
            let e = self.bitor()?;
            return self.mk(ExprKind::Starred(Box::new(e)), line);
        }
        let e = self.bitor()?;
        check_target(&e, false).map_err(|m| self.err_at(&e, m))?;
        Ok(e)
    }

    /// `test`: lambda, conditional expression, or an or-test.
    fn expr(&mut self) -> PResult<Expr> {
        self.enter()?;
        let r = self.expr_inner();
        self.leave();
        r
    }

    fn expr_inner(&mut self) -> PResult<Expr> {
        let line = self.line();
        if let (Tok::Name(n), Tok::Op(":=")) = (self.peek().clone(), self.peek_at(1)) {
            self.advance();
            self.advance();
            let value = self.expr()?;
            return self.mk(
                ExprKind::NamedExpr(n, Box::new(value), std::cell::Cell::new(0)),
                line,
            );
        }
        if self.eat_kw("lambda") {
            let sig = self.params(":")?;
            self.expect_op(":")?;
            let body = self.expr()?;
            let bline = body.line;
            let body = vec![Stmt {
                kind: StmtKind::Return(Some(body)),
                line: bline,
            }];
            let file = self.file.clone();
            let f = make_func(Rc::from("<lambda>"), sig, None, body, line, file);
            self.check_func(&f)?;
            return self.mk(ExprKind::Lambda(Rc::new(f)), line);
        }
        let e = self.or_test()?;
        if self.at_kw("if") && !self.no_ternary_here() {
            self.advance();
            let cond = self.or_test()?;
            if !self.eat_kw("else") {
                return self.error("expected 'else' after 'if' expression");
            }
            let other = self.expr()?;
            return self.mk(
                ExprKind::IfExp(Box::new(cond), Box::new(e), Box::new(other)),
                line,
            );
        }
        Ok(e)
    }

    fn no_ternary_here(&self) -> bool {
        false
    }

    fn or_test(&mut self) -> PResult<Expr> {
        let line = self.line();
        let mut e = self.and_test()?;
        while self.eat_kw("or") {
            let r = self.and_test()?;
            e = self.mk(ExprKind::BoolOp(false, Box::new(e), Box::new(r)), line)?;
        }
        Ok(e)
    }

    fn and_test(&mut self) -> PResult<Expr> {
        let line = self.line();
        let mut e = self.not_test()?;
        while self.eat_kw("and") {
            let r = self.not_test()?;
            e = self.mk(ExprKind::BoolOp(true, Box::new(e), Box::new(r)), line)?;
        }
        Ok(e)
    }

    fn not_test(&mut self) -> PResult<Expr> {
        let line = self.line();
        let mut count = 0;
        while self.eat_kw("not") {
            count += 1;
        }
        let mut e = self.comparison()?;
        for _ in 0..count {
            e = self.mk(ExprKind::Unary(UnaryOp::Not, Box::new(e)), line)?;
        }
        Ok(e)
    }

    fn comparison(&mut self) -> PResult<Expr> {
        let line = self.line();
        let first = self.bitor()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op("==") => CmpOp::Eq,
                Tok::Op("!=") => CmpOp::Ne,
                Tok::Op("<") => CmpOp::Lt,
                Tok::Op("<=") => CmpOp::Le,
                Tok::Op(">") => CmpOp::Gt,
                Tok::Op(">=") => CmpOp::Ge,
                Tok::Kw("in") => CmpOp::In,
                Tok::Kw("is") => {
                    if matches!(self.peek_at(1), Tok::Kw("not")) {
                        self.advance();
                        CmpOp::IsNot
                    } else {
                        CmpOp::Is
                    }
                }
                Tok::Kw("not") if matches!(self.peek_at(1), Tok::Kw("in")) => {
                    self.advance();
                    CmpOp::NotIn
                }
                _ => break,
            };
            self.advance();
            rest.push((op, self.bitor()?));
        }
        if rest.is_empty() {
            Ok(first)
        } else {
            self.mk(ExprKind::Compare(Box::new(first), rest), line)
        }
    }

    fn binop_at(&self) -> Option<(BinOp, u8)> {
        let Tok::Op(o) = self.peek() else { return None };
        Some(match *o {
            "|" => (BinOp::BitOr, 1),
            "^" => (BinOp::BitXor, 2),
            "&" => (BinOp::BitAnd, 3),
            "<<" => (BinOp::LShift, 4),
            ">>" => (BinOp::RShift, 4),
            "+" => (BinOp::Add, 5),
            "-" => (BinOp::Sub, 5),
            "*" => (BinOp::Mul, 6),
            "/" => (BinOp::Div, 6),
            "//" => (BinOp::FloorDiv, 6),
            "%" => (BinOp::Mod, 6),
            _ => return None,
        })
    }

    /// Binary operators by precedence climbing, with an explicit operand/operator stack
    /// (so a long chain costs no recursion).
    fn bitor(&mut self) -> PResult<Expr> {
        let mut operands: Vec<Expr> = vec![self.factor()?];
        let mut ops: Vec<(BinOp, u8, u32)> = Vec::new();
        while let Some((op, prec)) = self.binop_at() {
            let line = self.line();
            self.advance();
            while let Some(&(top, tprec, tline)) = ops.last() {
                if tprec >= prec {
                    ops.pop();
                    let r = operands.pop().expect("operand");
                    let l = operands.pop().expect("operand");
                    operands.push(self.mk(ExprKind::BinOp(top, Box::new(l), Box::new(r)), tline)?);
                } else {
                    break;
                }
            }
            ops.push((op, prec, line));
            operands.push(self.factor()?);
        }
        while let Some((top, _, tline)) = ops.pop() {
            let r = operands.pop().expect("operand");
            let l = operands.pop().expect("operand");
            operands.push(self.mk(ExprKind::BinOp(top, Box::new(l), Box::new(r)), tline)?);
        }
        Ok(operands.pop().expect("operand"))
    }

    fn factor(&mut self) -> PResult<Expr> {
        let line = self.line();
        let mut prefix = Vec::new();
        loop {
            let op = match self.peek() {
                Tok::Op("-") => UnaryOp::Neg,
                Tok::Op("+") => UnaryOp::Pos,
                Tok::Op("~") => UnaryOp::Invert,
                _ => break,
            };
            self.advance();
            prefix.push(op);
        }
        let mut e = self.power()?;
        while let Some(op) = prefix.pop() {
            // Fold negative literals so that -9223372036854775808 works.
            e = match (op, &e.kind) {
                (UnaryOp::Neg, ExprKind::Const(Const::Int(v))) if v.checked_neg().is_some() => {
                    self.mk(ExprKind::Const(Const::Int(-v)), line)?
                }
                (UnaryOp::Neg, ExprKind::Const(Const::BigInt(s)))
                    if &**s == "9223372036854775808" =>
                {
                    self.mk(ExprKind::Const(Const::Int(i64::MIN)), line)?
                }
                (UnaryOp::Neg, ExprKind::Const(Const::Float(f))) => {
                    self.mk(ExprKind::Const(Const::Float(-f)), line)?
                }
                _ => self.mk(ExprKind::Unary(op, Box::new(e)), line)?,
            };
        }
        Ok(e)
    }

    fn power(&mut self) -> PResult<Expr> {
        let line = self.line();
        let base = if self.eat_kw("await") {
            let e = self.primary()?;
            self.mk(ExprKind::Await(Box::new(e)), line)?
        } else {
            self.primary()?
        };
        if self.eat_op("**") {
            self.enter()?;
            let exp = self.factor();
            self.leave();
            return self.mk(
                ExprKind::BinOp(BinOp::Pow, Box::new(base), Box::new(exp?)),
                line,
            );
        }
        Ok(base)
    }

    fn primary(&mut self) -> PResult<Expr> {
        let mut e = self.atom()?;
        loop {
            let line = self.line();
            if self.eat_op("(") {
                self.enter()?;
                let args = self.call_args();
                self.leave();
                let args = args?;
                self.expect_op(")")?;
                e = self.mk(ExprKind::Call(Box::new(e), args), line)?;
            } else if self.eat_op("[") {
                self.enter()?;
                let idx = self.subscript();
                self.leave();
                let idx = idx?;
                self.expect_op("]")?;
                e = self.mk(ExprKind::Subscript(Box::new(e), Box::new(idx)), line)?;
            } else if self.eat_op(".") {
                let name = self.expect_name()?;
                e = self.mk(ExprKind::Attribute(Box::new(e), name), line)?;
            } else {
                return Ok(e);
            }
        }
    }

    fn call_args(&mut self) -> PResult<Vec<Arg>> {
        let mut args = Vec::new();
        while !self.at_op(")") {
            if self.eat_op("**") {
                args.push(Arg::DoubleStar(self.expr()?));
            } else if self.eat_op("*") {
                args.push(Arg::Star(self.expr()?));
            } else if matches!(self.peek(), Tok::Name(_)) && matches!(self.peek_at(1), Tok::Op("="))
            {
                let name = self.expect_name()?;
                self.advance();
                args.push(Arg::Kw(name, self.expr()?));
            } else {
                let line = self.line();
                let e = self.expr()?;
                if self.at_kw("for") {
                    let comps = self.comprehensions()?;
                    let ge = self.genexp(e, comps, line)?;
                    args.push(Arg::Pos(ge));
                } else {
                    if args.iter().any(|a| matches!(a, Arg::Kw(..))) {
                        return self.error("positional argument follows keyword argument");
                    }
                    args.push(Arg::Pos(e));
                }
            }
            if !self.eat_op(",") {
                break;
            }
        }
        Ok(args)
    }

    fn subscript(&mut self) -> PResult<Expr> {
        let line = self.line();
        let first = self.slice_item()?;
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            items.push(self.slice_item()?);
        }
        self.mk(ExprKind::Tuple(items), line)
    }

    fn slice_item(&mut self) -> PResult<Expr> {
        let line = self.line();
        let lo = if self.at_op(":") {
            None
        } else {
            Some(Box::new(self.expr()?))
        };
        if !self.eat_op(":") {
            return Ok(*lo.expect("expression"));
        }
        let hi = if self.at_op(":") || self.at_op("]") || self.at_op(",") {
            None
        } else {
            Some(Box::new(self.expr()?))
        };
        let step = if self.eat_op(":") {
            if self.at_op("]") || self.at_op(",") {
                None
            } else {
                Some(Box::new(self.expr()?))
            }
        } else {
            None
        };
        self.mk(ExprKind::Slice(lo, hi, step), line)
    }

    fn comprehensions(&mut self) -> PResult<Vec<Comprehension>> {
        let mut comps = Vec::new();
        while self.eat_kw("for") {
            let target = self.target_list()?;
            if !self.eat_kw("in") {
                return self.error("invalid syntax");
            }
            let iter = self.or_test()?;
            let mut ifs = Vec::new();
            while self.eat_kw("if") {
                ifs.push(self.or_test_no_cond()?);
            }
            comps.push(Comprehension { target, iter, ifs });
        }
        Ok(comps)
    }

    fn or_test_no_cond(&mut self) -> PResult<Expr> {
        self.or_test()
    }

    fn atom(&mut self) -> PResult<Expr> {
        let line = self.line();
        let tok = self.peek().clone();
        match tok {
            Tok::Name(n) => {
                self.advance();
                self.mk(ExprKind::Name(n), line)
            }
            Tok::Int(v) => {
                self.advance();
                self.mk(ExprKind::Const(Const::Int(v)), line)
            }
            Tok::BigInt(s) => {
                self.advance();
                self.mk(ExprKind::Const(Const::BigInt(Rc::from(s.as_str()))), line)
            }
            Tok::Float(v) => {
                self.advance();
                self.mk(ExprKind::Const(Const::Float(v)), line)
            }
            Tok::Imag(v) => {
                self.advance();
                self.mk(ExprKind::Const(Const::Imag(v)), line)
            }
            Tok::Str(_) | Tok::FStr(_) | Tok::Bytes(_) => self.strings(),
            Tok::Kw("None") => {
                self.advance();
                self.mk(ExprKind::Const(Const::None), line)
            }
            Tok::Kw("True") => {
                self.advance();
                self.mk(ExprKind::Const(Const::Bool(true)), line)
            }
            Tok::Kw("False") => {
                self.advance();
                self.mk(ExprKind::Const(Const::Bool(false)), line)
            }
            Tok::Op("...") => {
                self.advance();
                self.mk(ExprKind::Const(Const::Ellipsis), line)
            }
            Tok::Op("(") => {
                self.advance();
                self.enter()?;
                let r = self.paren_body(line);
                self.leave();
                let r = r?;
                self.expect_op(")")?;
                Ok(r)
            }
            Tok::Op("[") => {
                self.advance();
                self.enter()?;
                let r = self.list_body(line);
                self.leave();
                let r = r?;
                self.expect_op("]")?;
                Ok(r)
            }
            Tok::Op("{") => {
                self.advance();
                self.enter()?;
                let r = self.dict_body(line);
                self.leave();
                let r = r?;
                self.expect_op("}")?;
                Ok(r)
            }
            _ => self.error("invalid syntax"),
        }
    }

    fn paren_body(&mut self, line: u32) -> PResult<Expr> {
        if self.at_op(")") {
            return self.mk(ExprKind::Tuple(Vec::new()), line);
        }
        if self.at_kw("yield") {
            return self.yield_expr();
        }
        let first = self.star_or_expr()?;
        if self.at_kw("for") {
            let comps = self.comprehensions()?;
            return self.genexp(first, comps, line);
        }
        if !self.at_op(",") {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.eat_op(",") {
            if self.at_op(")") {
                break;
            }
            items.push(self.star_or_expr()?);
        }
        self.mk(ExprKind::Tuple(items), line)
    }

    fn list_body(&mut self, line: u32) -> PResult<Expr> {
        let mut items = Vec::new();
        if self.at_op("]") {
            return self.mk(ExprKind::List(items), line);
        }
        let first = self.star_or_expr()?;
        if self.at_kw("for") {
            let comps = self.comprehensions()?;
            lift_walrus(&first, &comps);
            return self.mk(ExprKind::ListComp(Box::new(first), comps), line);
        }
        items.push(first);
        while self.eat_op(",") {
            if self.at_op("]") {
                break;
            }
            items.push(self.star_or_expr()?);
        }
        self.mk(ExprKind::List(items), line)
    }

    fn dict_body(&mut self, line: u32) -> PResult<Expr> {
        let mut items = Vec::new();
        if self.at_op("}") {
            return self.mk(ExprKind::Dict(items), line);
        }
        if self.at_op("**") {
            return self.dict_items(Vec::new(), line);
        }
        let k = self.star_or_expr()?;
        if !self.at_op(":") {
            if self.at_kw("for") {
                let comps = self.comprehensions()?;
                lift_walrus(&k, &comps);
                return self.mk(ExprKind::SetComp(Box::new(k), comps), line);
            }
            let mut elts = vec![k];
            while self.eat_op(",") {
                if self.at_op("}") {
                    break;
                }
                elts.push(self.star_or_expr()?);
            }
            return self.mk(ExprKind::Set(elts), line);
        }
        self.advance();
        let v = self.expr()?;
        if self.at_kw("for") {
            let comps = self.comprehensions()?;
            lift_walrus(&k, &comps);
            lift_walrus(&v, &[]);
            return self.mk(ExprKind::DictComp(Box::new(k), Box::new(v), comps), line);
        }
        items.push((k, v));
        if !self.eat_op(",") {
            return self.mk(ExprKind::Dict(items), line);
        }
        self.dict_items(items, line)
    }

    /// The rest of a dict display: `key: value` and `**mapping` items up to the `}`. A
    /// `**mapping` item is the pair (`Starred(mapping)`, `None`): no key can be starred.
    fn dict_items(&mut self, mut items: Vec<(Expr, Expr)>, line: u32) -> PResult<Expr> {
        loop {
            if self.at_op("}") {
                break;
            }
            let item_line = self.line();
            if self.eat_op("**") {
                let m = self.bitor()?;
                let starred = self.mk(ExprKind::Starred(Box::new(m)), item_line)?;
                let none = self.mk(ExprKind::Const(Const::None), item_line)?;
                items.push((starred, none));
            } else {
                let k = self.expr()?;
                self.expect_op(":")?;
                let v = self.expr()?;
                items.push((k, v));
            }
            if !self.eat_op(",") {
                break;
            }
        }
        self.mk(ExprKind::Dict(items), line)
    }

    /// Adjacent string literals, joined; any f-string makes the whole an f-string.
    fn strings(&mut self) -> PResult<Expr> {
        let line = self.line();
        let mut parts: Vec<FPart> = Vec::new();
        let mut any_f = false;
        // Adjacent bytes literals join into one; bytes and str literals cannot be mixed.
        let mut bytes: Option<Vec<u8>> = None;
        let mut any_str = false;
        loop {
            let mixed = match self.peek() {
                Tok::Bytes(_) => any_str,
                Tok::Str(_) | Tok::FStr(_) => bytes.is_some(),
                _ => false,
            };
            if mixed {
                return Err(SyntaxError {
                    msg: "cannot mix bytes and nonbytes literals".into(),
                    line,
                    col: 0,
                });
            }
            match self.peek().clone() {
                Tok::Bytes(b) => {
                    self.advance();
                    bytes.get_or_insert_with(Vec::new).extend(b);
                    continue;
                }
                Tok::Str(_) | Tok::FStr(_) => any_str = true,
                _ => {}
            }
            match self.peek().clone() {
                Tok::Str(s) => {
                    self.advance();
                    match parts.last_mut() {
                        Some(FPart::Lit(l)) => l.push_str(&s),
                        _ => parts.push(FPart::Lit(s)),
                    }
                }
                Tok::FStr(s) => {
                    any_f = true;
                    self.advance();
                    self.enter()?;
                    let r = self.fstring(&s, line, &mut parts);
                    self.leave();
                    r?;
                }
                _ => break,
            }
        }
        if let Some(b) = bytes {
            let obj = crate::value::BytesObj {
                data: b.into_boxed_slice(),
            };
            return self.mk(ExprKind::Const(Const::Bytes(Rc::new(obj))), line);
        }
        if !any_f {
            let s = match parts.pop() {
                Some(FPart::Lit(s)) => s,
                _ => String::new(),
            };
            return self.mk(
                ExprKind::Const(Const::Str(crate::value::PyStr::from(s))),
                line,
            );
        }
        self.mk(ExprKind::FString(parts), line)
    }

    fn fstring(&mut self, s: &str, line: u32, parts: &mut Vec<FPart>) -> PResult<()> {
        let chars: Vec<char> = s.chars().collect();
        let mut lit = String::new();
        let mut i = 0;
        let ferr = |msg: &str| SyntaxError {
            msg: format!("f-string: {msg}"),
            line,
            col: 0,
        };
        while i < chars.len() {
            let c = chars[i];
            if c == '{' && chars.get(i + 1) == Some(&'{') {
                lit.push('{');
                i += 2;
            } else if c == '}' && chars.get(i + 1) == Some(&'}') {
                lit.push('}');
                i += 2;
            } else if c == '}' {
                return Err(ferr("single '}' is not allowed"));
            } else if c == '{' {
                // Find the end of the expression: a top-level '!', ':' or '}'.
                let mut j = i + 1;
                let mut depth = 0i32;
                let mut quote: Option<char> = None;
                while j < chars.len() {
                    let d = chars[j];
                    if let Some(q) = quote {
                        if d == q {
                            quote = None;
                        }
                    } else if d == '\'' || d == '"' {
                        quote = Some(d);
                    } else if "([{".contains(d) {
                        depth += 1;
                    } else if ")]".contains(d) || (d == '}' && depth > 0) {
                        depth -= 1;
                    } else if depth == 0
                        && (d == '}' || d == ':' || (d == '!' && chars.get(j + 1) != Some(&'=')))
                    {
                        break;
                    }
                    j += 1;
                }
                if j >= chars.len() {
                    return Err(ferr("expecting '}'"));
                }
                let expr_src: String = chars[i + 1..j].iter().collect();
                if expr_src.trim().is_empty() {
                    return Err(ferr("valid expression required before '}'"));
                }
                let mut conv = None;
                if chars[j] == '!' {
                    conv = chars.get(j + 1).copied();
                    if !matches!(conv, Some('r' | 's' | 'a')) {
                        return Err(ferr(
                            "invalid conversion character: expected 's', 'r', or 'a'",
                        ));
                    }
                    j += 2;
                }
                // `{expr=}`: the expression's text, then its repr (or its format when a spec
                // follows).
                let trimmed = expr_src.trim_end();
                let self_doc = trimmed.ends_with('=')
                    && !matches!(
                        trimmed[..trimmed.len() - 1].chars().last(),
                        Some('=' | '!' | '<' | '>')
                    );
                let expr_src = if self_doc {
                    lit.push_str(&expr_src);
                    trimmed[..trimmed.len() - 1].to_string()
                } else {
                    expr_src
                };
                let mut spec = Vec::new();
                if j < chars.len() && chars[j] == ':' {
                    j += 1;
                    // The spec runs to the '}' closing the field; `{...}` in it are fields.
                    let mut spec_src = String::new();
                    let mut depth = 0i32;
                    while j < chars.len() && (chars[j] != '}' || depth > 0) {
                        match chars[j] {
                            '{' => depth += 1,
                            '}' => depth -= 1,
                            _ => {}
                        }
                        spec_src.push(chars[j]);
                        j += 1;
                    }
                    if spec_src.contains('{') {
                        self.fstring(&spec_src, line, &mut spec)?;
                    } else if !spec_src.is_empty() {
                        spec.push(FPart::Lit(spec_src));
                    }
                }
                if self_doc && conv.is_none() && spec.is_empty() {
                    conv = Some('r');
                }
                if j >= chars.len() || chars[j] != '}' {
                    return Err(ferr("expecting '}'"));
                }
                i = j + 1;
                let toks = tokenize(&format!("({})", expr_src.trim())).map_err(|mut e| {
                    e.line = line;
                    e
                })?;
                let mut sub = Parser {
                    future_annotations: self.future_annotations,
                    toks,
                    pos: 0,
                    nesting: self.nesting,
                    file: self.file.clone(),
                };
                let e = sub.expr().map_err(|mut e| {
                    e.line = line;
                    e
                })?;
                if !matches!(sub.peek(), Tok::Newline | Tok::Eof) {
                    return Err(ferr("invalid syntax"));
                }
                if !lit.is_empty() {
                    parts.push(FPart::Lit(std::mem::take(&mut lit)));
                }
                parts.push(FPart::Expr(Box::new(e), conv, spec));
            } else {
                lit.push(c);
                i += 1;
            }
        }
        if !lit.is_empty() {
            match parts.last_mut() {
                Some(FPart::Lit(l)) => l.push_str(&lit),
                _ => parts.push(FPart::Lit(lit)),
            }
        }
        Ok(())
    }
}

/// Checks that `e` can be assigned to (`aug`: a single target only).
fn check_target(e: &Expr, aug: bool) -> Result<(), String> {
    match &e.kind {
        ExprKind::Name(_) | ExprKind::Attribute(..) | ExprKind::Subscript(..) => Ok(()),
        ExprKind::Tuple(xs) | ExprKind::List(xs) if !aug => {
            if xs
                .iter()
                .filter(|x| matches!(x.kind, ExprKind::Starred(_)))
                .count()
                > 1
            {
                return Err("multiple starred expressions in assignment".into());
            }
            xs.iter().try_for_each(|x| check_target(x, false))
        }
        ExprKind::Starred(x) if !aug => check_target(x, false),
        ExprKind::Call(..) => Err("cannot assign to function call".into()),
        ExprKind::Const(_) => Err("cannot assign to literal".into()),
        _ if aug => Err("'expression' is an illegal expression for augmented assignment".into()),
        _ => Err("cannot assign to expression".into()),
    }
}

/// Builds a function definition, working out which names are local to it.
fn make_func(
    name: Rc<str>,
    sig: Signature,
    returns: Option<Expr>,
    body: Block,
    line: u32,
    file: Rc<str>,
) -> FuncDef {
    let Signature {
        params,
        posonly,
        kwonly,
        vararg,
        kwarg,
        star_annotations,
    } = sig;
    let mut assigned: NameSet = NameSet::default();
    let mut globals = NameSet::default();
    let mut nonlocals = NameSet::default();
    for p in params.iter().chain(&kwonly) {
        assigned.insert(p.name.clone());
    }
    assigned.extend(vararg.iter().cloned());
    assigned.extend(kwarg.iter().cloned());
    collect_block(&body, &mut assigned, &mut globals, &mut nonlocals);
    walrus_names(&body, &mut assigned);
    let locals = assigned
        .into_iter()
        .filter(|n| !globals.contains(n) && !nonlocals.contains(n))
        .collect();
    let crate::cells::Captures { free, cells } =
        crate::cells::analyse(&body, &locals, &globals, &nonlocals);
    mark_name_scopes(&body, &locals);
    let is_generator = crate::yields::body_has_yield(&body);
    FuncDef {
        name,
        params,
        posonly,
        kwonly,
        returns,
        star_annotations,
        vararg,
        kwarg,
        body,
        line,
        file,
        locals,
        globals,
        nonlocals,
        free,
        cells,
        is_generator,
        is_async: false,
        vm: Default::default(),
    }
}

/// Marks each name the function body reads in its own scope as one of its `locals` or not, so
/// the interpreter need not ask the scope analysis on every lookup (see `NameScope`). Nested
/// function and class bodies are not entered (their own definitions mark them); names in
/// comprehensions are marked too but not consulted, since comprehensions run in scopes of
/// their own.
fn mark_name_scopes(body: &[Stmt], locals: &NameSet) {
    crate::yields::walk_block(body, &mut |e, _| {
        if let ExprKind::Name(n) = &e.kind {
            e.scope.set(if locals.contains(n) {
                NameScope::Local
            } else {
                NameScope::Outer
            });
        }
    });
}

/// A comprehension was parsed around `elt` and `comps`: every `:=` in them (not inside a
/// lambda or a generator expression, which are scopes of their own) binds one scope further
/// out.
fn lift_walrus(elt: &Expr, comps: &[Comprehension]) {
    let mut todo: Vec<&Expr> = vec![elt];
    for c in comps {
        todo.extend(c.ifs.iter());
    }
    while let Some(e) = todo.pop() {
        if let ExprKind::NamedExpr(_, _, up) = &e.kind {
            up.set(up.get() + 1);
        }
        if !matches!(e.kind, ExprKind::Lambda(_)) {
            crate::yields::each_child(e, &mut |c| todo.push(c));
        }
    }
}

/// Whether `e` holds a `:=` (outside lambdas).
fn has_walrus(e: &Expr) -> bool {
    let mut todo = vec![e];
    while let Some(e) = todo.pop() {
        if matches!(e.kind, ExprKind::NamedExpr(..)) {
            return true;
        }
        if !matches!(e.kind, ExprKind::Lambda(_)) {
            crate::yields::each_child(e, &mut |c| todo.push(c));
        }
    }
    false
}

/// Names bound by `:=` in `block`'s expressions (comprehensions included), which are the
/// scope's own names.
fn walrus_names(block: &[Stmt], assigned: &mut NameSet) {
    crate::yields::walk_block(block, &mut |e, _| {
        if let ExprKind::NamedExpr(n, _, _) = &e.kind {
            assigned.insert(n.clone());
        }
    });
}

fn collect_block(
    block: &[Stmt],
    assigned: &mut NameSet,
    globals: &mut NameSet,
    nonlocals: &mut NameSet,
) {
    for s in block {
        match &s.kind {
            StmtKind::Assign(ts, _) => ts.iter().for_each(|t| target_names(t, assigned)),
            StmtKind::AugAssign(t, _, _) => target_names(t, assigned),
            StmtKind::Del(ts) => ts.iter().for_each(|t| target_names(t, assigned)),
            StmtKind::If(branches, orelse) => {
                for (_, b) in branches {
                    collect_block(b, assigned, globals, nonlocals);
                }
                if let Some(b) = orelse {
                    collect_block(b, assigned, globals, nonlocals);
                }
            }
            StmtKind::While(_, b, orelse) => {
                collect_block(b, assigned, globals, nonlocals);
                if let Some(b) = orelse {
                    collect_block(b, assigned, globals, nonlocals);
                }
            }
            StmtKind::For(t, _, b, orelse) => {
                target_names(t, assigned);
                collect_block(b, assigned, globals, nonlocals);
                if let Some(b) = orelse {
                    collect_block(b, assigned, globals, nonlocals);
                }
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                collect_block(body, assigned, globals, nonlocals);
                for h in handlers {
                    if let Some(n) = &h.name {
                        assigned.insert(n.clone());
                    }
                    collect_block(&h.body, assigned, globals, nonlocals);
                }
                for b in [orelse, finally].into_iter().flatten() {
                    collect_block(b, assigned, globals, nonlocals);
                }
            }
            StmtKind::Import(items) => {
                for (m, alias) in items {
                    let n = alias
                        .clone()
                        .unwrap_or_else(|| Rc::from(m.split('.').next().unwrap_or("")));
                    assigned.insert(n);
                }
            }
            StmtKind::FromImport(_, items) => {
                for (n, alias) in items {
                    assigned.insert(alias.clone().unwrap_or_else(|| n.clone()));
                }
            }
            StmtKind::Global(ns) => globals.extend(ns.iter().cloned()),
            StmtKind::Nonlocal(ns) => nonlocals.extend(ns.iter().cloned()),
            StmtKind::FuncDef(f) => {
                assigned.insert(f.name.clone());
            }
            StmtKind::ClassDef { name, .. } => {
                assigned.insert(name.clone());
            }
            StmtKind::Decorated(_, def) => {
                collect_block(std::slice::from_ref(&**def), assigned, globals, nonlocals)
            }
            StmtKind::AnnAssign(t, _, _) => target_names(t, assigned),
            StmtKind::With(items, body) => {
                for (_, t) in items {
                    if let Some(t) = t {
                        target_names(t, assigned);
                    }
                }
                collect_block(body, assigned, globals, nonlocals);
            }
            StmtKind::Match(_, cases) => {
                for c in cases {
                    assigned.extend(c.pattern.bound_names().into_iter().map(|(n, _)| n.clone()));
                    collect_block(&c.body, assigned, globals, nonlocals);
                }
            }
            _ => {}
        }
    }
}

fn target_names(t: &Expr, out: &mut NameSet) {
    match &t.kind {
        ExprKind::Name(n) => {
            out.insert(n.clone());
        }
        ExprKind::Tuple(xs) | ExprKind::List(xs) => xs.iter().for_each(|x| target_names(x, out)),
        ExprKind::Starred(x) => target_names(x, out),
        _ => {}
    }
}

/// The first `return` outside a function, or `break` / `continue` outside a loop, in source
/// order: its line and CPython's message. CPython's compiler refuses such a program before any
/// of it runs (a `SyntaxError` with no traceback); the tree is walked with an explicit stack.
///
/// ```
/// let prog = minipy::parser::parse_program("x = 1\nfor i in x:\n    break\nelse:\n    continue\n")
///     .unwrap();
/// assert_eq!(
///     minipy::parser::misplaced_jump(&prog),
///     Some((5, "'continue' not properly in loop"))
/// );
/// let prog = minipy::parser::parse_program("def f():\n    while 1:\n        return\n").unwrap();
/// assert_eq!(minipy::parser::misplaced_jump(&prog), None);
/// ```
pub fn misplaced_jump(prog: &[Stmt]) -> Option<(u32, &'static str)> {
    // (statements still to look at, inside a function, inside a loop)
    let mut stack: Vec<(&[Stmt], bool, bool)> = vec![(prog, false, false)];
    while let Some((block, in_func, in_loop)) = stack.pop() {
        let Some((s, rest)) = block.split_first() else {
            continue;
        };
        stack.push((rest, in_func, in_loop));
        // Children are pushed last first, so that they are looked at in source order.
        let mut children: Vec<(&[Stmt], bool, bool)> = Vec::new();
        match &s.kind {
            StmtKind::Return(_) if !in_func => return Some((s.line, "'return' outside function")),
            StmtKind::Break if !in_loop => return Some((s.line, "'break' outside loop")),
            StmtKind::Continue if !in_loop => {
                return Some((s.line, "'continue' not properly in loop"))
            }
            StmtKind::If(branches, orelse) => {
                children.extend(branches.iter().map(|(_, b)| (&b[..], in_func, in_loop)));
                children.extend(orelse.iter().map(|b| (&b[..], in_func, in_loop)));
            }
            StmtKind::While(_, body, orelse) | StmtKind::For(_, _, body, orelse) => {
                children.push((&body[..], in_func, true));
                children.extend(orelse.iter().map(|b| (&b[..], in_func, in_loop)));
            }
            StmtKind::Try {
                body,
                handlers,
                orelse,
                finally,
            } => {
                children.push((&body[..], in_func, in_loop));
                children.extend(handlers.iter().map(|h| (&h.body[..], in_func, in_loop)));
                children.extend(orelse.iter().map(|b| (&b[..], in_func, in_loop)));
                children.extend(finally.iter().map(|b| (&b[..], in_func, in_loop)));
            }
            StmtKind::FuncDef(def) => children.push((&def.body[..], true, false)),
            StmtKind::ClassDef { body, .. } => children.push((&body[..], false, false)),
            StmtKind::Decorated(_, def) => {
                children.push((std::slice::from_ref(&**def), in_func, in_loop))
            }
            StmtKind::With(_, body) => children.push((&body[..], in_func, in_loop)),
            StmtKind::Match(_, cases) => {
                children.extend(cases.iter().map(|c| (&c.body[..], in_func, in_loop)))
            }
            _ => {}
        }
        stack.extend(children.into_iter().rev());
    }
    None
}
