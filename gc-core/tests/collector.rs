//! The collector against the contract: cycles, counts, promotion, thresholds, freeze, stats,
//! weak references, deep structures.

mod common;

use common::{fresh, link, node, on_small_stack, DropLog, Node};
use gc_core::{Cc, Trace, Weak};
use std::cell::RefCell;

#[test]
fn reference_counting_frees_acyclic_objects_at_once() {
    fresh(|| {
        let log = DropLog::default();
        let a = node(1, &log);
        let b = node(2, &log);
        link(&a, &b);
        drop(b);
        assert_eq!(log.total(), 0);
        drop(a);
        assert_eq!(log.count(1), 1);
        assert_eq!(log.count(2), 1);
    });
}

#[test]
fn self_cycle_and_two_cycle_are_collected_once() {
    fresh(|| {
        let log = DropLog::default();
        let a = node(1, &log);
        link(&a, &a);
        let b = node(2, &log);
        let c = node(3, &log);
        link(&b, &c);
        link(&c, &b);
        drop((a, b, c));
        assert_eq!(log.total(), 0, "cycles are not freed by counting");
        assert_eq!(gc_core::collect(), 3);
        assert_eq!((log.count(1), log.count(2), log.count(3)), (1, 1, 1));
        assert_eq!(gc_core::collect(), 0);
        assert_eq!(log.total(), 3);
    });
}

#[test]
fn reachable_cycle_is_kept_and_unreachable_part_freed() {
    fresh(|| {
        let log = DropLog::default();
        let root = node(0, &log);
        let a = node(1, &log);
        let b = node(2, &log);
        link(&root, &a);
        link(&a, &b);
        link(&b, &a);
        let garbage = node(9, &log);
        link(&garbage, &garbage);
        link(&garbage, &a); // garbage points into live data
        drop((a, b, garbage));
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(log.count(9), 1);
        assert_eq!(log.total(), 1);
        assert_eq!(Cc::strong_count(&root.edges.borrow()[0]), 2);
        drop(root);
        assert_eq!(log.count(0), 1);
        assert_eq!(gc_core::collect(), 2);
        assert_eq!(log.total(), 4);
    });
}

#[test]
fn untracked_decisions_follow_the_contract() {
    #[derive(Trace)]
    enum Value {
        Int(i64),
        List(RefCell<Vec<Cc<Value>>>),
        Pair(Cc<Value>, Cc<Value>),
    }
    fresh(|| {
        let three = Cc::new(Value::Int(3));
        assert!(!Cc::is_tracked(&three));
        assert_eq!(Cc::generation(&three), None);
        let list = Cc::new(Value::List(RefCell::new(vec![])));
        assert!(Cc::is_tracked(&list));
        assert_eq!(Cc::generation(&list), Some(0));
        // Immutable pair of untracked children: can never be in a cycle.
        let pair = Cc::new(Value::Pair(three.clone(), three.clone()));
        assert!(!Cc::is_tracked(&pair));
        // Immutable pair holding a tracked child: tracked.
        let pair2 = Cc::new(Value::Pair(three.clone(), list.clone()));
        assert!(Cc::is_tracked(&pair2));
        assert!(!Cc::is_tracked(&Cc::new(String::from("x"))));
        assert!(!Cc::is_tracked(&Cc::new(7_u64)));
        assert!(
            !Cc::is_tracked(&Cc::new(RefCell::new(String::new()))),
            "a RefCell of a leaf holds no Cc"
        );
        assert_eq!(gc_core::get_count().0, 2);
    });
}

#[test]
fn counts_promotion_and_thresholds() {
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_threshold(0, 10, 10); // no automatic collection
        let a = node(1, &log);
        let b = node(2, &log);
        assert_eq!(gc_core::get_count(), (2, 0, 0));
        drop(b);
        assert_eq!(gc_core::get_count(), (1, 0, 0), "deallocations count down");
        gc_core::collect_generation(0);
        assert_eq!(gc_core::get_count(), (0, 1, 0));
        assert_eq!(Cc::generation(&a), Some(1));
        gc_core::collect_generation(0);
        assert_eq!(gc_core::get_count(), (0, 2, 0));
        gc_core::collect_generation(1);
        assert_eq!(gc_core::get_count(), (0, 0, 1));
        assert_eq!(Cc::generation(&a), Some(2));
        gc_core::collect();
        assert_eq!(gc_core::get_count(), (0, 0, 0));
        assert_eq!(Cc::generation(&a), Some(2));
        drop(node(4, &log));
        assert_eq!(
            gc_core::get_count(),
            (0, 0, 0),
            "an allocation and its deallocation cancel"
        );
        drop(a); // an old object dies while c0 is 0
        assert_eq!(gc_core::get_count(), (0, 0, 0), "c0 never goes negative");
    });
}

