//! perigee-reference: the Lua 5.1 front end shared by every tier, and the
//! tree-walking interpreter that serves as the oracle.
//!
//! ```text
//! source bytes -> [lexer] -> tokens -> [parser] -> ast::Chunk -> [interp] -> Outcome
//! ```
//!
//! The interpreter follows the Lua 5.1 reference manual rule by rule;
//! obvious beats fast. `spec/` holds the value-free rules every tier shares
//! (number formatting and parsing, Lua patterns, `string.format`).

pub mod ast;
pub mod corpus;
pub mod interp;
pub mod lexer;
pub mod outcome;
pub mod parser;
pub mod print;
pub mod spec;

pub use outcome::{run, End, Outcome, Report, RunOptions};
