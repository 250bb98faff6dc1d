use gc_core::{Cc, Trace, Weak};
use std::cell::RefCell;
use std::collections::HashMap;

#[derive(Trace)]
struct Unit;

#[derive(Trace)]
struct Tuple(u8, Cc<Unit>);

#[derive(Trace)]
struct Generic<T, U: Clone> {
    a: T,
    b: Vec<U>,
    #[trace(skip)]
    cache: Vec<u8>,
}

#[derive(Trace)]
enum Value {
    None,
    Int(i64),
    List(RefCell<Vec<Cc<Value>>>),
    Dict { map: RefCell<HashMap<String, Cc<Value>>> },
    Back(Weak<Value>),
}

// Self-recursive through Box, Option and Vec.
#[derive(Trace)]
struct List {
    head: i32,
    tail: Option<Box<List>>,
    kids: Vec<List>,
}

// Mutually recursive, the way an AST is.
#[derive(Trace)]
enum Expr {
    Lit(i64),
    Call(Box<Expr>, Vec<Expr>),
    Block(Vec<Stmt>),
}

#[derive(Trace)]
enum Stmt {
    Expr(Expr),
    Def { body: Box<Stmt>, cell: RefCell<Option<Cc<Stmt>>> },
}

// Recursion hidden behind an alias.
type Link = Option<Box<Chain>>;

#[derive(Trace)]
struct Chain {
    value: u32,
    next: Link,
}

fn main() {
    let c = Cc::new(Chain { value: 1, next: Some(Box::new(Chain { value: 2, next: None })) });
    assert!(!Cc::is_tracked(&c));
    assert_eq!(c.next.as_ref().map(|n| n.value), Some(2));
    assert!(Cc::is_tracked(&Cc::new(RefCell::new(Chain { value: 3, next: None }))));
    assert!(!Cc::is_tracked(&Cc::new(RefCell::new(vec![1_u8]))));
    let v = Cc::new(Value::Int(1));
    assert!(!Cc::is_tracked(&v));
    let l = Cc::new(Value::List(RefCell::new(vec![v.clone()])));
    assert!(Cc::is_tracked(&l));
    let _ = Cc::new(Tuple(1, Cc::new(Unit)));
    let _ = Cc::new(Generic::<u8, String> { a: 1, b: vec![], cache: vec![] });
    let _ = Cc::new(List { head: 1, tail: None, kids: vec![] });
    let e = Cc::new(Expr::Block(vec![Stmt::Expr(Expr::Lit(1))]));
    assert!(!Cc::is_tracked(&e));
    let s = Cc::new(Stmt::Def { body: Box::new(Stmt::Expr(Expr::Lit(2))), cell: RefCell::new(None) });
    assert!(Cc::is_tracked(&s));
    let _ = Cc::new(RefCell::new(Expr::Lit(3)));
    let _ = Cc::new(Value::Back(Weak::new()));
}
