//! perigee-vm: the `interp` tier — register bytecode run by an optimized
//! interpreter over NaN-boxed values and a mark-sweep heap, laid out so the
//! tracing JIT can read and rebuild its frames.
//!
//! ```text
//! ast::Chunk -> [compile: registers, jump lists, upvalues] -> Proto (plain data)
//!            -> [verify, then func::load_proto: constants into the heap] -> closures on the Heap
//!            -> [interp: calls, dispatch loop over one value stack (frame.rs layout)]
//!            -> [lib: builtins]  -> [run: Outcome, as the reference tier reports it]
//! ```
//!
//! The parts: the value representation (`value`), the heap with its
//! collector (`gc`), interned strings (`string`), tables (`table`), the
//! instruction set (`bytecode`) and the compiler (`compile`) with its
//! `luac -l`-style listing; the load-time bytecode verifier (`verify`)
//! whose guarantees let the dispatch loop skip bounds checks; functions and
//! upvalues (`func`), the frame layout the JIT compiles against (`frame`),
//! the interpreter (`interp`) with its hot counters and `JitHook`,
//! coroutines (design in `frame`), the library (`lib`: base, string,
//! table, math, coroutine, io, os, debug, package) and `run`.

pub mod bytecode;
pub mod compile;
pub mod frame;
pub mod func;
pub mod gc;
pub mod interp;
#[path = "lib/mod.rs"]
pub mod lib;
pub mod listing;
pub mod proto;
pub mod run;
pub mod string;
pub mod table;
pub mod value;
pub mod verify;
