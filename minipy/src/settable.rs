//! The iteration order of a set: CPython 3.11's set hash table (`Objects/setobject.c`),
//! emulated slot for slot.
//!
//! A set's members live in a [`PyDict`](crate::value::PyDict) (entries plus a Rust hash
//! index), which answers membership. What it cannot answer is the order CPython iterates a set
//! in, which is the order of its open-addressing table: a member sits at the first free slot of
//! its probe sequence (the hash modulo the table size, then up to 9 neighbours, then a
//! perturbed jump), a removed member leaves a *dummy*, the table grows when three fifths of it
//! are used or dummies, and copies and unions size their table once up front. For ints, floats
//! and tuples of them CPython's hashes are deterministic, so `print({10, 3, 100})` prints the same
//! thing every run, and scripts (and their expected outputs) rely on it. This table follows the
//! same steps with the same hashes ([`HKey::py_hash`](crate::value::HKey::py_hash)), holding
//! each member's entry index, so iterating it gives CPython's order. Strings hash differently
//! from CPython's (whose string hashes change from run to run anyway).

/// The smallest table (`PySet_MINSIZE`).
const MIN_SIZE: usize = 8;
/// Neighbours probed before a perturbed jump (`LINEAR_PROBES`).
const LINEAR_PROBES: usize = 9;
/// `PERTURB_SHIFT`.
const PERTURB_SHIFT: u32 = 5;
/// A slot never used.
const EMPTY: u32 = u32::MAX;
/// A slot whose member was removed (CPython's `dummy`, hash -1).
const DUMMY: u32 = u32::MAX - 1;

/// One slot: the member's hash and its entry index (or [`EMPTY`], [`DUMMY`]).
#[derive(Clone, Copy)]
struct Slot {
    hash: i64,
    idx: u32,
}

const UNUSED: Slot = Slot {
    hash: 0,
    idx: EMPTY,
};

/// A set's table: which entry sits in which slot.
#[derive(Clone)]
pub struct SetTable {
    slots: Vec<Slot>,
    /// Active and dummy slots (`so->fill`).
    fill: usize,
    /// Active slots (`so->used`).
    used: usize,
    /// Where `pop` looks first (`so->finger`).
    finger: usize,
}

impl Default for SetTable {
    fn default() -> SetTable {
        SetTable::new()
    }
}

/// The probe sequence of `hash` in a table of mask `mask`: the slots in the order CPython
/// looks at them (it never ends; callers stop at an empty slot, which always exists).
fn probes(hash: i64, mask: usize) -> impl Iterator<Item = usize> {
    let mut perturb = hash as u64 as usize;
    let mut i = (hash as u64 as usize) & mask;
    let mut j = 0;
    std::iter::from_fn(move || {
        let run = if i + LINEAR_PROBES <= mask {
            LINEAR_PROBES
        } else {
            0
        };
        if j <= run {
            j += 1;
            return Some(i + j - 1);
        }
        perturb >>= PERTURB_SHIFT;
        i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        j = 1;
        Some(i)
    })
}

impl SetTable {
    /// An empty table of the smallest size.
    pub fn new() -> SetTable {
        SetTable {
            slots: vec![UNUSED; MIN_SIZE],
            fill: 0,
            used: 0,
            finger: 0,
        }
    }

    fn mask(&self) -> usize {
        self.slots.len() - 1
    }

    /// Adds entry `idx` (a member not in the table) of hash `hash`: `set_add_entry`.
    pub fn add(&mut self, hash: i64, idx: u32) {
        let mask = self.mask();
        let mut freeslot = None;
        for i in probes(hash, mask) {
            match self.slots[i].idx {
                EMPTY => {
                    if let Some(f) = freeslot {
                        self.slots[f] = Slot { hash, idx };
                        self.used += 1;
                        return;
                    }
                    self.slots[i] = Slot { hash, idx };
                    self.fill += 1;
                    self.used += 1;
                    if self.fill * 5 >= mask * 3 {
                        let used = self.used;
                        self.resize(if used > 50_000 { used * 2 } else { used * 4 });
                    }
                    return;
                }
                // CPython keeps the *last* dummy on the way, not the first.
                DUMMY => freeslot = Some(i),
                _ => {}
            }
        }
    }

    /// Removes entry `idx` of hash `hash`, leaving a dummy: `set_discard_entry`.
    pub fn discard(&mut self, hash: i64, idx: u32) {
        let mask = self.mask();
        let found = probes(hash, mask)
            .take_while(|&i| self.slots[i].idx != EMPTY)
            .find(|&i| self.slots[i].idx == idx)
            // Not on its probe sequence cannot happen; a scan keeps the table right anyway.
            .or_else(|| self.slots.iter().position(|s| s.idx == idx));
        if let Some(i) = found {
            self.slots[i] = Slot {
                hash: -1,
                idx: DUMMY,
            };
            self.used -= 1;
        }
    }

    /// Removes and returns the entry `set.pop()` takes: the first active slot from the finger.
    pub fn pop(&mut self) -> Option<u32> {
        if self.used == 0 {
            return None;
        }
        let mask = self.mask();
        let mut i = self.finger & mask;
        while matches!(self.slots[i].idx, EMPTY | DUMMY) {
            i = if i == mask { 0 } else { i + 1 };
        }
        let idx = self.slots[i].idx;
        self.slots[i] = Slot {
            hash: -1,
            idx: DUMMY,
        };
        self.used -= 1;
        self.finger = i + 1;
        Some(idx)
    }

