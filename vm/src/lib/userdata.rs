//! Full userdata as the library makes them (`newproxy`; later file
//! handles): no payload yet, only a metatable and an environment.

use crate::gc::{GcObject, Marker};
use crate::value::{ObjKind, Value};

pub struct Userdata {
    /// The metatable (a table) or nil.
    pub meta: Value,
    /// The environment (`getfenv`), a table or nil.
    pub env: Value,
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
