//! The young-collection back-off: how far generation 0's effective threshold rises above `t0`
//! when automatic collections find little garbage, shared by the unsync and the sync heap.
//!
//! A young collection costs time in proportion to the objects it examines; it pays off only if
//! some of them are garbage. A program that builds large acyclic structures (trees under
//! construction, a parser's output) makes every young collection examine `t0` live objects for
//! nothing, and those structures usually die by reference count soon after. So after an
//! automatic collection that examined at least [`MIN_CANDIDATES`] objects and found less than
//! one in [`LITTLE`] of them unreachable, the effective threshold doubles, up to the number of
//! tracked objects (so garbage that appears meanwhile waits for at most as many allocations as
//! the heap holds objects: peak memory stays within twice the tracked heap, and within `t0` of
//! it for heaps smaller than `t0`). The first automatic collection that finds more puts it back
//! to `t0`. Manual collections leave it alone, and so does a threshold below
//! [`MIN_CANDIDATES`]: such a collection costs a few microseconds, and programs (and tests)
//! that set a small threshold ask for prompt collections.
//!
//! Only a threshold above the size of the structures that die by count saves work: below it
//! every object is still examined once in generation 0 (in more, smaller collections), so the
//! threshold keeps doubling while collections keep finding nothing.

/// Collections that examined fewer objects do not move the threshold.
pub(crate) const MIN_CANDIDATES: usize = 1000;

/// A collection finds "little" when fewer than one in `LITTLE` of its candidates were
/// unreachable.
pub(crate) const LITTLE: usize = 16;

/// Generation 0's effective threshold after an automatic collection that examined
/// `candidates` objects and disposed of `collected`, with `limit` the effective threshold
/// before it, `t0` the set one, and `tracked` the objects tracked now (every generation but the
/// permanent one). Returns the new threshold and whether it rose.
pub(crate) fn next_young_limit(
    limit: usize,
    t0: usize,
    candidates: usize,
    collected: usize,
    tracked: usize,
) -> (usize, bool) {
    if t0 == 0 || candidates < MIN_CANDIDATES || t0 < MIN_CANDIDATES {
        return (limit.max(t0), false);
    }
    if collected.saturating_mul(LITTLE) >= candidates {
        return (t0, false);
    }
    let raised = limit.saturating_mul(2).min(tracked.max(t0));
    if raised > limit {
        (raised, true)
    } else {
        (limit.max(t0), false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fruitless_collections_double_the_threshold_up_to_the_heap() {
        assert_eq!(next_young_limit(2000, 2000, 2001, 0, 50_000), (4000, true));
        assert_eq!(next_young_limit(4000, 2000, 4001, 10, 50_000), (8000, true));
        assert_eq!(
            next_young_limit(32_000, 2000, 32_001, 0, 50_000),
            (50_000, true)
        );
        assert_eq!(
            next_young_limit(50_000, 2000, 50_001, 0, 50_000),
            (50_000, false)
        );
    }

    #[test]
    fn a_collection_that_finds_garbage_resets_it() {
        assert_eq!(
            next_young_limit(64_000, 2000, 64_001, 4001, 100_000),
            (2000, false)
        );
    }

    #[test]
    fn small_thresholds_and_collections_never_back_off() {
        assert_eq!(next_young_limit(5, 5, 6, 0, 1000), (5, false));
        assert_eq!(next_young_limit(700, 700, 5000, 0, 100_000), (700, false));
        assert_eq!(next_young_limit(2000, 2000, 999, 0, 100_000), (2000, false));
        assert_eq!(next_young_limit(0, 0, 5000, 0, 100_000), (0, false));
    }

    #[test]
    fn a_heap_smaller_than_t0_keeps_t0() {
        assert_eq!(next_young_limit(2000, 2000, 1500, 0, 1500), (2000, false));
    }
}