#[test]
#[should_panic(expected = "invalid generation")]
fn collect_generation_rejects_three() {
    gc_core::collect_generation(3);
}

#[test]
fn automatic_collection_runs_at_threshold() {
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_threshold(10, 10, 10);
        for i in 0..11 {
            let n = node(i, &log);
            link(&n, &n);
        }
        assert_eq!(
            gc_core::get_stats()[0].collections,
            1,
            "the 11th tracked allocation collects"
        );
        assert_eq!(log.total(), 10, "the ten earlier self-cycles were freed");
        gc_core::disable();
        for i in 0..50 {
            let n = node(100 + i, &log);
            link(&n, &n);
        }
        assert_eq!(
            gc_core::get_stats()[0].collections,
            1,
            "disabled: no automatic collection"
        );
        gc_core::enable();
        let _n = node(999, &log);
        assert_eq!(gc_core::get_stats()[0].collections, 2);
    });
}

#[test]
fn older_generations_are_collected_by_the_policy() {
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_threshold(5, 2, 2);
        let keep: Vec<_> = (0..200).map(|i| node(i, &log)).collect();
        let stats = gc_core::get_stats();
        assert!(stats[0].collections >= 20);
        assert!(
            stats[1].collections >= 5,
            "generation 1 collected every third time: {stats:?}"
        );
        drop(keep);
    });
}

#[test]
// A policy test that needs tens of thousands of objects; the collection code it runs is under
// Miri in the other tests (the back-off itself has no unsafe code).
#[cfg_attr(miri, ignore)]
fn young_collections_run_at_t0_by_default() {
    fresh(|| {
        let log = DropLog::default();
        // Off by default: every 2,000 net allocations collect, as the contract says.
        let keep: Vec<_> = (0..20_000).map(|i| node(i, &log)).collect();
        let stats = gc_core::get_stats();
        assert_eq!(stats.iter().map(|s| s.backoffs).sum::<u64>(), 0);
        assert_eq!(gc_core::get_young_threshold(), 2000);
        assert!(
            stats[0].collections + stats[1].collections + stats[2].collections >= 9,
            "{stats:?}"
        );
        drop(keep);
    });
}

#[test]
// A policy test that needs tens of thousands of objects; the collection code it runs is under
// Miri in the other tests (the back-off itself has no unsafe code).
#[cfg_attr(miri, ignore)]
fn young_threshold_backs_off_while_collections_find_nothing() {
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_young_backoff(true);
        assert_eq!(gc_core::get_young_threshold(), 2000);
        // Live objects only: every automatic collection finds nothing.
        let keep: Vec<_> = (0..20_000).map(|i| node(i, &log)).collect();
        let stats = gc_core::get_stats();
        let backoffs: u64 = stats.iter().map(|s| s.backoffs).sum();
        assert!(backoffs >= 3, "{stats:?}");
        let raised = gc_core::get_young_threshold();
        assert!(
            raised >= 16_000,
            "doubled at each fruitless collection: {raised}"
        );
        assert!(
            raised <= 20_000,
            "never above the tracked objects: {raised}"
        );
        // Far fewer collections than one per 2,000 allocations.
        assert!(
            stats[0].collections + stats[1].collections < 10,
            "{stats:?}"
        );
        // Cyclic garbage: the next automatic collection finds it and resets the threshold.
        for i in 0..(raised as u32 + 1) {
            let n = node(100_000 + i, &log);
            link(&n, &n);
        }
        assert_eq!(gc_core::get_young_threshold(), 2000);
        assert!(log.total() > raised / 2, "the self-cycles were collected");
        drop(keep);
        gc_core::set_young_backoff(false);
    });
}

