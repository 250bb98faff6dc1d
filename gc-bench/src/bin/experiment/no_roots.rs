//! `no-roots`: Christopher (1984): a collector that subtracts the references objects hold to
//! each other from their counts finds exactly the garbage without being told where the program's
//! roots are.
//!
//! A random graph of tracked objects (clusters of 50 with random edges inside, so that the
//! garbage holds cycles, and about one edge per cluster to anywhere); a random subset is held in a Rust `Vec` on the stack, which
//! gc-core never sees (nothing is registered), the rest is dropped. An oracle computes
//! reachability from the held objects over the same edges; a collection must free exactly the
//! unreachable ones, and none of the reachable. Some graphs are split across generations first
//! (a collection of generation 0 halfway through building), so that a full collection meets
//! objects of all three. The model-based property test (`tests/tests/model.rs`) checks the same
//! property over random programs of allocations, edges, drops, collections of every generation,
//! freezes and resurrections.

use std::cell::RefCell;

use gc_core::{Cc, Trace};

use crate::common::{on_fresh_thread, Config, Report, Rng, Verdict};

#[derive(Trace)]
struct Obj {
    #[trace(skip)]
    id: usize,
    edges: RefCell<Vec<Cc<Obj>>>,
    #[trace(skip)]
    dropped: std::rc::Rc<RefCell<Vec<usize>>>,
}

impl Drop for Obj {
    fn drop(&mut self) {
        self.dropped.borrow_mut().push(self.id);
    }
}

/// Objects per cluster.
const CLUSTER: usize = 50;

/// One graph: objects, roots, garbage by the oracle, freed by the collector, and how many of
/// the freed were reachable (must be 0) or unreachable but left (must be 0).
struct Outcome {
    objects: usize,
    roots: usize,
    oracle_garbage: usize,
    collected: usize,
    by_collection: usize,
    freed_reachable: usize,
    left_unreachable: usize,
}

fn one(n: usize, edges_per: usize, root_frac: f64, split: bool, seed: u64) -> Outcome {
    on_fresh_thread(move || {
        gc_core::disable();
        let mut rng = Rng::new(seed);
        let dropped = std::rc::Rc::new(RefCell::new(Vec::new()));
        let mut objs: Vec<Cc<Obj>> = Vec::with_capacity(n);
        let mut adj: Vec<Vec<usize>> = vec![Vec::new(); n];
        for id in 0..n {
            objs.push(Cc::new(Obj {
                id,
                edges: RefCell::new(Vec::new()),
                dropped: dropped.clone(),
            }));
            if split && id == n / 2 {
                gc_core::collect_generation(0);
                gc_core::collect_generation(1);
                gc_core::collect_generation(0);
            }
        }
        // Clusters of CLUSTER objects with random edges inside (so garbage holds cycles), and
        // on average one edge per cluster to a random object anywhere.
        let cross = (CLUSTER * edges_per) as u64;
        for (from, out) in adj.iter_mut().enumerate() {
            for _ in 0..edges_per {
                let to = if rng.next_u64().is_multiple_of(cross) {
                    rng.below(n)
                } else {
                    let base = from - from % CLUSTER;
                    (base + rng.below(CLUSTER)).min(n - 1)
                };
                objs[from].edges.borrow_mut().push(objs[to].clone());
                out.push(to);
            }
        }
        // The roots: held in a Vec the collector knows nothing about.
        let mut roots: Vec<Cc<Obj>> = Vec::new();
        let mut root_ids = Vec::new();
        for (id, o) in objs.into_iter().enumerate() {
            if (rng.next_u64() as f64 / u64::MAX as f64) < root_frac {
                roots.push(o);
                root_ids.push(id);
            }
        }
        // The oracle: reachability from the roots.
        let mut reach = vec![false; n];
        let mut stack = root_ids.clone();
        for &r in &root_ids {
            reach[r] = true;
        }
        while let Some(x) = stack.pop() {
            for &y in &adj[x] {
                if !reach[y] {
                    reach[y] = true;
                    stack.push(y);
                }
            }
        }
        let oracle_garbage = reach.iter().filter(|r| !**r).count();
        // Objects dropped before the collection died by count (garbage outside any cycle);
        // the collection frees the rest.
        let by_collection = gc_core::collect();
        let freed: Vec<usize> = dropped.borrow().clone();
        let mut was_freed = vec![false; n];
        for &f in &freed {
            was_freed[f] = true;
        }
        let freed_reachable = (0..n).filter(|&i| reach[i] && was_freed[i]).count();
        let left_unreachable = (0..n).filter(|&i| !reach[i] && !was_freed[i]).count();
        let roots_len = roots.len();
        drop(roots);
        gc_core::collect();
        Outcome {
            objects: n,
            roots: roots_len,
            oracle_garbage,
            collected: freed.len(),
            by_collection,
            freed_reachable,
            left_unreachable,
        }
    })
}

/// Run the experiment.
pub fn run(cfg: &Config) -> Report {
    let mut r = Report::new(
        "no-roots",
        "Christopher 1984: counting the references objects hold to each other, and subtracting \
         them from the reference counts, finds exactly the garbage (cycles included) without \
         knowing the program's roots (its stack and registers).",
        &[
            "objects",
            "edges per object",
            "held from the Rust stack",
            "split across generations",
            "garbage (oracle)",
            "freed",
            "of which by the collection",
            "reachable freed",
            "garbage left",
        ],
    );
    let n = cfg.pick(200_000, 2_000);
    let graphs = cfg.pick(
        vec![
            (1, 0.05, false),
            (2, 0.02, false),
            (1, 0.05, true),
            (2, 0.01, true),
        ],
        vec![(1, 0.05, false), (2, 0.02, true)],
    );
    let mut wrong = 0usize;
    let mut garbage_total = 0usize;
    for (i, &(edges, frac, split)) in graphs.iter().enumerate() {
        let o = one(n, edges, frac, split, 7 + i as u64);
        wrong += o.freed_reachable + o.left_unreachable;
        garbage_total += o.oracle_garbage;
        r.row(vec![
            o.objects.to_string(),
            edges.to_string(),
            o.roots.to_string(),
            if split { "yes" } else { "no" }.into(),
            o.oracle_garbage.to_string(),
            o.collected.to_string(),
            o.by_collection.to_string(),
            o.freed_reachable.to_string(),
            o.left_unreachable.to_string(),
        ]);
    }
    r.figure("objects_misjudged", wrong as f64);
    r.figure("garbage_total", garbage_total as f64);
    r.check("the graphs held garbage", garbage_total > 0);
    r.note(
        "'freed' counts every object whose value was dropped: by the collection, or by \
         reference count when the program dropped it; the model test is the broader evidence: \
         cargo test -p workspace-tests --test model",
    );
    let (verdict, reason) = if wrong == 0 {
        (
            Verdict::Supports,
            format!(
                "all {garbage_total} unreachable objects freed and no reachable one, with no \
                 roots registered"
            ),
        )
    } else {
        (Verdict::Contradicts, format!("{wrong} objects misjudged"))
    };
    r.conclude(verdict, reason);
    r
}