    /// Empties the table to the smallest size (`set_clear_internal`; the finger stays).
    pub fn clear(&mut self) {
        self.slots = vec![UNUSED; MIN_SIZE];
        self.fill = 0;
        self.used = 0;
    }

    /// `set_table_resize`: a table of the smallest power of two above `minused`, every active
    /// member re-inserted in slot order, dummies dropped.
    fn resize(&mut self, minused: usize) {
        let mut size = MIN_SIZE;
        while size <= minused {
            size <<= 1;
        }
        if size == MIN_SIZE && self.slots.len() == MIN_SIZE && self.fill == self.used {
            return;
        }
        let old = std::mem::replace(&mut self.slots, vec![UNUSED; size]);
        self.fill = self.used;
        let mask = size - 1;
        for s in old.into_iter().filter(|s| !matches!(s.idx, EMPTY | DUMMY)) {
            self.insert_clean(s, mask);
        }
    }

    /// `set_insert_clean`: puts `s` in the first empty slot of its probe sequence.
    fn insert_clean(&mut self, s: Slot, mask: usize) {
        let i = probes(s.hash, mask)
            .find(|&i| self.slots[i].idx == EMPTY)
            .expect("a table always has an empty slot");
        self.slots[i] = s;
    }

    /// The first step of `set_merge(so, other)` with `other_used` members, and of
    /// `set_update_internal` from a dict of that size: one resize up front if the members
    /// would fill the table past three fifths.
    pub fn reserve(&mut self, other_used: usize) {
        if (self.fill + other_used) * 5 >= self.mask() * 3 {
            let n = self.used + other_used;
            self.resize(n * 2);
        }
    }

    /// Whether `set_merge` into this table copies `other`'s slots as they are: this table is
    /// empty, of the same size, and `other` has no dummies.
    pub fn copies_layout_of(&self, other: &SetTable) -> bool {
        self.fill == 0 && self.slots.len() == other.slots.len() && other.fill == other.used
    }

    /// The fast path of `set_merge`: this table takes `other`'s layout, each entry index
    /// mapped through `map`.
    pub fn copy_layout(&mut self, other: &SetTable, map: impl Fn(u32) -> u32) {
        self.slots = other
            .slots
            .iter()
            .map(|s| match s.idx {
                EMPTY | DUMMY => UNUSED,
                idx => Slot {
                    hash: s.hash,
                    idx: map(idx),
                },
            })
            .collect();
        self.fill = other.used;
        self.used = other.used;
    }

    /// The end of `set_difference_update`: if more than a quarter of the table is dummies,
    /// resize them away.
    pub fn purge_dummies(&mut self) {
        if self.fill - self.used > self.mask() / 4 {
            let used = self.used;
            self.resize(if used > 50_000 { used * 2 } else { used * 4 });
        }
    }

    /// The entry indices in iteration order.
    pub fn order(&self) -> impl Iterator<Item = u32> + '_ {
        self.slots
            .iter()
            .filter(|s| !matches!(s.idx, EMPTY | DUMMY))
            .map(|s| s.idx)
    }

    /// Renumbers the entries after their vector was compacted: `map[old] = new`.
    pub fn remap(&mut self, map: &[u32]) {
        for s in &mut self.slots {
            if !matches!(s.idx, EMPTY | DUMMY) {
                s.idx = map[s.idx as usize];
            }
        }
    }

    /// Active members.
    pub fn used(&self) -> usize {
        self.used
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn order_of(t: &SetTable) -> Vec<u32> {
        t.order().collect()
    }

    #[test]
    fn members_sit_in_hash_order_and_collisions_probe_onwards() {
        let mut t = SetTable::new();
        // 8 slots: 10 -> 2, 3 -> 3, 7 -> 7, and 18 -> 2 (taken), then (no room for linear
        // probes at the end of a small table) jumps to (2 * 5 + 1) % 8 = 3 (taken) and
        // (3 * 5 + 1) % 8 = 0.
        for (i, h) in [10i64, 3, 7, 18].into_iter().enumerate() {
            t.add(h, i as u32);
        }
        assert_eq!(order_of(&t), vec![3, 0, 1, 2]);
        // The fifth member fills 5 of 8 slots: the table grows to 32 (used * 4 = 20 < 32),
        // and 18 finds its own slot.
        t.add(1, 4);
        assert_eq!(t.slots.len(), 32);
        assert_eq!(order_of(&t), vec![4, 1, 2, 0, 3]);
    }

    #[test]
    fn a_removed_member_leaves_a_dummy_that_the_next_add_reuses() {
        let mut t = SetTable::new();
        t.add(2, 0);
        t.add(10, 1); // 10 -> 2 (taken) -> (2 * 5 + 1) % 8 = 3
        t.discard(2, 0);
        assert_eq!((t.fill, t.used), (2, 1));
        t.add(18, 2); // 18 -> 2: a dummy, taken once the probe reaches an empty slot (0)
        assert_eq!(order_of(&t), vec![2, 1]);
        assert_eq!((t.fill, t.used), (2, 2));
    }

    #[test]
    fn pop_takes_the_first_member_from_the_finger_on() {
        let mut t = SetTable::new();
        for (i, h) in [1i64, 4, 6].into_iter().enumerate() {
            t.add(h, i as u32);
        }
        assert_eq!(t.pop(), Some(0));
        assert_eq!(t.pop(), Some(1));
        t.add(1, 3); // into the dummy at 1, behind the finger
        assert_eq!(t.pop(), Some(2));
        assert_eq!(t.pop(), Some(3), "wraps around");
        assert_eq!(t.pop(), None);
    }
}
