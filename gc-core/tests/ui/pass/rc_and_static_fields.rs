// `Rc`, `rc::Weak` and `&'static` fields of types that can never hold a `Cc` are `Trace`; an
// `Rc` of one that may is accepted when the field is `#[trace(skip)]`.
use gc_core::{Cc, Trace};
use std::cell::RefCell;
use std::rc::{Rc, Weak};

#[derive(Trace)]
struct Meta {
    name: String,
}

#[derive(Trace)]
struct Node {
    label: Rc<str>,
    log: Rc<RefCell<Vec<String>>>,
    back: Weak<String>,
    kind: &'static str,
    table: &'static [u8],
    meta: Rc<Meta>,
    next: RefCell<Option<Cc<Node>>>,
    #[trace(skip)]
    other: Option<Rc<Node>>,
}

fn main() {
    let log = Rc::new(RefCell::new(Vec::new()));
    let n = Cc::new(Node {
        label: Rc::from("a"),
        log: log.clone(),
        back: Weak::new(),
        kind: "leaf",
        table: &[1, 2],
        meta: Rc::new(Meta { name: "m".into() }),
        next: RefCell::new(None),
        other: None,
    });
    assert!(Cc::is_tracked(&n));
    assert!(!<Rc<Meta> as Trace>::CAN_HOLD_CC);
    *n.next.borrow_mut() = Some(n.clone());
    drop(n);
    assert_eq!(gc_core::collect(), 1);
    assert_eq!(Rc::strong_count(&log), 1);
}