#[test]
// A policy test that needs tens of thousands of objects; the collection code it runs is under
// Miri in the other tests (the back-off itself has no unsafe code).
#[cfg_attr(miri, ignore)]
fn small_thresholds_never_back_off() {
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_young_backoff(true);
        gc_core::set_threshold(500, 10, 10);
        let keep: Vec<_> = (0..10_000).map(|i| node(i, &log)).collect();
        let stats = gc_core::get_stats();
        assert_eq!(stats.iter().map(|s| s.backoffs).sum::<u64>(), 0);
        assert_eq!(gc_core::get_young_threshold(), 500);
        assert!(stats[0].collections + stats[1].collections + stats[2].collections >= 19);
        drop(keep);
    });
}

#[test]
fn manual_generation0_collections_do_not_starve_generation1() {
    // CPython gh-122567: calling collect(0) often kept generation 1 from ever being collected.
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_threshold(100, 3, 3);
        for i in 0..50 {
            let n = node(i, &log);
            link(&n, &n);
            drop(n);
            gc_core::collect_generation(0); // the cycle is collected in generation 0
            let m = node(1000 + i, &log);
            link(&m, &m);
            let keep = m.clone();
            gc_core::collect_generation(0); // promotes the cycle to generation 1
            drop(keep); // now garbage in generation 1
        }
        assert!(
            gc_core::get_stats()[1].collections >= 10,
            "{:?}",
            gc_core::get_stats()
        );
        // Only the cycles made since the last generation-1 collection may remain.
        let promoted_freed = log.0.borrow().iter().filter(|&&id| id >= 1000).count();
        assert!(
            promoted_freed >= 45,
            "cycles in generation 1 were collected: {promoted_freed}"
        );
    });
}

#[test]
fn pending_count_forgets_promoted_objects_that_die() {
    // CPython gh-122569: objects promoted into generation 2 that died by reference count still
    // counted towards the long-lived rule.
    fresh(|| {
        let log = DropLog::default();
        gc_core::set_threshold(0, 0, 0);
        let long_lived: Vec<_> = (0..100).map(|i| node(i, &log)).collect();
        gc_core::collect(); // 100 objects survived a full collection
        let short: Vec<_> = (0..40).map(|i| node(1000 + i, &log)).collect();
        gc_core::collect_generation(1); // 40 promoted into generation 2: 40% pending
        let mut stats = gc_core::get_stats();
        drop(short); // they die by reference count
        gc_core::set_threshold(1, 0, 0);
        // The policy: generation 2 is due by count but only 0 objects are pending now.
        let _x = node(5000, &log);
        let _y = node(5001, &log);
        let after = gc_core::get_stats();
        assert_eq!(
            after[2].collections, stats[2].collections,
            "no full collection for dead pending objects"
        );
        stats = after;
        let _ = stats;
        drop(long_lived);
    });
}

#[test]
fn weak_references_are_cleared_before_teardown() {
    fresh(|| {
        let log = DropLog::default();
        let a = node(1, &log);
        link(&a, &a);
        let w: Weak<Node> = Cc::downgrade(&a);
        assert_eq!(Cc::weak_count(&a), 1);
        assert_eq!(w.upgrade().map(|n| n.id), Some(1));
        drop(a);
        assert!(w.upgrade().is_some(), "alive until collected");
        assert_eq!(gc_core::collect(), 1);
        assert!(w.upgrade().is_none());
        assert_eq!(w.strong_count(), 0);
        assert!(Weak::<Node>::new().upgrade().is_none());
    });
}

#[test]
fn dropping_a_million_long_chain_uses_bounded_stack() {
    #[derive(Trace)]
    struct Link {
        next: Option<Cc<Link>>,
    }
    let n = if cfg!(miri) { 2_000 } else { 1_000_000 };
    on_small_stack(256 << 10, move || {
        let mut head = None;
        for _ in 0..n {
            head = Some(Cc::new(Link { next: head }));
        }
        drop(head);
    });
}

/// A chain of `n` tracked nodes, `0 -> 1 -> ... -> n-1`; returns its first and last node.
fn tracked_chain(n: u32, log: &DropLog) -> (Cc<Node>, Cc<Node>) {
    let first = node(0, log);
    let mut last = first.clone();
    for i in 1..n {
        let next = node(i, log);
        link(&last, &next);
        last = next;
    }
    (first, last)
}

