//! The `table` library of Lua 5.1 (§5.5), with the compatibility functions
//! 5.1 keeps (`getn`, `setn`, `foreach`, `foreachi`, `maxn`).
//!
//! Every element access is raw, as in ltablib.c, and `#t` is the border.
//! `table.sort` is 5.1's quicksort step for step (median of three, pivot
//! parked at `hi - 1`, recursion into the smaller half), as the reference
//! tier re-derives it, so a comparator sees the same calls in the same
//! order and a bad one gets "invalid order function for sorting" at the
//! same moment.
//!
//! GC: the table and the comparator are arguments (rooted on the stack).
//! Values `sort` holds in Rust locals across a comparator call (the pivot
//! and the elements being swapped) may leave the table if the comparator
//! mutates it, so they are kept in `Vm::pinned` while held. `foreach`
//! keeps its current key pinned for the same reason.

use crate::func::{Args, Closure, Rets};
use crate::interp::{LResult, LuaError, Vm};
use crate::rets;
use crate::value::Value;

pub fn open(vm: &mut Vm) -> LResult<()> {
    vm.make_lib(
        "table",
        &[
            ("concat", tconcat),
            ("foreach", foreach),
            ("foreachi", foreachi),
            ("getn", getn),
            ("insert", tinsert),
            ("maxn", maxn),
            ("remove", tremove),
            ("setn", setn),
            ("sort", sort),
        ],
    )?;
    Ok(())
}

fn num(n: f64) -> Value {
    Value::from_num(n)
}

fn raw_get(vm: &Vm, t: Value, i: i64) -> Value {
    vm.heap.table(t).map_or(Value::NIL, |t| t.get_int(i))
}

fn raw_set(vm: &mut Vm, t: Value, i: i64, v: Value) -> LResult<()> {
    vm.raw_set_int(t, i, v)
}

/// `aux_getn`: a table argument and its border, narrowed to C `int`.
fn table_and_len(vm: &mut Vm, args: &[Value], i: usize) -> LResult<(Value, i64)> {
    let t = vm.check_table(args, i)?;
    let n = vm.heap.table(t).map_or(0, |t| t.border());
    Ok((t, n as i64 as i32 as i64))
}

fn check_function(vm: &mut Vm, args: &[Value], i: usize) -> LResult<Value> {
    match args.get(i) {
        Some(f) if vm.heap.get::<Closure>(*f).is_some() => Ok(*f),
        _ => Err(vm.type_arg_error(args, i, "function")),
    }
}

fn foreachi(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (t, n) = table_and_len(vm, &args, 0)?;
    let f = check_function(vm, &args, 1)?;
    for i in 1..=n {
        let v = raw_get(vm, t, i);
        let r = vm.call_meta(f, &[num(i as f64), v])?;
        if !r.is_nil() {
            return Ok(rets![r]);
        }
    }
    Ok(rets![])
}

fn foreach(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let f = check_function(vm, &args, 1)?;
    let slot = vm.pinned.len();
    vm.pinned.push(Value::NIL);
    let mut key = Value::NIL;
    loop {
        let next = vm.heap.table(t).map(|tab| tab.next(key));
        let (k, v) = match next {
            Some(Ok(Some(kv))) => kv,
            Some(Ok(None)) | None => break,
            Some(Err(_)) => return Err(vm.error_here(b"invalid key to 'next'")),
        };
        vm.pinned[slot] = k;
        let r = vm.call_meta(f, &[k, v])?;
        if !r.is_nil() {
            vm.pinned.truncate(slot);
            return Ok(rets![r]);
        }
        key = k;
    }
    vm.pinned.truncate(slot);
    Ok(rets![])
}

fn maxn(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let t = vm.check_table(&args, 0)?;
    let mut m = 0.0f64;
    let mut key = Value::NIL;
    while let Some(Ok(Some((k, _)))) = vm.heap.table(t).map(|tab| tab.next(key)) {
        if let Some(x) = k.as_num() {
            if x > m {
                m = x;
            }
        }
        key = k;
    }
    Ok(rets![num(m)])
}

fn getn(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (_, n) = table_and_len(vm, &args, 0)?;
    Ok(rets![num(n as f64)])
}

