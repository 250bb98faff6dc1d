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

/// Median time of a generation-0 collection of 2,000 young objects (a chain held from a
/// vector), with `old` objects alive in generation 2.
fn young_collection(old: usize) -> std::time::Duration {
    let keep: Vec<Cc<Obj>> = (0..old).map(|_| obj()).collect();
    gc_core::collect();
    let mut times = Vec::new();
    for _ in 0..200 {
        let young: Vec<Cc<Obj>> = (0..2000).map(|_| obj()).collect();
        for w in young.windows(2) {
            *w[0].next.borrow_mut() = Some(w[1].clone());
        }
        let start = std::time::Instant::now();
        gc_core::collect_generation(0);
        times.push(start.elapsed());
        drop(young);
    }
    drop(keep);
    times.sort();
    times[times.len() / 2]
}

/// A live chain held only by its head, as gc-bench builds it; timed full collection, then the
/// head is dropped (freeing the chain by reference count, through the trashcan).
fn chain_round(n: usize) -> f64 {
    let mut nodes: Vec<Cc<Obj>> = (0..n).map(|_| obj()).collect();
    for w in nodes.windows(2) {
        *w[0].next.borrow_mut() = Some(w[1].clone());
    }
    let head = nodes[0].clone();
    while nodes.pop().is_some() {}
    gc_core::collect();
    let start = std::time::Instant::now();
    gc_core::collect();
    let t = start.elapsed().as_nanos() as f64 / n as f64;
    drop(head);
    t
}

fn main() {
    let n = 1_000_000;
    gc_core::set_threshold(0, 0, 0);
    if std::env::args().nth(1).as_deref() == Some("rounds") {
        for round in 0..4 {
            println!("round {round}: full collection of a 1M chain held by its head: {:.1} ns per object", chain_round(n));
        }
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("young") {
        // For profiling: young collections only.
        for _ in 0..50 {
            young_collection(0);
        }
        return;
    }
    println!(
        "generation-0 collection of 2000 young objects: {:?} with no old objects, {:?} with 1,000,000",
        young_collection(0),
        young_collection(1_000_000)
    );
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
