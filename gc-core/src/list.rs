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