#[test]
fn collecting_a_million_long_ring_uses_bounded_stack() {
    let n: u32 = if cfg!(miri) { 1_000 } else { 1_000_000 };
    on_small_stack(256 << 10, move || {
        let log = DropLog::default();
        gc_core::set_threshold(0, 0, 0);
        let (first, last) = tracked_chain(n, &log);
        link(&last, &first);
        drop((first, last));
        assert_eq!(gc_core::collect(), n as usize);
        assert_eq!(log.total(), n as usize);
    });
}

#[test]
fn marking_a_long_live_chain_uses_bounded_stack() {
    let n: u32 = if cfg!(miri) { 1_000 } else { 300_000 };
    on_small_stack(256 << 10, move || {
        let log = DropLog::default();
        gc_core::set_threshold(0, 0, 0);
        let (first, last) = tracked_chain(n, &log);
        drop(last);
        assert_eq!(gc_core::collect(), 0);
        assert_eq!(log.total(), 0);
        drop(first);
        assert_eq!(log.total(), n as usize);
    });
}

#[test]
fn freeze_hides_objects_from_collection() {
    fresh(|| {
        let log = DropLog::default();
        let a = node(1, &log);
        link(&a, &a);
        let _kept = node(2, &log);
        gc_core::freeze();
        assert_eq!(gc_core::get_freeze_count(), 2);
        assert_eq!(gc_core::get_count(), (0, 0, 0));
        assert_eq!(Cc::generation(&a), None);
        assert!(Cc::is_tracked(&a));
        drop(a);
        assert_eq!(gc_core::collect(), 0, "frozen garbage is not examined");
        gc_core::unfreeze();
        assert_eq!(gc_core::get_freeze_count(), 0);
        assert_eq!(gc_core::collect(), 1);
        assert_eq!(log.count(1), 1);
    });
}

#[test]
fn stats_count_collections_candidates_and_collected() {
    fresh(|| {
        let log = DropLog::default();
        let keep = node(0, &log);
        let a = node(1, &log);
        link(&a, &a);
        drop(a);
        assert_eq!(gc_core::collect_generation(0), 1);
        let s = gc_core::get_stats();
        assert_eq!(s[0].collections, 1);
        assert_eq!(s[0].candidates, 2);
        assert_eq!(s[0].collected, 1);
        assert_eq!(s[0].uncollectable, 0);
        assert!(s[0].duration > std::time::Duration::ZERO);
        assert_eq!(s[1], gc_core::GenerationStats::default());
        drop(keep);
    });
}

#[test]
fn borrowed_refcell_keeps_its_contents_during_collection() {
    fresh(|| {
        let log = DropLog::default();
        let a = node(1, &log);
        let b = node(2, &log);
        link(&a, &b);
        link(&b, &a);
        let weak_a = Cc::downgrade(&a);
        let borrow_holder = b.clone();
        drop((a, b));
        {
            let guard = borrow_holder.edges.borrow_mut(); // b's edges unreadable now
            assert_eq!(gc_core::collect(), 0);
            drop(guard);
        }
        assert!(weak_a.upgrade().is_some());
        drop(borrow_holder);
        assert_eq!(gc_core::collect(), 2);
    });
}

#[test]
fn borrowed_refcell_of_garbage_cycle_is_kept_not_an_error() {
    // The borrowed cell belongs to an object that is only referenced by the cycle; the
    // collector cannot see inside it, so the whole cycle is kept for this collection.
    fresh(|| {
        let log = DropLog::default();
        let a = node(1, &log);
        link(&a, &a);
        let weak = Cc::downgrade(&a);
        let edges: *const RefCell<Vec<Cc<Node>>> = &a.edges;
        drop(a);
        // SAFETY: `a` is kept alive by its self-reference.
        let guard = unsafe { &*edges }.borrow_mut();
        assert_eq!(gc_core::collect(), 0);
        drop(guard);
        assert!(weak.upgrade().is_some());
        drop(weak);
        assert_eq!(gc_core::collect(), 1);
    });
}

