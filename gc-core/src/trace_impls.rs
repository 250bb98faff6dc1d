//! [`Trace`] for standard library types.
//!
//! Leaf types own no `Cc` and are never tracked. Containers forward to their contents and name
//! each edge (`[i]` for items, the key for maps whose keys are common scalar or string types).
//! `RefCell` is the one source of mutability that can close a cycle; `Cell<T: Copy>` cannot,
//! since no `Copy` type can hold a `Cc`.

use std::any::Any;
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet, VecDeque};
use std::fmt;
use std::marker::PhantomData;

use crate::trace::{EdgeName, Trace, Visitor};

macro_rules! leaf {
    ($($t:ty),* $(,)?) => {$(
        // SAFETY: the type owns no `Cc`, so reporting nothing is exact.
        unsafe impl Trace for $t {
            const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
            #[inline(always)]
            fn trace<V: Visitor>(&self, _v: &mut V) {}
            #[inline(always)]
            fn needs_tracking(&self) -> bool { false }
        }
    )*};
}

leaf!(
    (),
    bool,
    char,
    u8,
    u16,
    u32,
    u64,
    u128,
    usize,
    i8,
    i16,
    i32,
    i64,
    i128,
    isize,
    f32,
    f64,
    str,
    String,
    std::path::PathBuf,
    std::path::Path,
    std::ffi::OsString,
    std::time::Duration,
    std::time::Instant,
    std::time::SystemTime,
    std::cmp::Ordering,
    std::any::TypeId,
    std::num::NonZeroU8,
    std::num::NonZeroU16,
    std::num::NonZeroU32,
    std::num::NonZeroU64,
    std::num::NonZeroUsize,
    std::num::NonZeroI32,
    std::num::NonZeroI64,
    std::num::NonZeroIsize,
    std::sync::atomic::AtomicBool,
    std::sync::atomic::AtomicU8,
    std::sync::atomic::AtomicU16,
    std::sync::atomic::AtomicU32,
    std::sync::atomic::AtomicU64,
    std::sync::atomic::AtomicUsize,
    std::sync::atomic::AtomicI8,
    std::sync::atomic::AtomicI16,
    std::sync::atomic::AtomicI32,
    std::sync::atomic::AtomicI64,
    std::sync::atomic::AtomicIsize,
);

/// A reference is not traced: it does not own what it points at. The referent must be `Trace`
/// itself (so a `&'static str` or `&'static [u8]` field is accepted).
///
/// ```
/// use gc_core::{Cc, Trace};
///
/// #[derive(Trace)]
/// struct Token { kind: &'static str }
///
/// assert!(!Cc::is_tracked(&Cc::new(Token { kind: "ident" })));
/// ```
// The referent must be `Trace` (it is never traced) so that a field whose type is not `Trace`
// is not met with rustc's suggestion to borrow it (`&'static NotTrace` would otherwise be).
// A shared reference does not own its referent (whoever does keeps it alive).
// SAFETY: so it owns no `Cc`; reporting nothing is exact.
unsafe impl<T: Trace + ?Sized + 'static> Trace for &'static T {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {}
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}

// SAFETY: owns nothing.
unsafe impl<T: ?Sized> Trace for std::marker::PhantomData<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {}
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}

/// Refuses, when a function that traces an `Rc<T>` or `rc::Weak<T>` is compiled, every `T` that
/// can hold a `Cc`.
///
/// What an `Rc` points at may be shared, so it is owned by no single value and nobody reports
/// it: the collector sees a `Cc` behind an `Rc` as referenced from outside and keeps it. A
/// cycle through an `Rc` (`Rc<RefCell<Node>>` in a `Node`) would therefore never be collected,
/// silently. The check runs after monomorphisation (`cargo build`, `cargo test`; `cargo check`
/// does not evaluate it), when `Cc::new` or a collection instantiates the `Rc`'s `trace` or
/// `needs_tracking`.
struct NoCcBehindRc<T: ?Sized>(PhantomData<T>);

