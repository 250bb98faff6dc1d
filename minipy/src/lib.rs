//! minipy: under construction.
