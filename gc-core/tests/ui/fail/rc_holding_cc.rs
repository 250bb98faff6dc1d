// A cycle through an `Rc` would never be collected: the collector cannot see what an `Rc`
// points at. Refused when the program is built (`cargo check` does not evaluate the check).
use gc_core::{Cc, Trace};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Trace)]
struct Node {
    next: RefCell<Option<Cc<Node>>>,
    shared: Rc<RefCell<Node>>,
}

fn main() {
    let inner = Rc::new(RefCell::new(Node { next: RefCell::new(None), shared: unreachable() }));
    let _ = Cc::new(Node { next: RefCell::new(None), shared: inner });
}

fn unreachable() -> Rc<RefCell<Node>> {
    unimplemented!()
}
