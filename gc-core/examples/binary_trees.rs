//! The Benchmarks Game binary-trees program on gc-core with `RefCell` children (so every node is
//! tracked), printing what the collector did. `cargo run --release -p gc-core --example
//! binary_trees -- 16`
use gc_core::{Cc, Trace};
use std::cell::RefCell;
use std::time::Instant;

#[derive(Trace)]
struct Node {
    l: RefCell<Option<Cc<Node>>>,
    r: RefCell<Option<Cc<Node>>>,
}

fn make(d: u32) -> Cc<Node> {
    let n = Cc::new(Node {
        l: RefCell::new(None),
        r: RefCell::new(None),
    });
    if d > 0 {
        *n.l.borrow_mut() = Some(make(d - 1));
        *n.r.borrow_mut() = Some(make(d - 1));
    }
    n
}

fn check(n: &Node) -> u32 {
    1 + n.l.borrow().as_deref().map_or(0, check) + n.r.borrow().as_deref().map_or(0, check)
}

fn main() {
    let max: u32 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(16);
    let start = Instant::now();
    let stretch = make(max + 1);
    println!(
        "stretch tree of depth {}\t check: {}",
        max + 1,
        check(&stretch)
    );
    drop(stretch);
    let long_lived = make(max);
    let mut nodes: u64 = 0;
    let mut d = 4;
    while d <= max {
        let iterations = 1 << (max - d + 4);
        let mut total = 0;
        for _ in 0..iterations {
            total += check(&make(d));
        }
        nodes += u64::from(total);
        println!("{iterations}\t trees of depth {d}\t check: {total}");
        d += 2;
    }
    println!(
        "long lived tree of depth {max}\t check: {}",
        check(&long_lived)
    );
    let elapsed = start.elapsed();
    let stats = gc_core::get_stats();
    println!("\n{nodes} nodes in {elapsed:?}");
    for (g, s) in stats.iter().enumerate() {
        println!(
            "generation {g}: {} collections, {} examined ({:.2} per node), {} collected, {:?} ({:.1}% of the run)",
            s.collections,
            s.candidates,
            s.candidates as f64 / nodes as f64,
            s.collected,
            s.duration,
            100.0 * s.duration.as_secs_f64() / elapsed.as_secs_f64()
        );
    }
}
