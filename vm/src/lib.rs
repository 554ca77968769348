//! perigee-vm: the `interp` tier — register bytecode run by an optimized
//! interpreter over NaN-boxed values and a mark-sweep heap, laid out so the
//! tracing JIT can read and rebuild its frames.
//!
//! ```text
//! ast::Chunk -> [compile: registers, jump lists, upvalues] -> Proto (plain data)
//!            -> [load: constants into the heap]            -> closures on the Heap
//!            -> [interp: dispatch loop over one value stack]  (not built yet)
//! ```
//!
//! Built so far: the value representation (`value`), the heap with its
//! collector (`gc`), interned strings (`string`), tables (`table`), the
//! instruction set (`bytecode`) and the compiler (`compile`) with its
//! `luac -l`-style listing. The dispatch loop, frames, coroutines and the
//! library come next (issue 3).

pub mod bytecode;
pub mod compile;
pub mod gc;
pub mod listing;
pub mod proto;
pub mod string;
pub mod table;
pub mod value;
