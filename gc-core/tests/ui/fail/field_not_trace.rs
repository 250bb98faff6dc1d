use gc_core::Trace;

struct NotTrace;

#[derive(Trace)]
struct S {
    a: NotTrace,
}

fn main() {}
