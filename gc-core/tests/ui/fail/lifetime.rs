use gc_core::Trace;

#[derive(Trace)]
struct Node<'a> {
    name: &'a str,
}

fn main() {}
