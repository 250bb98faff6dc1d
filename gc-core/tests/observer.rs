//! The phase observer replays CPython's documented example (InternalDocs/garbage_collector.md):
//! link_1 -> link_2 -> link_3 -> link_1, held from outside through link_1, and a
//! self-referencing link_4.

use gc_core::observer::{self, ListKind, PhaseReport, Step};
use gc_core::{AnyCc, Cc, Trace};
use std::cell::RefCell;
use std::rc::Rc;

#[derive(Trace)]
struct Link {
    next: RefCell<Option<Cc<Link>>>,
}

fn new_link() -> Cc<Link> {
    Cc::new(Link {
        next: RefCell::new(None),
    })
}

#[test]
fn cpython_documented_example_phase_by_phase() {
    std::thread::spawn(|| {
        let reports: Rc<RefCell<Vec<PhaseReport>>> = Rc::default();
        let sink = reports.clone();
        let l1 = new_link();
        let l2 = new_link();
        let l3 = new_link();
        let l4 = new_link();
        *l1.next.borrow_mut() = Some(l2.clone());
        *l2.next.borrow_mut() = Some(l3.clone());
        *l3.next.borrow_mut() = Some(l1.clone());
        *l4.next.borrow_mut() = Some(l4.clone());
        let ids: Vec<u64> = [&l1, &l2, &l3, &l4]
            .iter()
            .map(|l| AnyCc::from(*l).id())
            .collect();
        let a = l1; // the outside reference
        drop((l2, l3, l4));
        observer::set(move |r: &PhaseReport| sink.borrow_mut().push(r.clone()));
        assert_eq!(gc_core::collect_generation(0), 1);
        observer::clear();

        let reports = reports.borrow();
        let steps: Vec<Step> = reports.iter().map(|r| r.step).collect();
        assert_eq!(
            steps,
            vec![
                Step::UpdateRefs,
                Step::SubtractRefs,
                Step::MoveUnreachable,
                Step::ClearWeakrefs,
                Step::DeleteGarbage,
                Step::Promote
            ]
        );
        let refs = |r: &PhaseReport| -> Vec<Option<isize>> {
            ids.iter()
                .map(|id| r.objects.iter().find(|o| o.id == *id).unwrap().gc_refs)
                .collect()
        };
        assert_eq!(refs(&reports[0]), vec![Some(2), Some(1), Some(1), Some(1)]);
        assert_eq!(refs(&reports[1]), vec![Some(1), Some(0), Some(0), Some(0)]);
        let lists = |r: &PhaseReport| -> Vec<ListKind> {
            ids.iter()
                .map(|id| r.objects.iter().find(|o| o.id == *id).unwrap().list)
                .collect()
        };
        assert_eq!(
            lists(&reports[2]),
            vec![
                ListKind::Young,
                ListKind::Young,
                ListKind::Young,
                ListKind::Unreachable
            ]
        );
        assert_eq!(lists(&reports[4])[3], ListKind::Freed);
        assert_eq!(
            lists(&reports[5]),
            vec![
                ListKind::Old(1),
                ListKind::Old(1),
                ListKind::Old(1),
                ListKind::Freed
            ]
        );
        let internal = reports[1].edges.iter().filter(|e| e.internal).count();
        assert_eq!(internal, 4, "l1->l2, l2->l3, l3->l1, l4->l4");
        assert!(reports[1].edges.iter().all(|e| e.name == "next"));
        drop(a);
        assert_eq!(gc_core::collect(), 3);
    })
    .join()
    .unwrap();
}

#[test]
fn a_panicking_observer_does_not_stop_the_collection_and_its_panic_is_re_raised() {
    std::thread::spawn(|| {
        let l = new_link();
        *l.next.borrow_mut() = Some(l.clone());
        let weak = Cc::downgrade(&l);
        drop(l);
        observer::set(|r: &PhaseReport| {
            if r.step == Step::SubtractRefs {
                panic!("observer bomb");
            }
        });
        let r = std::panic::catch_unwind(gc_core::collect);
        observer::clear();
        assert_eq!(
            *r.unwrap_err().downcast_ref::<&str>().unwrap(),
            "observer bomb"
        );
        assert!(weak.upgrade().is_none(), "the garbage was still collected");
        assert_eq!(gc_core::collect(), 0);
    })
    .join()
    .unwrap();
}
