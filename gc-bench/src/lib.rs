//! gc-bench: under construction.