fn setn(vm: &mut Vm, args: Args) -> LResult<Rets> {
    vm.check_table(&args, 0)?;
    Err(vm.lib_error(b"'setn' is obsolete"))
}

/// Above this many slots, `insert` shifts only the keys present.
const DENSE_SHIFT: i64 = 1 << 16;

fn tinsert(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (t, n) = table_and_len(vm, &args, 0)?;
    let mut e = n + 1; // first empty slot
    let pos = match args.len() {
        2 => e,
        3 => {
            let pos = vm.check_int(&args, 1)?;
            if pos > e {
                e = pos; // 5.1 "grows" the array
            }
            shift_up(vm, t, pos, e)?;
            pos
        }
        _ => return Err(vm.lib_error(b"wrong number of arguments to 'insert'")),
    };
    raw_set(vm, t, pos, args[args.len() - 1])?;
    Ok(rets![])
}

/// `t[i] = t[i-1]` for `i = e` down to `pos + 1`.
fn shift_up(vm: &mut Vm, t: Value, pos: i64, e: i64) -> LResult<()> {
    if e - pos <= DENSE_SHIFT {
        let mut i = e;
        while i > pos {
            let v = raw_get(vm, t, i - 1);
            raw_set(vm, t, i, v)?;
            i -= 1;
        }
        return Ok(());
    }
    // Same final state, visiting only keys that hold a value. Nothing
    // collects here (no call, allocation never collects).
    let mut present: Vec<(i64, Value)> = Vec::new();
    let mut key = Value::NIL;
    while let Some(Ok(Some((k, v)))) = vm.heap.table(t).map(|tab| tab.next(key)) {
        if let Some(x) = k.as_num() {
            if x.fract() == 0.0 && x >= pos as f64 && x <= e as f64 {
                present.push((x as i64, v));
            }
        }
        key = k;
    }
    for (k, _) in &present {
        if *k > pos {
            raw_set(vm, t, *k, Value::NIL)?;
        }
    }
    for (k, v) in present {
        if k < e {
            raw_set(vm, t, k + 1, v)?;
        }
    }
    Ok(())
}

fn tremove(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (t, e) = table_and_len(vm, &args, 0)?;
    let mut pos = vm.opt_int(&args, 1, e)?;
    if !(1 <= pos && pos <= e) {
        return Ok(rets![]);
    }
    let result = raw_get(vm, t, pos);
    while pos < e {
        let v = raw_get(vm, t, pos + 1);
        raw_set(vm, t, pos, v)?;
        pos += 1;
    }
    raw_set(vm, t, e, Value::NIL)?;
    Ok(rets![result])
}

fn tconcat(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let sep = vm.opt_str(&args, 1, b"")?;
    let t = vm.check_table(&args, 0)?;
    let i = vm.opt_int(&args, 2, 1)?;
    let last = match args.get(3) {
        Some(v) if !v.is_nil() => vm.check_int(&args, 3)?,
        _ => vm.heap.table(t).map_or(0, |t| t.border()) as i64 as i32 as i64,
    };
    let mut out: Vec<u8> = Vec::new();
    let mut k = i;
    while k <= last {
        let v = raw_get(vm, t, k);
        match vm.to_bytes(v) {
            Some(b) => {
                vm.check_length(out.len() as u64 + b.len() as u64 + sep.len() as u64)?;
                out.extend_from_slice(&b);
            }
            None => {
                let msg = format!("invalid value ({}) at index {k} in table for 'concat'", v.type_tag().name());
                return Err(vm.lib_error(msg.as_bytes()));
            }
        }
        if k != last {
            out.extend_from_slice(&sep);
        }
        k += 1;
    }
    Ok(rets![vm.intern(&out)?])
}

// ---------------------------------------------------------------------
// sort
// ---------------------------------------------------------------------

struct Sorter {
    t: Value,
    cmp: Value,
    /// First of this sort's slots in `Vm::pinned`: 0 the pivot, 1 and 2
    /// the two values being compared or swapped.
    pins: usize,
}

impl Sorter {
    fn get(&self, vm: &Vm, i: i64) -> Value {
        raw_get(vm, self.t, i)
    }

