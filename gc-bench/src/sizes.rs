//! The size knobs of the main section's workloads ([`Sizes`]), with the counts derived from
//! them that the workloads, their descriptions and `python/bench.py` share.

/// Size knobs. The defaults are the documented shapes; `--quick` shrinks them.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Sizes {
    /// Maximum depth of binary-trees (default 16).
    pub depth: u32,
    /// Long-lived tree depth of GCBench (stretch tree is 2 deeper; default 13, Boehm's is 16).
    pub gcbench_depth: u32,
    /// Objects for two-cycles, big-ring, live heaps, old objects, and (same count) mutator
    /// operations (default 1,000,000).
    pub objects: usize,
    /// Number of doubly linked lists (default 30).
    pub lists: usize,
    /// Nodes per list (default 4,096).
    pub list_len: usize,
    /// gc_traversal nesting levels (default 1,000).
    pub traversal_levels: usize,
    /// Repetitions inside one run of the loop-shaped workloads (default 1.0 = the documented
    /// counts; `--quick` uses fewer).
    pub loop_scale: f64,
}

impl Default for Sizes {
    fn default() -> Self {
        Sizes {
            depth: 16,
            gcbench_depth: 13,
            objects: 1_000_000,
            lists: 30,
            list_len: 4096,
            traversal_levels: 1000,
            loop_scale: 1.0,
        }
    }
}

impl Sizes {
    /// The `--quick` sizes: every workload once, small.
    pub fn quick() -> Self {
        Sizes {
            depth: 10,
            gcbench_depth: 8,
            objects: 20_000,
            lists: 30,
            list_len: 256,
            traversal_levels: 200,
            loop_scale: 0.1,
        }
    }

    /// `n` scaled by `loop_scale`, at least 1.
    pub fn scaled(&self, n: usize) -> usize {
        ((n as f64 * self.loop_scale).round() as usize).max(1)
    }
    /// GCBench array length (500,000 at long-lived depth 16, scaled by tree size).
    pub fn gcbench_array(&self) -> usize {
        500_000usize >> 16u32.saturating_sub(self.gcbench_depth).min(16)
    }
    /// Depth of one parent-pointer tree.
    pub fn parent_depth(&self) -> u32 {
        self.depth.saturating_sub(4).max(4)
    }
    /// Number of parent-pointer trees (about 2^(depth+3) nodes in all).
    pub fn parent_iterations(&self) -> usize {
        1 << 4
    }
    /// Rounds of the linked-lists workload.
    pub fn list_rounds(&self) -> usize {
        self.scaled(4)
    }
    /// Loops of gc_collect.
    pub fn gc_collect_loops(&self) -> usize {
        self.scaled(100)
    }
    /// Edges of gc_traversal.
    pub fn traversal_edges(&self) -> usize {
        self.traversal_levels * self.traversal_levels.saturating_sub(1) / 2
    }
    /// Collections timed in gc_traversal.
    pub fn traversal_loops(&self) -> usize {
        self.scaled(20)
    }
    /// Collections timed on a live heap.
    pub fn live_loops(&self) -> usize {
        self.scaled(3).min(3)
    }
    /// Young collections timed.
    pub fn young_loops(&self) -> usize {
        self.scaled(20)
    }
    /// Objects made before each young collection.
    pub fn burst(&self) -> usize {
        1000
    }
    /// Random mutator operations.
    pub fn mutation_ops(&self) -> usize {
        self.objects
    }
    /// 2-cycles in cycle-chains.
    pub fn chain_cycles(&self) -> usize {
        (self.objects / 50).max(10)
    }
}
