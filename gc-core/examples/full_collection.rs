//! A full collection over 1,000,000 live tracked objects in allocation order, and the collection
//! of 1,000,000 objects in garbage 2-cycles, timed by gc-core's own statistics.
//! `cargo run --release -p gc-core --example full_collection`
use gc_core::{Cc, Trace};
use std::cell::RefCell;

#[derive(Trace)]
struct Obj {
    next: RefCell<Option<Cc<Obj>>>,
}

fn obj() -> Cc<Obj> {
    Cc::new(Obj {
        next: RefCell::new(None),
    })
}

fn main() {
    let n = 1_000_000;
    gc_core::set_threshold(0, 0, 0);
    let all: Vec<Cc<Obj>> = (0..n).map(|_| obj()).collect();
    for w in all.windows(2) {
        *w[0].next.borrow_mut() = Some(w[1].clone());
    }
    gc_core::collect();
    let rounds = 10;
    let before = gc_core::get_stats()[2];
    for _ in 0..rounds {
        gc_core::collect();
    }
    let after = gc_core::get_stats()[2];
    let per = (after.duration - before.duration).as_nanos() as f64 / (rounds * n) as f64;
    println!("full collection, {n} live objects: {per:.1} ns per object");
    drop(all);
    gc_core::collect();
    for _ in 0..3 {
        for _ in 0..n / 2 {
            let a = obj();
            let b = obj();
            *a.next.borrow_mut() = Some(b.clone());
            *b.next.borrow_mut() = Some(a);
        }
        let before = gc_core::get_stats()[2];
        let freed = gc_core::collect();
        let after = gc_core::get_stats()[2];
        let per = (after.duration - before.duration).as_nanos() as f64 / freed as f64;
        println!("garbage 2-cycles: {freed} collected, {per:.1} ns per object");
    }
}
