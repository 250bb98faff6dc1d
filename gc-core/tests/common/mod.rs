//! Shared helpers: a node type that counts its drops, and a clean-slate guard.
#![allow(dead_code)]

use gc_core::{Cc, Trace};
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Counts how many times each node was dropped, by node number.
#[derive(Default, Clone)]
pub struct DropLog(pub Rc<RefCell<Vec<u32>>>);

impl DropLog {
    pub fn count(&self, id: u32) -> usize {
        self.0.borrow().iter().filter(|&&d| d == id).count()
    }
    pub fn total(&self) -> usize {
        self.0.borrow().len()
    }
}

/// A tracked node with any number of children and a drop counter.
#[derive(Trace)]
pub struct Node {
    #[trace(skip)]
    pub id: u32,
    pub edges: RefCell<Vec<Cc<Node>>>,
    #[trace(skip)]
    pub log: DropLog,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.log.0.borrow_mut().push(self.id);
    }
}

pub fn node(id: u32, log: &DropLog) -> Cc<Node> {
    Cc::new(Node {
        id,
        edges: RefCell::new(Vec::new()),
        log: log.clone(),
    })
}

pub fn link(from: &Cc<Node>, to: &Cc<Node>) {
    from.edges.borrow_mut().push(to.clone());
}

/// Run a test body on a fresh thread so it starts with an empty heap and default settings.
/// Afterwards, whatever garbage the test left is collected, so leak checkers (Miri, LSan) see
/// every allocation freed.
pub fn fresh<R: Send + 'static>(f: impl FnOnce() -> R + Send + 'static) -> R {
    on_small_stack(8 << 20, f)
}

/// Like `fresh`, with a stack of `bytes`.
pub fn on_small_stack<R: Send + 'static>(
    bytes: usize,
    f: impl FnOnce() -> R + Send + 'static,
) -> R {
    std::thread::Builder::new()
        .stack_size(bytes)
        .spawn(move || {
            let r = f();
            gc_core::set_debug(gc_core::DebugFlags::empty());
            gc_core::clear_garbage();
            gc_core::unfreeze();
            gc_core::collect();
            r
        })
        .unwrap()
        .join()
        .unwrap_or_else(|p| std::panic::resume_unwind(p))
}

thread_local!(pub static COUNTER: Cell<usize> = const { Cell::new(0) });
