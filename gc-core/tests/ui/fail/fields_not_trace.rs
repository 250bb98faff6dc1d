// One error per field that is not `Trace`, at the field's type, and no suggestion to borrow.
use gc_core::Trace;
use std::cell::Cell;

struct Meta;

#[derive(Trace)]
enum E {
    A { meta: Meta },
    B(Vec<Meta>, u32),
    C(Cell<String>),
}

#[derive(Trace)]
struct Generic<T> {
    value: T,
    meta: Option<Meta>,
}

fn main() {}
