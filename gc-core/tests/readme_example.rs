//! The examples of `README.md`, and the claims it makes about finalizer order and about
//! collections run inside `Cc::new`.
//!
//! Each `readme_*` test body is the code of one README example, unchanged; keep them in sync.

use gc_core::{Cc, Finalize, Trace};
use std::cell::RefCell;

/// The "Example" section.
#[test]
fn readme_example() {
    use gc_core::{Cc, Trace};
    use std::cell::RefCell;

    #[derive(Trace)]
    struct Node(&'static str, RefCell<Vec<Cc<Node>>>); // a name, and edges to other nodes

    let root = Cc::new(Node("root", RefCell::default()));
    let child = Cc::new(Node("child", RefCell::default()));
    root.1.borrow_mut().push(child.clone());
    child.1.borrow_mut().push(root.clone()); // a cycle: root <-> child
    let watch = Cc::downgrade(&child);
    assert_eq!(watch.upgrade().unwrap().0, "child");

    drop((root, child)); // the counts stay at 1: `Rc` would leak both
    assert!(watch.upgrade().is_some()); // still alive
    assert_eq!(gc_core::collect(), 2); // the collector finds the cycle and frees it
    assert!(watch.upgrade().is_none());
}

/// "`Cc::new` can run a collection".
#[test]
fn readme_collection_inside_new() {
    use gc_core::{Cc, Trace};
    use std::cell::{Cell, RefCell};

    thread_local!(static DROPS: Cell<u32> = const { Cell::new(0) });

    #[derive(Trace)]
    struct Node {
        next: RefCell<Option<Cc<Node>>>,
    }
    impl Drop for Node {
        fn drop(&mut self) {
            DROPS.with(|d| d.set(d.get() + 1));
        }
    }

    gc_core::set_threshold(10, 10, 10);
    let a = Cc::new(Node {
        next: RefCell::new(None),
    });
    *a.next.borrow_mut() = Some(a.clone());
    drop(a); // garbage, waiting for a collection

    let mut kept = Vec::new();
    let mut dropped_inside_new = false;
    for _ in 0..20 {
        let before = DROPS.with(Cell::get);
        kept.push(Cc::new(Node {
            next: RefCell::new(None),
        })); // may collect
        dropped_inside_new |= DROPS.with(Cell::get) > before;
    }
    assert!(dropped_inside_new);
    gc_core::set_threshold(2000, 10, 10);
}

/// "Threads: `gc_core::sync`".
#[test]
fn readme_sync() {
    use gc_core::sync::{self, Cc};
    use gc_core::Trace;
    use std::sync::Mutex;

    #[derive(Trace)]
    struct Node {
        next: Mutex<Option<Cc<Node>>>,
    }

    let a = Cc::new(Node {
        next: Mutex::new(None),
    });
    let b = Cc::new(Node {
        next: Mutex::new(Some(a.clone())),
    });
    let (a2, b2) = (a.clone(), b.clone());
    std::thread::spawn(move || {
        let m = sync::enter(); // attach, briefly
        *a2.get(&m).next.lock().unwrap() = Some(b2.clone()); // a -> b -> a
    })
    .join()
    .unwrap();
    drop((a, b));
    assert!(sync::collect() >= 2);
}

thread_local! {
    static EVENTS: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

fn log(event: String) {
    EVENTS.with(|e| e.borrow_mut().push(event));
}

fn take_events() -> Vec<String> {
    EVENTS.with(|e| std::mem::take(&mut *e.borrow_mut()))
}

/// A finalizable cycle member that logs its finalizer (and whether its successor was still
/// intact then) and its drop.
#[derive(Trace)]
struct Member {
    name: &'static str,
    next: RefCell<Option<Cc<Member>>>,
}

impl Finalize for Member {
    fn finalize(this: &Cc<Self>) {
        let next_intact = this
            .next
            .borrow()
            .as_ref()
            .is_some_and(|n| Cc::try_deref(n).is_some());
        log(format!("finalize {} next_intact={next_intact}", this.name));
    }
}

impl Drop for Member {
    fn drop(&mut self) {
        log(format!("drop {}", self.name));
    }
}

fn member(name: &'static str) -> Cc<Member> {
    Cc::new_finalizable(Member {
        name,
        next: RefCell::new(None),
    })
}

fn link(from: &Cc<Member>, to: &Cc<Member>) {
    *from.next.borrow_mut() = Some(to.clone());
}

fn finalized(events: &[String]) -> Vec<&str> {
    events
        .iter()
        .filter_map(|e| e.strip_prefix("finalize "))
        .map(|e| e.split(' ').next().unwrap())
        .collect()
}

/// "Finalizers, and their order in a cycle": members created since the last collection are
/// finalized in creation order, whatever the direction of the references, all before any drop
/// and with the whole set intact.
#[test]
fn finalizers_of_a_new_cycle_run_in_creation_order() {
    gc_core::collect();
    take_events();
    for links in [["a", "b", "c"], ["c", "b", "a"], ["b", "a", "c"]] {
        let (a, b, c) = (member("a"), member("b"), member("c"));
        let by_name = |n: &str| match n {
            "a" => a.clone(),
            "b" => b.clone(),
            _ => c.clone(),
        };
        // A ring through the members in the order `links` gives.
        for i in 0..3 {
            link(&by_name(links[i]), &by_name(links[(i + 1) % 3]));
        }
        drop((a, b, c));
        assert_eq!(gc_core::collect(), 3);
        let events = take_events();
        assert_eq!(
            finalized(&events),
            ["a", "b", "c"],
            "ring {links:?}: {events:?}"
        );
        assert!(
            events[..3].iter().all(|e| e.ends_with("next_intact=true")),
            "{events:?}"
        );
        assert_eq!(events.iter().filter(|e| e.starts_with("drop ")).count(), 3);
    }
}

/// A member that already survived a collection sits in an older generation, which comes after
/// generation 0 in the collector's working list: it is finalized after the members created
/// since, although it was created first.
#[test]
fn finalizers_of_older_generations_run_after_younger_ones() {
    gc_core::collect();
    take_events();
    let old = member("old");
    assert_eq!(gc_core::collect(), 0); // `old` survives into an older generation
    let (x, y) = (member("x"), member("y"));
    link(&old, &x);
    link(&x, &y);
    link(&y, &old);
    drop((old, x, y));
    assert_eq!(gc_core::collect(), 3);
    let events = take_events();
    assert_eq!(finalized(&events), ["x", "y", "old"], "{events:?}");
}
