//! Introspection: AnyCc, get_objects, referents with edge names, referrers, debug flags,
//! garbage, callbacks, tracing output.

mod common;

use common::{fresh, link, node, DropLog};
use gc_core::{callbacks, AnyCc, Cc, CollectInfo, DebugFlags, Phase, Trace, Weak};
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Trace)]
struct Obj {
    #[trace(skip)]
    name: &'static str,
    next: RefCell<Option<Cc<Obj>>>,
    items: RefCell<Vec<Cc<Obj>>>,
    attrs: RefCell<HashMap<String, Cc<Obj>>>,
    pair: (u8, Option<Cc<Obj>>),
    back: RefCell<Weak<Obj>>,
}

fn obj(name: &'static str, pair: Option<Cc<Obj>>) -> Cc<Obj> {
    Cc::new(Obj {
        name,
        next: RefCell::new(None),
        items: RefCell::default(),
        attrs: RefCell::default(),
        pair: (0, pair),
        back: RefCell::new(Weak::new()),
    })
}

#[test]
fn referents_have_exact_edge_names_in_trace_order() {
    fresh(|| {
        let a = obj("a", None);
        let b = obj("b", None);
        let c = obj("c", None);
        let d = obj("d", Some(c.clone()));
        *d.next.borrow_mut() = Some(a.clone());
        d.items.borrow_mut().push(b.clone());
        d.items.borrow_mut().push(c.clone());
        d.attrs.borrow_mut().insert("k".into(), a.clone());
        *d.back.borrow_mut() = Cc::downgrade(&b);
        let any = AnyCc::from(&d);
        let refs: Vec<(String, &'static str)> = any
            .referents()
            .into_iter()
            .map(|(name, o)| (name, o.downcast::<Obj>().unwrap().name))
            .collect();
        assert_eq!(
            refs,
            vec![
                ("next".to_string(), "a"),
                ("items[0]".to_string(), "b"),
                ("items[1]".to_string(), "c"),
                ("attrs[\"k\"]".to_string(), "a"),
                ("pair.1".to_string(), "c"),
            ]
        );
        let weak = any.weak_referents();
        assert_eq!(weak.len(), 1);
        assert_eq!(weak[0].0, "back");
        assert_eq!(weak[0].1.as_ref(), Some(&AnyCc::from(&b)));
        assert_eq!(gc_core::get_referents(&any).len(), 5);
        assert_eq!(any.strong_count(), 2, "the AnyCc is a strong handle");
        assert!(any.type_name().ends_with("Obj"));
        assert_eq!(any.generation(), Some(0));
        assert!(
            any.is_tracked() && !any.is_finalized() && !any.is_frozen() && !any.is_finalizable()
        );
        assert!(any.downcast::<String>().is_none());
    });
}

#[test]
fn ids_are_stable_and_distinct() {
    fresh(|| {
        let a = obj("a", None);
        let b = obj("b", None);
        let ia = AnyCc::from(&a).id();
        let ib = AnyCc::from(&b).id();
        assert_ne!(ia, ib);
        assert_eq!(AnyCc::from(a.clone()).id(), ia);
        drop(a);
        let c = obj("c", None);
        let ic = AnyCc::from(&c).id();
        assert!(ic != ia && ic != ib, "ids are never reused");
    });
}

#[test]
fn get_objects_by_generation_and_referrers() {
    fresh(|| {
        let log = DropLog::default();
        let old = node(1, &log);
        gc_core::collect_generation(0);
        let young = node(2, &log);
        let holder = node(3, &log);
        link(&holder, &young);
        link(&old, &young);
        let leaf = Cc::new(5_u32);
        let ids = |v: Vec<AnyCc>| {
            let mut v: Vec<u32> = v
                .iter()
                .map(|o| o.downcast::<common::Node>().unwrap().id)
                .collect();
            v.sort_unstable();
            v
        };
        assert_eq!(ids(gc_core::get_objects(Some(0))), vec![2, 3]);
        assert_eq!(ids(gc_core::get_objects(Some(1))), vec![1]);
        assert_eq!(ids(gc_core::get_objects(Some(2))), Vec::<u32>::new());
        assert_eq!(ids(gc_core::get_objects(None)), vec![1, 2, 3]);
        assert_eq!(
            ids(gc_core::get_referrers(&AnyCc::from(&young))),
            vec![1, 3]
        );
        assert!(gc_core::get_referrers(&AnyCc::from(&leaf)).is_empty());
        let before = gc_core::get_count();
        let _ = gc_core::get_objects(None);
        assert_eq!(
            gc_core::get_count(),
            before,
            "introspection tracks nothing of its own"
        );
        assert_eq!(gc_core::get_stats()[0].collections, 1, "and never collects");
    });
}

#[test]
fn callbacks_run_once_with_start_then_stop_and_the_numbers() {
    fresh(|| {
        let log = DropLog::default();
        let seen: Rc<RefCell<Vec<(Phase, CollectInfo)>>> = Rc::default();
        let s = seen.clone();
        let id = callbacks::add(move |phase, info| s.borrow_mut().push((phase, *info)));
        let keep = node(1, &log);
        let a = node(2, &log);
        link(&a, &a);
        drop(a);
        assert_eq!(gc_core::collect_generation(0), 1);
        {
            let seen = seen.borrow();
            assert_eq!(seen.len(), 2);
            assert_eq!(seen[0].0, Phase::Start);
            assert_eq!(seen[0].1.generation, 0);
            assert_eq!(seen[1].0, Phase::Stop);
            assert_eq!(
                (
                    seen[1].1.generation,
                    seen[1].1.collected,
                    seen[1].1.candidates
                ),
                (0, 1, 2)
            );
            assert_eq!(seen[1].1.uncollectable, 0);
        }
        assert!(callbacks::remove(id));
        assert!(!callbacks::remove(id));
        gc_core::collect();
        assert_eq!(seen.borrow().len(), 2);
        drop(keep);
    });
}

#[test]
fn debug_flags_behave_as_bitflags() {
    let f = DebugFlags::SAVEALL | DebugFlags::STATS;
    assert!(f.contains(DebugFlags::STATS));
    assert!(!f.contains(DebugFlags::COLLECTABLE));
    assert!(DebugFlags::LEAK
        .contains(DebugFlags::SAVEALL | DebugFlags::COLLECTABLE | DebugFlags::UNCOLLECTABLE));
    fresh(move || {
        gc_core::set_debug(f);
        assert_eq!(gc_core::get_debug(), f);
        gc_core::set_debug(DebugFlags::empty());
        assert!(gc_core::get_debug().is_empty());
    });
}