#[test]
fn derived_types_compile_for_generics_enums_and_recursion() {
    #[derive(Trace)]
    struct Generic<T> {
        item: T,
        more: Vec<T>,
    }
    #[derive(Trace)]
    enum Tree {
        Leaf,
        Branch(Box<Tree>, Box<Tree>),
    }
    #[derive(Trace)]
    enum Expr {
        Call(Box<Expr>, Vec<Stmt>),
        Lit(i64),
    }
    #[derive(Trace)]
    struct Stmt {
        expr: Option<Box<Expr>>,
        cell: RefCell<Option<Cc<Stmt>>>,
    }
    fresh(|| {
        let g = Cc::new(Generic {
            item: 1_u8,
            more: vec![2, 3],
        });
        assert!(!Cc::is_tracked(&g));
        let t = Cc::new(Tree::Branch(Box::new(Tree::Leaf), Box::new(Tree::Leaf)));
        assert!(!Cc::is_tracked(&t));
        let e = Cc::new(Expr::Call(Box::new(Expr::Lit(1)), vec![]));
        assert!(!Cc::is_tracked(&e));
        let s = Cc::new(Stmt {
            expr: None,
            cell: RefCell::new(None),
        });
        assert!(Cc::is_tracked(&s));
        *s.cell.borrow_mut() = Some(s.clone());
        drop(s);
        assert_eq!(gc_core::collect(), 1);
    });
}

#[test]
fn standard_containers_are_traced() {
    use std::collections::{BTreeMap, HashMap, VecDeque};
    #[derive(Trace)]
    struct Bag {
        map: RefCell<HashMap<String, Cc<Bag>>>,
        tree: RefCell<BTreeMap<u32, Cc<Bag>>>,
        deque: RefCell<VecDeque<Cc<Bag>>>,
        pair: RefCell<Option<(u8, Cc<Bag>)>>,
        slice: RefCell<Box<[Cc<Bag>]>>,
        array: RefCell<[Option<Cc<Bag>>; 2]>,
        res: RefCell<Result<Cc<Bag>, String>>,
    }
    fn bag() -> Cc<Bag> {
        Cc::new(Bag {
            map: RefCell::default(),
            tree: RefCell::default(),
            deque: RefCell::default(),
            pair: RefCell::default(),
            slice: RefCell::new(Box::new([])),
            array: RefCell::default(),
            res: RefCell::new(Err(String::new())),
        })
    }
    fresh(|| {
        let bags: Vec<_> = (0..7).map(|_| bag()).collect();
        bags[0].map.borrow_mut().insert("x".into(), bags[1].clone());
        bags[1].tree.borrow_mut().insert(1, bags[2].clone());
        bags[2].deque.borrow_mut().push_back(bags[3].clone());
        *bags[3].pair.borrow_mut() = Some((1, bags[4].clone()));
        *bags[4].slice.borrow_mut() = Box::new([bags[5].clone()]);
        bags[5].array.borrow_mut()[1] = Some(bags[6].clone());
        *bags[6].res.borrow_mut() = Ok(bags[0].clone());
        let weak = Cc::downgrade(&bags[3]);
        drop(bags);
        assert_eq!(gc_core::collect(), 7);
        assert!(weak.upgrade().is_none());
    });
}

/// `move_unreachable` stops tracing once every candidate left at gc_refs 0 has been marked or
/// rescued, and keeps the rest of the walk as it is. Each arrangement below settles its last
/// open verdict at a different point of the walk (by a mark ahead, by a rescue, or never,
/// because garbage is left), and the collection must keep exactly the live objects.
#[test]
fn verdicts_settled_early_keep_exactly_the_live_objects() {
    fresh(|| {
        gc_core::set_threshold(0, 0, 0);
        let log = DropLog::default();
        // Rescue: `b` (held only by `a`) is walked first and moved out, then `a` rescues it;
        // `c` and `d` come after the last open verdict.
        let b = node(1, &log);
        let a = node(2, &log);
        link(&a, &b);
        drop(b);
        let c = node(3, &log);
        let d = node(4, &log);
        link(&c, &d);
        assert_eq!(gc_core::collect_generation(0), 0);
        assert_eq!(gc_core::get_count(), (0, 1, 0));
        assert_eq!(log.total(), 0);
        assert_eq!(a.edges.borrow()[0].id, 1);

        // Marks ahead: `e` marks `f`, `g` marks `h`, which is the last node.
        let e = node(5, &log);
        let f = node(6, &log);
        link(&e, &f);
        let g = node(7, &log);
        let h = node(8, &log);
        link(&g, &h);
        drop((f, h));
        assert_eq!(gc_core::collect_generation(0), 0);
        assert_eq!(log.total(), 0);

        // Garbage keeps a verdict open to the end: the cycle is found among live objects that
        // need no tracing, before and after it.
        let live_before: Vec<_> = (10..20).map(|i| node(i, &log)).collect();
        let x = node(30, &log);
        let y = node(31, &log);
        link(&x, &y);
        link(&y, &x);
        drop((x, y));
        let live_after: Vec<_> = (20..30).map(|i| node(i, &log)).collect();
        for w in live_before.windows(2).chain(live_after.windows(2)) {
            link(&w[0], &w[1]);
        }
        assert_eq!(gc_core::collect_generation(0), 2);
        assert_eq!((log.count(30), log.count(31), log.total()), (1, 1, 2));

        // Everything above is in generation 1 now; a full collection walks it all again.
        assert_eq!(gc_core::collect(), 0);
        drop((a, c, d, e, g, live_before, live_after));
        assert_eq!(log.total(), 2 + 8 + 20);
        assert_eq!(gc_core::collect(), 0);
    });
}

