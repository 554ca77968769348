//! The CLI's global allocator: mimalloc, called so that the usual
//! allocation takes mimalloc's fast path.
//!
//! Why mimalloc at all: every Lua table, closure, upvalue and string is a
//! heap allocation, and glibc's free path was 10-30 % of the time on the
//! allocation-heavy benchmarks (closures, json, coroutine_ring).
//!
//! Why not the `mimalloc` crate's `MiMalloc`: it passes every request to
//! `mi_malloc_aligned`, even for the 8-byte alignment almost everything
//! here asks for. mimalloc's aligned entry point only uses a block from
//! the free list when the list is non-empty; otherwise (after a
//! collection has freed a page's blocks back to its deferred lists) it
//! takes a generic path that over-allocates by the alignment. Under
//! callgrind that path was ~10 % of the closures benchmark. `mi_malloc`
//! itself returns blocks aligned to at least 8 bytes (every size class
//! is a multiple of the word size), so requests with an alignment of 8
//! or less go there, and only larger alignments use the aligned calls.

use libmimalloc_sys as mi;
use std::alloc::{GlobalAlloc, Layout};
use std::ffi::c_void;

/// Alignment every `mi_malloc` block has.
const WORD_ALIGN: usize = std::mem::size_of::<usize>();

pub struct MiAlloc;

// SAFETY: every method hands the request to mimalloc, which returns null
// or a block of at least `layout.size()` bytes aligned to
// `layout.align()`: `mi_malloc`/`mi_zalloc`/`mi_realloc` blocks are
// word-aligned and are only used when the alignment is at most a word;
// larger alignments use the `_aligned` variants. `dealloc` and `realloc`
// only receive pointers this allocator returned, which `mi_free` and the
// realloc calls accept whichever variant made them.
unsafe impl GlobalAlloc for MiAlloc {
    #[inline]
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: plain FFI calls; see the impl's comment.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                mi::mi_malloc(layout.size()) as *mut u8
            } else {
                mi::mi_malloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as `alloc`.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                mi::mi_zalloc(layout.size()) as *mut u8
            } else {
                mi::mi_zalloc_aligned(layout.size(), layout.align()) as *mut u8
            }
        }
    }

    #[inline]
    unsafe fn dealloc(&self, ptr: *mut u8, _layout: Layout) {
        // SAFETY: `ptr` came from this allocator (GlobalAlloc's contract).
        unsafe { mi::mi_free(ptr as *mut c_void) }
    }

    #[inline]
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` came from this allocator with `layout`
        // (GlobalAlloc's contract); the result keeps `layout.align()`.
        unsafe {
            if layout.align() <= WORD_ALIGN {
                mi::mi_realloc(ptr as *mut c_void, new_size) as *mut u8
            } else {
                mi::mi_realloc_aligned(ptr as *mut c_void, new_size, layout.align()) as *mut u8
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Blocks of every small size and alignment are aligned, writable and
    /// keep their contents across a reallocation.
    #[test]
    fn blocks_are_aligned_and_keep_contents() {
        let a = MiAlloc;
        for align in [1usize, 2, 4, 8, 16, 32, 64, 4096] {
            for size in [1usize, 3, 8, 15, 16, 24, 40, 100, 1000, 70_000] {
                let layout = Layout::from_size_align(size, align).unwrap();
                // SAFETY: non-zero size; the block is used within `size`
                // bytes and freed once, with its layout.
                unsafe {
                    let p = a.alloc(layout);
                    assert!(!p.is_null());
                    assert_eq!(p as usize % align, 0, "size {size} align {align}");
                    for i in 0..size {
                        *p.add(i) = i as u8;
                    }
                    let q = a.realloc(p, layout, size * 3);
                    assert!(!q.is_null());
                    assert_eq!(q as usize % align, 0, "realloc size {size} align {align}");
                    for i in 0..size {
                        assert_eq!(*q.add(i), i as u8);
                    }
                    a.dealloc(q, Layout::from_size_align(size * 3, align).unwrap());
                    let z = a.alloc_zeroed(layout);
                    assert_eq!(z as usize % align, 0);
                    assert!((0..size).all(|i| *z.add(i) == 0));
                    a.dealloc(z, layout);
                }
            }
        }
    }
}
