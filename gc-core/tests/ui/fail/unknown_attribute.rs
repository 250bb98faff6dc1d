use gc_core::Trace;

#[derive(Trace)]
struct S {
    #[trace(ignore)]
    a: u32,
}

fn main() {}