impl<T: Trace + ?Sized> NoCcBehindRc<T> {
    const CHECK: () = if T::CAN_HOLD_CC {
        panic!("{}", RC_HOLDING_CC);
    };
}

/// The message of [`NoCcBehindRc`]'s compile error.
const RC_HOLDING_CC: &str = "`Trace` for `Rc<T>` and `rc::Weak<T>` needs a `T` that can \
    never hold a `Cc`: the collector cannot see a `Cc` behind an `Rc`, so a cycle through one \
    would leak. Use `Cc<T>` for shared ownership of values that hold `Cc`s. (If `T` holds none \
    and only its `CAN_HOLD_CC` is conservatively `true`, mark the field `#[trace(skip)]`.)";

/// An `Rc<T>` is `Trace` only for a `T` that can never hold a `Cc` (`T::CAN_HOLD_CC` is
/// `false`), and reports nothing.
///
/// What an `Rc` points at may be shared, so the collector cannot count it as owned by this value;
/// a `Cc` behind an `Rc` would look referenced from outside, and a cycle through the `Rc` would
/// never be collected. So for a `T` that can hold a `Cc`, compiling a program that traces the
/// `Rc` (puts its owner in a `Cc`) fails with "Use `Cc<T>` for shared ownership of values that
/// hold `Cc`s". The check runs when the code is compiled to machine code (`cargo build`,
/// `cargo test`), not under `cargo check`. A `T` whose `CAN_HOLD_CC` is `true` only
/// conservatively (`#[derive(Trace)]` on a type naming other types of yours) can be kept in an
/// `Rc` field marked `#[trace(skip)]`.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// #[derive(Trace)]
/// struct Node {
///     name: Rc<str>,                     // `str` holds no `Cc`: accepted
///     log: Rc<RefCell<Vec<String>>>,     // nor does this
///     next: RefCell<Option<Cc<Node>>>,   // shared ownership of a `Node`: a `Cc`
/// }
///
/// let log = Rc::new(RefCell::new(Vec::new()));
/// let n = Cc::new(Node { name: "n".into(), log: log.clone(), next: RefCell::new(None) });
/// *n.next.borrow_mut() = Some(n.clone());
/// drop(n);
/// assert_eq!(gc_core::collect(), 1);
/// assert_eq!(Rc::strong_count(&log), 1);
/// ```
///
/// ```compile_fail
/// use gc_core::{Cc, Trace};
/// use std::cell::RefCell;
/// use std::rc::Rc;
///
/// #[derive(Trace)]
/// struct Node {
///     children: RefCell<Vec<Cc<Node>>>,
///     parent: Option<Rc<Node>>, // refused when built: use `Cc<Node>`
/// }
///
/// let _ = Cc::new(Node { children: RefCell::new(vec![]), parent: None });
/// ```
// An `Rc` may be shared, so what it points at is not owned by this value alone and is
// reported by nobody. `NoCcBehindRc` refuses at compile time any `T` that can hold a `Cc`.
// SAFETY: nothing to report; were there a `Cc`, reporting nothing only keeps it alive.
unsafe impl<T: Trace + ?Sized> Trace for std::rc::Rc<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {
        let () = NoCcBehindRc::<T>::CHECK;
    }
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        let () = NoCcBehindRc::<T>::CHECK;
        false
    }
}

/// As for [`Rc<T>`](std::rc::Rc): only for a `T` that can never hold a `Cc`, and reports
/// nothing.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::rc::{Rc, Weak};
///
/// #[derive(Trace)]
/// struct Watcher { target: Weak<String> }
///
/// let s = Rc::new(String::from("x"));
/// let w = Cc::new(Watcher { target: Rc::downgrade(&s) });
/// assert!(!Cc::is_tracked(&w));
/// ```
// SAFETY: as for `Rc`; a weak handle owns even less.
unsafe impl<T: Trace + ?Sized> Trace for std::rc::Weak<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {
        let () = NoCcBehindRc::<T>::CHECK;
    }
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        let () = NoCcBehindRc::<T>::CHECK;
        false
    }
}

