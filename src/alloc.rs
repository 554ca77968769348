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

/// Turns transparent huge pages off for this process (Linux's
/// `PR_SET_THP_DISABLE`), as if mimalloc's `allow_thp` option were 0 from
/// the start. `main` calls it before running Lua (not in `bench`, whose
/// peers would inherit the flag).
///
/// Why: mimalloc asks for huge pages (`madvise(MADV_HUGEPAGE)`) on the
/// memory it maps. With the kernel's usual `defrag=madvise` setting, a
/// fault in such memory makes the kernel find a free 2 MiB page, and
/// when physical memory is fragmented it compacts memory on the spot,
/// inside the fault. That system time came and went from run to run:
/// the sort benchmark spent 0.02-0.15 s of a 1.3 s run in the kernel
/// with the same 185 page faults, strbuild 0.03-0.43 s; perf put 11 % of
/// one sort run in `clear_page_erms` under huge-page faults. With 4 KiB
/// pages there are more faults (some 20,000 for sort) but each is cheap
/// and the cost steady: sort 0.02-0.06 s, strbuild 0.09-0.12 s (four
/// runs each). lua5.1 (glibc malloc, no `madvise`) also runs on 4 KiB
/// pages here.
///
/// True when the kernel took the setting. A kernel without the option,
/// or qemu-user (which does not pass it on), refuses it, which changes
/// nothing: `main` ignores the result.
pub fn no_huge_pages() -> bool {
    #[cfg(target_os = "linux")]
    return thp_prctl(PR_SET_THP_DISABLE, 1) == 0;
    #[cfg(not(target_os = "linux"))]
    false
}

#[cfg(target_os = "linux")]
const PR_SET_THP_DISABLE: std::ffi::c_int = 41;
#[cfg(all(target_os = "linux", test))]
const PR_GET_THP_DISABLE: std::ffi::c_int = 42;

/// `prctl(option, arg, 0, 0, 0)` for the THP options above.
#[cfg(target_os = "linux")]
fn thp_prctl(option: std::ffi::c_int, arg: std::ffi::c_ulong) -> std::ffi::c_int {
    extern "C" {
        fn prctl(option: std::ffi::c_int, ...) -> std::ffi::c_int;
    }
    // SAFETY: `PR_SET_THP_DISABLE` only sets a flag of this process's
    // memory map, read by the kernel at page-fault time, and
    // `PR_GET_THP_DISABLE` only reads it; every argument is a plain
    // integer, passed as the `unsigned long` the kernel reads.
    unsafe { prctl(option, arg, 0 as std::ffi::c_ulong, 0 as std::ffi::c_ulong, 0 as std::ffi::c_ulong) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// After `no_huge_pages`, the kernel reports THP off for the process
    /// (`PR_GET_THP_DISABLE` is 1), unless it refused the setting
    /// (qemu-user does).
    #[cfg(target_os = "linux")]
    #[test]
    fn no_huge_pages_sets_the_flag() {
        if no_huge_pages() {
            assert_eq!(thp_prctl(PR_GET_THP_DISABLE, 0), 1);
        }
    }

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
