//! Pure, value-free helpers whose behaviour the Lua 5.1 manual (and
//! PUC-Rio's C library) defines, shared by every tier so that `ref`,
//! `interp` and `jit` cannot disagree on them.

pub mod format;
pub mod number;
pub mod pattern;
