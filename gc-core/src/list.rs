//! Intrusive circular doubly linked lists of tracked objects, with a sentinel head.
//!
//! A head is a [`Links`] that belongs to no object. Heads never move once initialised: the
//! generation heads live in the thread's heap (a thread-local), the collector's temporary heads
//! on its stack frame for the duration of one collection.
//!
//! Invariant (outside a collection's trial-deletion passes): for every node `n` in a list,
//! `n.next.prev == n` and `n.prev.next == n`. During those passes the `prev` words of the
//! candidates hold scratch values (see [`crate::header::GcRefs`]) and only `next` may be followed;
//! `move_unreachable` restores `prev` for every node it visits.

use crate::header::Links;

/// Make `head` an empty list. Idempotent for a head that is already initialised.
#[inline]
pub(crate) fn init(head: &Links) {
    if head.next.get().is_null() {
        let p = std::ptr::from_ref(head).cast_mut();
        head.prev.set(p);
        head.next.set(p);
    }
}

/// Whether the list is empty.
#[inline]
pub(crate) fn is_empty(head: &Links) -> bool {
    std::ptr::eq(head.next.get(), head)
}

/// Append `node` at the end of the list `head`.
///
/// # Safety
/// `head` is an initialised head; `node` points at the links of a live object that is in no
/// list.
#[inline]
pub(crate) unsafe fn push_back(head: &Links, node: *mut Links) {
    let head_ptr = std::ptr::from_ref(head).cast_mut();
    let last = head.prev.get();
    // SAFETY: `last` is the head or a node of the list, valid by the list invariant; `node` is
    // valid (caller).
    unsafe {
        (*node).prev.set(last);
        (*node).next.set(head_ptr);
        (*last).next.set(node);
    }
    head.prev.set(node);
}

/// Remove `node` from whatever list holds it.
///
/// # Safety
/// `node` is in a list whose `prev` links are valid (not during trial deletion).
#[inline]
pub(crate) unsafe fn unlink(node: *mut Links) {
    // SAFETY: by the list invariant, both neighbours are valid links.
    unsafe {
        let prev = (*node).prev.get();
        let next = (*node).next.get();
        (*prev).next.set(next);
        (*next).prev.set(prev);
        (*node).prev.set(std::ptr::null_mut());
        (*node).next.set(std::ptr::null_mut());
    }
}

/// Move every node of `from` to the end of `to`, leaving `from` empty. O(1).
///
/// # Safety
/// Both are initialised heads of lists with valid `prev` links, and distinct.
pub(crate) unsafe fn splice_back(to: &Links, from: &Links) {
    if is_empty(from) {
        return;
    }
    let to_ptr = std::ptr::from_ref(to).cast_mut();
    let first = from.next.get();
    let last = from.prev.get();
    let to_last = to.prev.get();
    // SAFETY: all four pointers are valid links by the list invariant.
    unsafe {
        (*to_last).next.set(first);
        (*first).prev.set(to_last);
        (*last).next.set(to_ptr);
    }
    to.prev.set(last);
    let from_ptr = std::ptr::from_ref(from).cast_mut();
    from.next.set(from_ptr);
    from.prev.set(from_ptr);
}

/// Count the nodes of a list (walks it).
pub(crate) fn len(head: &Links) -> usize {
    let head_ptr = std::ptr::from_ref(head).cast_mut();
    let mut n = 0;
    let mut node = head.next.get();
    while node != head_ptr {
        n += 1;
        // SAFETY: `node` is a node of the list, valid by the list invariant.
        node = unsafe { (*node).next.get() };
    }
    n
}

/// The nodes of a list, in order, as a vector of link pointers (for passes that may unlink).
pub(crate) fn collect_nodes(head: &Links) -> Vec<*mut Links> {
    let head_ptr = std::ptr::from_ref(head).cast_mut();
    let mut out = Vec::new();
    let mut node = head.next.get();
    while node != head_ptr {
        out.push(node);
        // SAFETY: as in `len`.
        node = unsafe { (*node).next.get() };
    }
    out
}