/// A slice object of edges to `Other`s.
type OtherSlice = Cc<[RefCell<Option<Cc<Other>>>]>;

/// An object of a type other than `Node`, with edges to both types and to a slice object.
#[derive(Trace)]
struct Other {
    #[trace(skip)]
    id: u32,
    to_node: RefCell<Option<Cc<Node>>>,
    to_other: RefCell<Option<Cc<Other>>>,
    to_slice: RefCell<Option<OtherSlice>>,
    #[trace(skip)]
    log: DropLog,
}

impl Drop for Other {
    fn drop(&mut self) {
        self.log.0.borrow_mut().push(self.id);
    }
}

fn other(id: u32, log: &DropLog) -> Cc<Other> {
    Cc::new(Other {
        id,
        to_node: RefCell::new(None),
        to_other: RefCell::new(None),
        to_slice: RefCell::new(None),
        log: log.clone(),
    })
}

/// `subtract_refs` traces a run of objects of one type with that type's `Trace` and starts a
/// new run at each change of type (slices included): cycles through objects of three types,
/// allocated interleaved and in runs, are found exactly, and their live neighbours kept.
#[test]
fn runs_of_one_type_end_where_the_type_changes() {
    fresh(|| {
        gc_core::set_threshold(0, 0, 0);
        let log = DropLog::default();
        let n1 = node(1, &log);
        let o1 = other(101, &log);
        let slice: OtherSlice = Cc::from(vec![RefCell::new(None), RefCell::new(None)]);
        assert!(Cc::is_tracked(&slice));
        let n2 = node(2, &log);
        let o2 = other(102, &log);
        let live_node = node(3, &log);
        let live_other = other(103, &log);
        // A run of one type, half of it a garbage ring, half live.
        let run: Vec<_> = (40..60).map(|i| node(i, &log)).collect();
        // Garbage: n1 <-> n2; o1 -> slice -> o2 -> o1, with edges into the node ring.
        link(&n1, &n2);
        link(&n2, &n1);
        *o1.to_slice.borrow_mut() = Some(slice.clone());
        *slice[1].borrow_mut() = Some(o2.clone());
        *o2.to_other.borrow_mut() = Some(o1.clone());
        *o1.to_node.borrow_mut() = Some(n1.clone());
        // Live: an edge from the live `Other` into the garbage would keep it, so it points at
        // live objects only.
        *live_other.to_node.borrow_mut() = Some(live_node.clone());
        for w in run[..10].windows(2) {
            link(&w[0], &w[1]);
        }
        link(&run[9], &run[0]);
        for w in run[10..].windows(2) {
            link(&w[0], &w[1]);
        }
        let (live_run, dead_run) = {
            let mut run = run;
            let live = run.split_off(10);
            (live, run)
        };
        drop((n1, n2, o1, o2, slice, dead_run));
        assert_eq!(log.total(), 0);
        // n1, n2, o1, o2, the slice, and the ring of 10.
        assert_eq!(gc_core::collect_generation(0), 15);
        assert_eq!(log.total(), 14, "every object but the slice logs its drop");
        assert!([1, 2, 101, 102].iter().all(|&id| log.count(id) == 1));
        assert!((40..50).all(|id| log.count(id) == 1));
        assert_eq!(live_other.to_node.borrow().as_ref().unwrap().id, 3);
        assert_eq!(live_run[0].edges.borrow()[0].id, 51);
        assert_eq!(gc_core::collect(), 0);
        drop((live_node, live_other, live_run));
        assert_eq!(log.total(), 14 + 2 + 10);
    });
}
