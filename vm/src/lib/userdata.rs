//! Full userdata as the library makes them: `newproxy`'s (no payload)
//! and io's file handles (the file's state as payload; freeing the
//! userdata drops it, closing the file as 5.1's `__gc` does).

use crate::gc::{GcObject, Marker};
use crate::value::{ObjKind, Value};
use perigee_reference::interp::lib::io::FileState;

pub struct Userdata {
    /// The metatable (a table) or nil.
    pub meta: Value,
    /// The environment (`getfenv`), a table or nil.
    pub env: Value,
    /// A file handle's state (`io`); `None` for other userdata.
    pub file: Option<Box<FileState>>,
}

// SAFETY: `ObjKind::Userdata` is used by `Userdata` alone in the heaps the
// interpreter builds (gc.rs's unit tests use it for a test type in their
// own heaps, which never hold a `Userdata`); `trace` marks both fields.
unsafe impl GcObject for Userdata {
    const KIND: ObjKind = ObjKind::Userdata;
    fn trace(&mut self, marker: &mut Marker) {
        marker.mark(self.meta);
        marker.mark(self.env);
    }
}