/// Call `f` on every node of the list, following `next` only.
///
/// # Safety
/// `head` is an initialised list head; `f` must not unlink nodes.
#[inline(always)]
pub(crate) unsafe fn for_each_node(head: &Links, mut f: impl FnMut(*mut Links)) {
    let head_ptr = std::ptr::from_ref(head).cast_mut();
    let mut node = head.next.get();
    while node != head_ptr {
        f(node);
        // SAFETY: nodes of the list are valid links.
        node = unsafe { (*node).next.get() };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ptr;

    /// The raw pointer the list functions take for a node or head. Every field of `Links` is a
    /// `Cell`, so writing through a pointer made from a shared reference is allowed.
    fn p(links: &Links) -> *mut Links {
        ptr::from_ref(links).cast_mut()
    }

    /// Nodes that are in no list; they stay where they are for the whole test.
    fn nodes<const N: usize>() -> [Links; N] {
        std::array::from_fn(|_| Links::dangling())
    }

    fn new_head() -> Links {
        Links::dangling()
    }

    /// Append `node` to `head`'s list.
    fn push(head: &Links, node: &Links) {
        assert!(
            node.next.get().is_null(),
            "a test node is pushed while in no list"
        );
        // A node outside every list has null links, as just checked.
        // SAFETY: `head` is initialised, `node` is in no list and outlives the list.
        unsafe { push_back(head, p(node)) }
    }

    /// Remove `node` from its list.
    fn remove(node: &Links) {
        assert!(
            !node.next.get().is_null(),
            "a test node is removed while in a list"
        );
        // The tests never put scratch values in `prev`.
        // SAFETY: `node` is in a list (checked) whose links are all valid.
        unsafe { unlink(p(node)) }
    }

    /// Move all of `from` to the end of `to`.
    fn splice(to: &Links, from: &Links) {
        assert!(!ptr::eq(to, from));
        // SAFETY: both are initialised heads of distinct lists with valid links.
        unsafe { splice_back(to, from) }
    }

    /// The nodes of the list as indexes into `nodes`, front to back, after checking that every
    /// `prev` mirrors the `next` before it, and that walking backwards gives the reverse order.
    fn order(head: &Links, nodes: &[Links]) -> Vec<usize> {
        let index = |n: *mut Links| {
            nodes
                .iter()
                .position(|x| ptr::eq(x, n))
                .expect("a list node that is not one of the test's nodes")
        };
        let forwards: Vec<usize> = collect_nodes(head).into_iter().map(index).collect();
        let mut backwards = Vec::new();
        let mut node = head.prev.get();
        let mut after = p(head);
        while node != p(head) {
            let i = index(node);
            assert!(
                ptr::eq(nodes[i].next.get(), after),
                "next of {i} does not match prev"
            );
            backwards.push(i);
            after = node;
            node = nodes[i].prev.get();
        }
        assert!(ptr::eq(head.next.get(), after), "head.next does not match");
        backwards.reverse();
        assert_eq!(forwards, backwards);
        assert_eq!(len(head), forwards.len());
        assert_eq!(is_empty(head), forwards.is_empty());
        forwards
    }

    #[test]
    fn init_makes_an_empty_list_pointing_at_itself() {
        let head = new_head();
        assert!(head.next.get().is_null() && head.prev.get().is_null());
        init(&head);
        assert!(is_empty(&head));
        assert!(ptr::eq(head.next.get(), &head) && ptr::eq(head.prev.get(), &head));
        assert_eq!(len(&head), 0);
        assert!(collect_nodes(&head).is_empty());
    }

    #[test]
    fn init_again_keeps_the_nodes() {
        let n = nodes::<2>();
        let head = new_head();
        init(&head);
        push(&head, &n[0]);
        push(&head, &n[1]);
        init(&head);
        assert_eq!(order(&head, &n), [0, 1]);
    }

    #[test]
    fn push_back_keeps_insertion_order() {
        let n = nodes::<5>();
        let head = new_head();
        init(&head);
        for (i, node) in n.iter().enumerate() {
            push(&head, node);
            assert_eq!(len(&head), i + 1);
            assert!(ptr::eq(head.prev.get(), node), "the last pushed is last");
        }
        assert_eq!(order(&head, &n), [0, 1, 2, 3, 4]);
        assert!(ptr::eq(head.next.get(), &n[0]));
    }

    #[test]
    fn unlink_from_middle_front_and_back() {
        let n = nodes::<5>();
        let head = new_head();
        init(&head);
        n.iter().for_each(|node| push(&head, node));

        remove(&n[2]);
        assert_eq!(order(&head, &n), [0, 1, 3, 4]);
        assert!(n[2].next.get().is_null() && n[2].prev.get().is_null());
        remove(&n[0]);
        assert_eq!(order(&head, &n), [1, 3, 4]);
        remove(&n[4]);
        assert_eq!(order(&head, &n), [1, 3]);
        remove(&n[1]);
        remove(&n[3]);
        assert_eq!(order(&head, &n), []);
        assert!(is_empty(&head));
        assert!(n
            .iter()
            .all(|x| x.next.get().is_null() && x.prev.get().is_null()));
    }

    #[test]
    fn an_unlinked_node_can_join_another_list() {
        let n = nodes::<3>();
        let (a, b) = (new_head(), new_head());
        init(&a);
        init(&b);
        n.iter().for_each(|node| push(&a, node));
        remove(&n[1]);
        push(&b, &n[1]);
        remove(&n[0]);
        push(&b, &n[0]);
        assert_eq!(order(&a, &n), [2]);
        assert_eq!(order(&b, &n), [1, 0]);
    }

    #[test]
    fn splice_back_appends_in_order_and_empties_the_source() {
        let n = nodes::<5>();
        let (to, from) = (new_head(), new_head());
        init(&to);
        init(&from);
        push(&to, &n[0]);
        push(&to, &n[1]);
        push(&from, &n[2]);
        push(&from, &n[3]);
        push(&from, &n[4]);
        splice(&to, &from);
        assert_eq!(order(&to, &n), [0, 1, 2, 3, 4]);
        assert_eq!(order(&from, &n), []);
        assert!(ptr::eq(from.next.get(), &from) && ptr::eq(from.prev.get(), &from));
        // The emptied source is a working list again.
        remove(&n[3]);
        push(&from, &n[3]);
        assert_eq!(order(&from, &n), [3]);
        assert_eq!(order(&to, &n), [0, 1, 2, 4]);
    }

    #[test]
    fn splice_back_from_or_into_an_empty_list() {
        let n = nodes::<2>();
        let (to, from) = (new_head(), new_head());
        init(&to);
        init(&from);
        splice(&to, &from);
        assert!(is_empty(&to) && is_empty(&from));

        push(&from, &n[0]);
        push(&from, &n[1]);
        splice(&to, &from);
        assert_eq!(order(&to, &n), [0, 1]);
        assert!(is_empty(&from));

        splice(&to, &from);
        assert_eq!(order(&to, &n), [0, 1]);
    }

    #[test]
    fn for_each_node_visits_in_order_following_next_only() {
        let n = nodes::<4>();
        let head = new_head();
        init(&head);
        n.iter().for_each(|node| push(&head, node));
        // Scribble over the `prev` words as trial deletion does: `for_each_node` must not
        // follow them.
        for node in &n {
            node.prev.set(ptr::without_provenance_mut(0b100));
        }
        let mut seen = Vec::new();
        // SAFETY: `head` is an initialised list, and the closure unlinks nothing.
        unsafe { for_each_node(&head, |x| seen.push(n.iter().position(|y| ptr::eq(y, x)))) };
        assert_eq!(seen, [Some(0), Some(1), Some(2), Some(3)]);
        assert_eq!(len(&head), 4);
        assert_eq!(collect_nodes(&head).len(), 4);
    }
}
