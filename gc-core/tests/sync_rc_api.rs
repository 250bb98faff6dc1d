//! `Rc`'s (`Arc`'s) API on the sync `Cc`: new_cyclic, try_unwrap, into_inner, get_mut,
//! make_mut, the `Weak` counts, `Default`/`From`.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use gc_core::sync::{self, Cc, Weak};
use gc_core::Trace;

/// Every test here runs alone: a collection started by one test (explicit or automatic)
/// would otherwise free another test's garbage before it asserts that the garbage is still
/// there.
static SERIAL: Mutex<()> = Mutex::new(());

fn serial() -> MutexGuard<'static, ()> {
    let g = SERIAL.lock().unwrap_or_else(|p| p.into_inner());
    sync::collect();
    g
}

#[derive(Trace)]
struct Node {
    me: Weak<Node>,
    next: Mutex<Option<Cc<Node>>>,
    #[trace(skip)]
    drops: Arc<AtomicU32>,
}

impl Drop for Node {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn new_cyclic_then_a_self_cycle_is_collected() {
    let _serial = serial();
    let drops = Arc::new(AtomicU32::new(0));
    let a = Cc::new_cyclic(|me: &Weak<Node>| {
        assert!(me.upgrade().is_none());
        Node {
            me: me.clone(),
            next: Mutex::new(None),
            drops: drops.clone(),
        }
    });
    let weak = {
        let m = sync::enter();
        let node = a.get(&m);
        assert!(Cc::ptr_eq(&node.me.upgrade().unwrap(), &a));
        *node.next.lock().unwrap() = Some(a.clone());
        node.me.clone()
    };
    assert!(Cc::is_tracked(&a));
    drop(a);
    assert_eq!(drops.load(Ordering::SeqCst), 0);
    sync::collect();
    assert_eq!(drops.load(Ordering::SeqCst), 1);
    assert!(weak.upgrade().is_none());
}

#[test]
fn into_inner_from_two_threads_gives_the_value_to_exactly_one() {
    let _serial = serial();
    for _ in 0..if cfg!(miri) { 3 } else { 200 } {
        let drops = Arc::new(AtomicU32::new(0));
        let a = Cc::new(Node {
            me: Weak::new(),
            next: Mutex::new(None),
            drops: drops.clone(),
        });
        let b = a.clone();
        let t = std::thread::spawn(move || Cc::into_inner(b).is_some());
        let here = Cc::into_inner(a).is_some();
        let there = t.join().unwrap();
        assert!(here ^ there, "exactly one thread gets the value");
        assert_eq!(
            drops.load(Ordering::SeqCst),
            1,
            "dropped once, by its new owner"
        );
    }
}

#[test]
fn try_unwrap_keeps_shared_objects_and_clears_weaks() {
    let _serial = serial();
    let a = Cc::new(String::from("x"));
    let b = a.clone();
    let a = Cc::try_unwrap(a).unwrap_err();
    drop(b);
    let w = Cc::downgrade(&a);
    assert_eq!(Cc::try_unwrap(a).unwrap(), "x");
    assert!(w.upgrade().is_none());
    assert_eq!((w.strong_count(), w.weak_count()), (0, 0));
}

#[test]
fn get_mut_tracks_an_untracked_object_so_its_cycle_is_collected() {
    let _serial = serial();
    #[derive(Trace)]
    struct Pair {
        other: Option<Cc<Pair>>,
        cell: Mutex<Option<Cc<Pair>>>,
    }
    #[derive(Trace)]
    struct Frozen {
        child: Option<Cc<Pair>>,
    }
    let mut frozen = Cc::new(Frozen { child: None });
    assert!(!Cc::is_tracked(&frozen));
    let partner = Cc::new(Pair {
        other: None,
        cell: Mutex::new(None),
    });
    let weak = {
        let m = sync::enter();
        Cc::get_mut(&mut frozen, &m).unwrap().child = Some(partner.clone());
        Cc::downgrade(&frozen)
    };
    assert!(Cc::is_tracked(&frozen));
    drop((frozen, partner));
    assert!(weak.upgrade().is_none(), "no cycle: freed by count");

    let mut lone = Cc::new(Pair {
        other: None,
        cell: Mutex::new(None),
    });
    let partner = Cc::new(Pair {
        other: None,
        cell: Mutex::new(None),
    });
    let weak = {
        let m = sync::enter();
        Cc::get_mut(&mut lone, &m).unwrap().other = Some(partner.clone());
        *partner.get(&m).cell.lock().unwrap() = Some(lone.clone());
        assert!(
            Cc::get_mut(&mut lone, &m).is_none(),
            "partner holds a handle"
        );
        Cc::downgrade(&lone)
    };
    drop((lone, partner));
    assert!(weak.upgrade().is_some());
    sync::collect();
    assert!(weak.upgrade().is_none());
}

#[test]
fn make_mut_clones_shared_values() {
    let _serial = serial();
    let mut a = Cc::new(5);
    let b = a.clone();
    let m = sync::enter();
    *Cc::make_mut(&mut a, &m) += 1;
    assert_eq!((*a.get(&m), *b.get(&m)), (6, 5));
    let p = Cc::downgrade(&a);
    *Cc::make_mut(&mut a, &m) += 1;
    assert!(p.upgrade().is_none(), "a Weak existed: the value moved");
    assert_eq!(*a.get(&m), 7);
}

#[test]
fn default_from_and_weak_counts() {
    let _serial = serial();
    let a: Cc<Vec<u8>> = Cc::default();
    let b: Cc<u8> = 3.into();
    let w = Cc::downgrade(&b);
    let w2 = w.clone();
    assert_eq!(w.weak_count(), 2);
    assert!(Weak::ptr_eq(&w, &w2));
    let m = sync::enter();
    assert!(a.get(&m).is_empty());
    assert_eq!(*b.get(&m), 3);
}

trait Animal: Send + Sync {
    fn friends(&self) -> usize;
}

#[derive(Trace)]
struct Dog {
    friends: Mutex<Vec<Cc<dyn Animal>>>,
    #[trace(skip)]
    drops: Arc<AtomicU32>,
}

impl Animal for Dog {
    fn friends(&self) -> usize {
        self.friends.lock().unwrap().len()
    }
}

impl Drop for Dog {
    fn drop(&mut self) {
        self.drops.fetch_add(1, Ordering::SeqCst);
    }
}

#[test]
fn dyn_objects_form_cycles_across_threads_that_are_collected() {
    let _serial = serial();
    let drops = Arc::new(AtomicU32::new(0));
    let dog = |drops: &Arc<AtomicU32>| {
        Cc::new(Dog {
            friends: Mutex::new(vec![]),
            drops: drops.clone(),
        })
    };
    let (rex, fido) = (dog(&drops), dog(&drops));
    let rex_dyn: Cc<dyn Animal> = gc_core::coerce_sync_cc!(rex.clone());
    let fido_dyn: Cc<dyn Animal> = gc_core::coerce_sync_cc!(fido.clone());
    let weak = Cc::downgrade(&rex_dyn);
    let t = std::thread::spawn(move || {
        let m = sync::enter();
        rex.get(&m).friends.lock().unwrap().push(fido_dyn);
        fido.get(&m).friends.lock().unwrap().push(rex_dyn);
        assert_eq!(rex.get(&m).friends(), 1);
    });
    t.join().unwrap();
    assert_eq!(drops.load(Ordering::SeqCst), 0, "the cycle keeps both");
    sync::collect();
    assert_eq!(drops.load(Ordering::SeqCst), 2);
    assert!(weak.upgrade().is_none());
}

#[test]
fn slices_and_strings() {
    let _serial = serial();
    let drops = Arc::new(AtomicU32::new(0));
    let items: Cc<[Node]> = (0..3)
        .map(|_| Node {
            me: Weak::new(),
            next: Mutex::new(None),
            drops: drops.clone(),
        })
        .collect();
    assert!(
        Cc::is_tracked(&items),
        "Mutex<Option<Cc>> items are tracked"
    );
    let other = items.clone();
    std::thread::spawn(move || assert_eq!(Cc::with(&other, <[Node]>::len), 3))
        .join()
        .unwrap();
    drop(items);
    assert_eq!(drops.load(Ordering::SeqCst), 3);

    let s: Cc<str> = Cc::from("sync ✓");
    assert!(!Cc::is_tracked(&s));
    let w = Cc::downgrade(&s);
    assert_eq!(Cc::with(&s, str::to_owned), "sync ✓");
    drop(s);
    assert!(w.upgrade().is_none());
    let empty: Cc<[u8]> = Cc::from(&[][..]);
    assert!(Cc::with(&empty, <[u8]>::is_empty));
}