// SAFETY: a `Box` owns its contents; forwarding reports exactly what they own.
unsafe impl<T: Trace + ?Sized> Trace for Box<T> {
    const CAN_HOLD_CC: bool = T::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK;
    #[inline]
    fn trace<V: Visitor>(&self, v: &mut V) {
        (**self).trace(v);
    }
    #[inline]
    fn needs_tracking(&self) -> bool {
        T::CAN_HOLD_CC && (**self).needs_tracking()
    }
}

// SAFETY: `Option` owns its contents when `Some`.
unsafe impl<T: Trace> Trace for Option<T> {
    const CAN_HOLD_CC: bool = T::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK;
    #[inline]
    fn trace<V: Visitor>(&self, v: &mut V) {
        if let Some(x) = self {
            x.trace(v);
        }
    }
    #[inline]
    fn needs_tracking(&self) -> bool {
        T::CAN_HOLD_CC && self.as_ref().is_some_and(Trace::needs_tracking)
    }
}

// SAFETY: `Result` owns whichever side it holds.
unsafe impl<T: Trace, E: Trace> Trace for Result<T, E> {
    const CAN_HOLD_CC: bool = T::CAN_HOLD_CC || E::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK || E::CAN_HOLD_WEAK;
    #[inline]
    fn trace<V: Visitor>(&self, v: &mut V) {
        match self {
            Ok(x) => x.trace(v),
            Err(e) => e.trace(v),
        }
    }
    #[inline]
    fn needs_tracking(&self) -> bool {
        match self {
            Ok(x) => T::CAN_HOLD_CC && x.needs_tracking(),
            Err(e) => E::CAN_HOLD_CC && e.needs_tracking(),
        }
    }
}

// SAFETY: a `Copy` type cannot hold a `Cc` (which is not `Copy`), so a `Cell` of one owns none.
unsafe impl<T: Copy> Trace for Cell<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {}
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}

// SAFETY: a `RefCell` owns its contents. When they are mutably borrowed they cannot be read, and
// the visitor is told so; the collector then keeps the owner and its contents alive.
unsafe impl<T: Trace + ?Sized> Trace for RefCell<T> {
    const CAN_HOLD_CC: bool = T::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK;
    #[inline]
    fn trace<V: Visitor>(&self, v: &mut V) {
        if !T::CAN_HOLD_CC && !T::CAN_HOLD_WEAK {
            return;
        }
        // Not touching the borrow counter keeps the collector's passes to one load per cell.
        // SAFETY: the reference dies with this call, and `trace` never borrows a cell mutably.
        match unsafe { self.try_borrow_unguarded() } {
            Ok(inner) => inner.trace(v),
            Err(_) => v.visit_borrowed(),
        }
    }
    /// A cell that can hold a `Cc` can be made to point at a newer object later.
    #[inline]
    fn needs_tracking(&self) -> bool {
        T::CAN_HOLD_CC
    }
}

/// `Trace` for a lock type: the collector reads the contents through `$try` (`try_lock` or
/// `try_read`), which never blocks; a lock held by someone is reported with `visit_borrowed`,
/// and the collector then keeps the owner and the contents alive, as for a mutably borrowed
/// `RefCell`. In the sync heap no thread holds a `Mutator` while the collector traces, so a lock
/// held there means a leaked guard, or the collecting thread itself: kept, never freed. A
/// poisoned lock still owns its contents, which are traced.
macro_rules! lock {
    ($($lock:ident, $try:ident;)*) => {$(
        // SAFETY: the lock owns its contents; see the macro's doc for a held lock.
        unsafe impl<T: Trace + ?Sized> Trace for std::sync::$lock<T> {
            const CAN_HOLD_CC: bool = T::CAN_HOLD_CC;
            const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK;
            #[inline]
            fn trace<V: Visitor>(&self, v: &mut V) {
                if !T::CAN_HOLD_CC && !T::CAN_HOLD_WEAK {
                    return;
                }
                match self.$try() {
                    Ok(inner) => inner.trace(v),
                    Err(std::sync::TryLockError::Poisoned(p)) => p.into_inner().trace(v),
                    Err(std::sync::TryLockError::WouldBlock) => v.visit_borrowed(),
                }
            }
            /// A lock that can hold a `Cc` can be made to point at a newer object later.
            #[inline]
            fn needs_tracking(&self) -> bool {
                T::CAN_HOLD_CC
            }
        }
    )*};
}