    fn set(&self, vm: &mut Vm, i: i64, v: Value) -> LResult<()> {
        raw_set(vm, self.t, i, v)
    }

    fn hold(&self, vm: &mut Vm, which: usize, v: Value) {
        if let Some(p) = vm.pinned.get_mut(self.pins + which) {
            *p = v;
        }
    }

    /// `a < b` by the comparator, or by `<` with metamethods.
    fn less(&self, vm: &mut Vm, a: Value, b: Value) -> LResult<bool> {
        if self.cmp.is_nil() {
            vm.less_than(a, b)
        } else {
            Ok(vm.call_meta(self.cmp, &[a, b])?.is_truthy())
        }
    }

    fn invalid(&self, vm: &mut Vm) -> LuaError {
        vm.lib_error(b"invalid order function for sorting")
    }

    /// Sorts `t[lo..=hi]`.
    fn sort(&self, vm: &mut Vm, mut lo: i64, mut hi: i64) -> LResult<()> {
        while lo < hi {
            // Order t[lo], t[mid], t[hi].
            let a = self.get(vm, lo);
            let b = self.get(vm, hi);
            self.hold(vm, 1, a);
            self.hold(vm, 2, b);
            if self.less(vm, b, a)? {
                self.set(vm, lo, b)?;
                self.set(vm, hi, a)?;
            }
            if hi - lo == 1 {
                break;
            }
            let mid = lo + (hi - lo) / 2;
            let m = self.get(vm, mid);
            let a = self.get(vm, lo);
            self.hold(vm, 1, a);
            self.hold(vm, 2, m);
            if self.less(vm, m, a)? {
                self.set(vm, mid, a)?;
                self.set(vm, lo, m)?;
            } else {
                let b = self.get(vm, hi);
                self.hold(vm, 1, b);
                if self.less(vm, b, m)? {
                    self.set(vm, mid, b)?;
                    self.set(vm, hi, m)?;
                }
            }
            if hi - lo == 2 {
                break;
            }
            // Park the pivot at hi - 1.
            let pivot = self.get(vm, mid);
            self.hold(vm, 0, pivot);
            let b = self.get(vm, hi - 1);
            self.set(vm, mid, b)?;
            self.set(vm, hi - 1, pivot)?;
            // Invariant: t[lo..=i] <= P <= t[j..=hi].
            let mut i = lo;
            let mut j = hi - 1;
            loop {
                let mut ai;
                loop {
                    i += 1;
                    ai = self.get(vm, i);
                    self.hold(vm, 1, ai);
                    if !self.less(vm, ai, pivot)? {
                        break;
                    }
                    if i > hi {
                        return Err(self.invalid(vm));
                    }
                }
                let mut aj;
                loop {
                    j -= 1;
                    aj = self.get(vm, j);
                    self.hold(vm, 2, aj);
                    if !self.less(vm, pivot, aj)? {
                        break;
                    }
                    if j < lo {
                        return Err(self.invalid(vm));
                    }
                }
                if j < i {
                    break;
                }
                self.set(vm, i, aj)?;
                self.set(vm, j, ai)?;
            }
            // Put the pivot between the halves.
            let p = self.get(vm, hi - 1);
            let x = self.get(vm, i);
            self.set(vm, hi - 1, x)?;
            self.set(vm, i, p)?;
            // Recurse into the smaller half, loop on the larger.
            let (rlo, rhi);
            if i - lo < hi - i {
                rlo = lo;
                rhi = i - 1;
                lo = i + 1;
            } else {
                rlo = i + 1;
                rhi = hi;
                hi = i - 1;
            }
            self.sort(vm, rlo, rhi)?;
        }
        Ok(())
    }
}

fn sort(vm: &mut Vm, args: Args) -> LResult<Rets> {
    let (t, n) = table_and_len(vm, &args, 0)?;
    let cmp = match args.get(1) {
        Some(v) if !v.is_nil() => check_function(vm, &args, 1)?,
        _ => Value::NIL,
    };
    let pins = vm.pinned.len();
    vm.pinned.extend_from_slice(&[Value::NIL; 3]);
    let sorter = Sorter { t, cmp, pins };
    let r = sorter.sort(vm, 1, n);
    vm.pinned.truncate(pins);
    r?;
    Ok(rets![])
}
