//! perigee-oracle: runs one program on every perigee tier and on outside
//! Lua implementations and says whether (and how fast) they agree.
//!
//! So far it holds the benchmark harness (`bench`): the suite in
//! `corpus/bench/`, run as separate processes on every tier and every peer
//! found on `PATH`, with checksums compared and medians reported. The
//! differential runner and the program generator of DESIGN.md come later.

pub mod bench;
pub mod compare;
pub mod fuzz;
pub mod gen;
pub mod reduce;
pub mod tier;