lock! {
    Mutex, try_lock;
    RwLock, try_read;
}

// `get` never blocks and sees either nothing or the finished value (a value being set is not
// yet owned, and its `Cc`s are still held by the setting thread: references from outside).
// SAFETY: a `OnceLock` owns its contents once set.
unsafe impl<T: Trace> Trace for std::sync::OnceLock<T> {
    const CAN_HOLD_CC: bool = T::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK;
    #[inline]
    fn trace<V: Visitor>(&self, v: &mut V) {
        if let Some(inner) = self.get() {
            inner.trace(v);
        }
    }
    /// An empty cell can be set later, to a newer object.
    #[inline]
    fn needs_tracking(&self) -> bool {
        T::CAN_HOLD_CC
    }
}

/// An `Arc<T>` is `Trace` for every `T` and reports nothing: what it points at is shared, so a
/// `Cc` behind it counts as referenced from outside and a cycle through an `Arc` is never
/// collected (it leaks, as with `Arc` alone). The sync heap relies on this: a handle reachable
/// through a shared `Arc` must not be reported. Unlike `Rc`, no `T` is refused.
///
/// ```
/// use gc_core::{Cc, Trace};
/// use std::sync::Arc;
///
/// #[derive(Trace)]
/// struct Job { name: Arc<str> }
///
/// assert!(!Cc::is_tracked(&Cc::new(Job { name: "j".into() })));
/// ```
// The collector then sees any `Cc` behind an `Arc` as referenced from outside (a cycle
// through an `Arc` leaks, as with `Arc` itself).
// SAFETY: as for `Rc`: an `Arc` may be shared, so nothing behind it is owned by this value.
unsafe impl<T: ?Sized> Trace for std::sync::Arc<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {}
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}

// SAFETY: an atomic pointer is a raw pointer: it owns nothing.
unsafe impl<T> Trace for std::sync::atomic::AtomicPtr<T> {
    const CAN_HOLD_CC: bool = false;
    const CAN_HOLD_WEAK: bool = false;
    #[inline(always)]
    fn trace<V: Visitor>(&self, _v: &mut V) {}
    #[inline(always)]
    fn needs_tracking(&self) -> bool {
        false
    }
}

/// Trace the items of a sequence, naming each `[i]`.
#[inline]
fn trace_items<'a, T: Trace + 'a, V: Visitor>(items: impl Iterator<Item = &'a T>, v: &mut V) {
    if !T::CAN_HOLD_CC && !T::CAN_HOLD_WEAK {
        return;
    }
    for (i, item) in items.enumerate() {
        v.enter(EdgeName::Index(i));
        item.trace(v);
        v.leave();
    }
}

#[inline]
fn items_need_tracking<'a, T: Trace + 'a>(mut items: impl Iterator<Item = &'a T>) -> bool {
    T::CAN_HOLD_CC && items.any(Trace::needs_tracking)
}

