use gc_core::Trace;

#[derive(Trace)]
#[trace(skip)]
struct S {
    a: u32,
}

fn main() {}
