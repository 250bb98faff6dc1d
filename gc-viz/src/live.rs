//! Live versions of demos: the same heaps built from real gc-core objects, collected once
//! under the phase observer ([`record_collection`]). `gc-viz demo NAME --live` draws these, so
//! the pictures show what gc-core did rather than what the simulation predicts.
//!
//! Each function cleans up after itself: it breaks the cycles it made that survived, so no
//! object of its own is left on the thread's heap.

use crate::capture::{record_collection, CaptureOptions};
use crate::phase::Collection;
use gc_core::{AnyCc, Cc, Finalize, Trace, Weak};
use std::cell::RefCell;

/// A node of CPython's documented example.
#[derive(Trace)]
struct Link {
    /// Its label.
    #[trace(skip)]
    name: &'static str,
    /// The next link.
    next_link: RefCell<Option<Cc<Link>>>,
}

/// Names of the demos that have a live version.
pub const LIVE_DEMOS: &[&str] = &["cpython-doc", "finalizer"];

/// The live collection of demo `name`, if it has one.
pub fn collection(name: &str) -> Option<Collection> {
    match name {
        "cpython-doc" => Some(cpython_doc()),
        "finalizer" => Some(finalizer()),
        _ => None,
    }
}

/// link_1 -> link_2 -> link_3 -> link_1 held through link_1 as `A`, and link_4 -> link_4;
/// one collection of generation 0.
pub fn cpython_doc() -> Collection {
    let links: Vec<Cc<Link>> = ["link_1", "link_2", "link_3", "link_4"]
        .into_iter()
        .map(|name| {
            Cc::new(Link {
                name,
                next_link: RefCell::new(None),
            })
        })
        .collect();
    for (from, to) in [(0, 1), (1, 2), (2, 0), (3, 3)] {
        *links[from].next_link.borrow_mut() = Some(links[to].clone());
    }
    let mut opts = CaptureOptions {
        only_from_roots: false,
        ..CaptureOptions::default()
    };
    for l in &links {
        opts = opts.label(&AnyCc::from(l), l.name);
    }
    let a = links[0].clone();
    drop(links);
    let c = record_collection(0, &[("A", AnyCc::from(&a))], &opts);
    // Break the surviving cycle so reference counting frees it when `a` goes.
    a.next_link.borrow_mut().take();
    c
}

/// A phoenix whose finalizer saves it, with the feather it is in a cycle with.
#[derive(Trace)]
struct Phoenix {
    /// Its feather.
    feather: RefCell<Option<Cc<Feather>>>,
}

/// The phoenix's feather, pointing back at it.
#[derive(Trace)]
struct Feather {
    /// The owner.
    owner: RefCell<Option<Cc<Phoenix>>>,
}

/// Two objects in a cycle.
#[derive(Trace)]
struct Husk {
    /// The other one.
    other: RefCell<Option<Cc<Husk>>>,
}

/// Holds a weak reference.
#[derive(Trace)]
struct Watcher {
    /// The watched object.
    target: RefCell<Weak<Husk>>,
}

thread_local! {
    /// Where the phoenix's finalizer saves it.
    static ASHES: RefCell<Vec<Cc<Phoenix>>> = const { RefCell::new(Vec::new()) };
}

impl Finalize for Phoenix {
    fn finalize(this: &Cc<Self>) {
        ASHES.with(|a| a.borrow_mut().push(this.clone()));
    }
}

/// A garbage cycle with a resurrecting finalizer, a plain garbage cycle, and a watcher whose
/// weak reference to the plain cycle is cleared; one collection of generation 0.
pub fn finalizer() -> Collection {
    let phoenix = Cc::new_finalizable(Phoenix {
        feather: RefCell::new(None),
    });
    let feather = Cc::new(Feather {
        owner: RefCell::new(Some(phoenix.clone())),
    });
    *phoenix.feather.borrow_mut() = Some(feather.clone());
    let husk = Cc::new(Husk {
        other: RefCell::new(None),
    });
    let nest = Cc::new(Husk {
        other: RefCell::new(Some(husk.clone())),
    });
    *husk.other.borrow_mut() = Some(nest.clone());
    let watcher = Cc::new(Watcher {
        target: RefCell::new(Cc::downgrade(&husk)),
    });
    let opts = CaptureOptions::default()
        .label(&AnyCc::from(&phoenix), "phoenix")
        .label(&AnyCc::from(&feather), "feather")
        .label(&AnyCc::from(&husk), "husk")
        .label(&AnyCc::from(&nest), "nest")
        .label(&AnyCc::from(&watcher), "watcher");
    drop((phoenix, feather, husk, nest));
    let c = record_collection(0, &[("w", AnyCc::from(&watcher))], &opts);
    // The phoenix rose again; break its cycle and let it go.
    for p in ASHES.with(|a| std::mem::take(&mut *a.borrow_mut())) {
        if let Some(f) = p.feather.borrow_mut().take() {
            f.owner.borrow_mut().take();
        }
    }
    c
}