macro_rules! sequence {
    ($($(#[$m:meta])* [$($g:tt)*] $t:ty;)*) => {$(
        $(#[$m])*
        // SAFETY: the container owns its items; each is traced once.
        unsafe impl<$($g)*> Trace for $t {
            const CAN_HOLD_CC: bool = T::CAN_HOLD_CC;
            const CAN_HOLD_WEAK: bool = T::CAN_HOLD_WEAK;
            #[inline]
            fn trace<V: Visitor>(&self, v: &mut V) {
                trace_items(self.iter(), v);
            }
            #[inline]
            fn needs_tracking(&self) -> bool {
                items_need_tracking(self.iter())
            }
        }
    )*};
}

sequence! {
    [T: Trace] [T];
    [T: Trace, const N: usize] [T; N];
    [T: Trace] Vec<T>;
    [T: Trace] VecDeque<T>;
    [T: Trace, S] HashSet<T, S>;
    [T: Trace] BTreeSet<T>;
}

/// The key of a map entry as an edge name, for the key types that render cheaply.
fn key_name<K: 'static>(key: &K) -> Option<&dyn fmt::Debug> {
    let any = key as &dyn Any;
    macro_rules! try_types {
        ($($t:ty),*) => {$(
            if let Some(k) = any.downcast_ref::<$t>() {
                return Some(k);
            }
        )*};
    }
    try_types!(
        String,
        &'static str,
        i64,
        i32,
        u64,
        u32,
        usize,
        isize,
        char,
        bool,
        u8,
        i8,
        u16,
        i16
    );
    None
}

fn trace_entries<'a, K: Trace + 'static, T: Trace + 'a, V: Visitor>(
    entries: impl Iterator<Item = (&'a K, &'a T)>,
    v: &mut V,
) {
    if !K::CAN_HOLD_CC && !T::CAN_HOLD_CC && !K::CAN_HOLD_WEAK && !T::CAN_HOLD_WEAK {
        return;
    }
    for (i, (key, value)) in entries.enumerate() {
        if K::CAN_HOLD_CC || K::CAN_HOLD_WEAK {
            v.enter(EdgeName::Index(i));
            v.enter(EdgeName::Field("key"));
            key.trace(v);
            v.leave();
            v.leave();
        }
        match key_name(key) {
            Some(name) => v.enter(EdgeName::Key(name)),
            None => v.enter(EdgeName::Index(i)),
        }
        value.trace(v);
        v.leave();
    }
}

// SAFETY: a map owns its keys and values; each is traced once.
unsafe impl<K: Trace + 'static, T: Trace, S> Trace for HashMap<K, T, S> {
    const CAN_HOLD_CC: bool = K::CAN_HOLD_CC || T::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = K::CAN_HOLD_WEAK || T::CAN_HOLD_WEAK;
    fn trace<V: Visitor>(&self, v: &mut V) {
        trace_entries(self.iter(), v);
    }
    fn needs_tracking(&self) -> bool {
        items_need_tracking(self.keys()) || items_need_tracking(self.values())
    }
}

// SAFETY: as for `HashMap`.
unsafe impl<K: Trace + 'static, T: Trace> Trace for BTreeMap<K, T> {
    const CAN_HOLD_CC: bool = K::CAN_HOLD_CC || T::CAN_HOLD_CC;
    const CAN_HOLD_WEAK: bool = K::CAN_HOLD_WEAK || T::CAN_HOLD_WEAK;
    fn trace<V: Visitor>(&self, v: &mut V) {
        trace_entries(self.iter(), v);
    }
    fn needs_tracking(&self) -> bool {
        items_need_tracking(self.keys()) || items_need_tracking(self.values())
    }
}

macro_rules! tuple {
    ($($name:ident $idx:tt),+) => {
        // SAFETY: a tuple owns its fields; each is traced once.
        unsafe impl<$($name: Trace),+> Trace for ($($name,)+) {
            const CAN_HOLD_CC: bool = false $(|| $name::CAN_HOLD_CC)+;
            const CAN_HOLD_WEAK: bool = false $(|| $name::CAN_HOLD_WEAK)+;
            #[inline]
            fn trace<V: Visitor>(&self, v: &mut V) {
                $(
                    if $name::CAN_HOLD_CC || $name::CAN_HOLD_WEAK {
                        v.enter(EdgeName::Field(stringify!($idx)));
                        self.$idx.trace(v);
                        v.leave();
                    }
                )+
            }
            #[inline]
            fn needs_tracking(&self) -> bool {
                false $(|| ($name::CAN_HOLD_CC && self.$idx.needs_tracking()))+
            }
        }
    };
}

tuple!(A 0);
tuple!(A 0, B 1);
tuple!(A 0, B 1, C 2);
tuple!(A 0, B 1, C 2, D 3);
tuple!(A 0, B 1, C 2, D 3, E 4);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10);
tuple!(A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8, J 9, K 10, L 11);
