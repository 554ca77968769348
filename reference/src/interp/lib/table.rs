//! The `table` library of Lua 5.1 (§5.5), including the functions 5.1
//! keeps for compatibility (`getn`, `setn`, `foreach`, `foreachi`, `maxn`).
//!
//! Every element access is raw (no `__index`/`__newindex`), as in 5.1's
//! `ltablib.c`, and `#t` is the table's border. `table.sort` is a faithful
//! re-derivation of 5.1's quicksort (median of three, pivot parked at
//! `u-1`, recursion into the smaller half): with a comparator that is not a
//! strict order, or one that errors or mutates the table, the sequence of
//! comparisons — and therefore the result, the "attempt to compare" errors
//! and "invalid order function for sorting" — is the same as in 5.1.
//!
//! `table.insert` at a position far below the border shifts every integer
//! key in between, like 5.1's loop; when that range is huge the shift is
//! done over the keys actually present, so no input can make it spin for
//! billions of iterations on nils.

use super::{make_lib, num, string::check_length};
use crate::interp::error::{LResult, LuaError};
use crate::interp::ops::to_bytes;
use crate::interp::value::{LStr, TableRef, Value};
use crate::interp::Ctx;

pub fn open() -> TableRef {
    make_lib(&[
        ("concat", tconcat),
        ("foreach", foreach),
        ("foreachi", foreachi),
        ("getn", getn),
        ("insert", tinsert),
        ("maxn", maxn),
        ("remove", tremove),
        ("setn", setn),
        ("sort", sort),
    ])
}

fn raw_get(t: &TableRef, i: i64) -> Value {
    t.0.borrow().get_int(i)
}

fn raw_set(t: &TableRef, i: i64, v: Value) {
    t.0.borrow_mut().set(Value::Num(i as f64), v);
}

/// `aux_getn`: a table argument and its border, narrowed to C `int` as
/// 5.1 does.
fn table_and_len(ctx: &Ctx, args: &[Value], i: usize) -> LResult<(TableRef, i64)> {
    let t = ctx.check_table(args, i)?;
    let n = t.0.borrow().border();
    Ok((t, n as i64 as i32 as i64))
}

fn check_function(ctx: &Ctx, args: &[Value], i: usize) -> LResult<Value> {
    match args.get(i) {
        Some(f @ Value::Func(_)) => Ok(f.clone()),
        _ => Err(ctx.type_arg_error(args, i, "function")),
    }
}

fn first(mut values: Vec<Value>) -> Value {
    if values.is_empty() {
        Value::Nil
    } else {
        values.swap_remove(0)
    }
}

fn foreachi(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (t, n) = table_and_len(ctx, &args, 0)?;
    let f = check_function(ctx, &args, 1)?;
    for i in 1..=n {
        let r = first(ctx.no_yield(|| ctx.call_value(&f, vec![num(i as f64), raw_get(&t, i)]))?);
        if !r.is_nil() {
            return Ok(vec![r]);
        }
    }
    Ok(vec![])
}

fn foreach(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let f = check_function(ctx, &args, 1)?;
    let mut key = Value::Nil;
    loop {
        let next = t.0.borrow().next(&key);
        let (k, v) = match next {
            Ok(Some(kv)) => kv,
            Ok(None) => return Ok(vec![]),
            Err(()) => return Err(ctx.error_here("invalid key to 'next'")),
        };
        let r = first(ctx.no_yield(|| ctx.call_value(&f, vec![k.clone(), v]))?);
        if !r.is_nil() {
            return Ok(vec![r]);
        }
        key = k;
    }
}

fn maxn(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let t = ctx.check_table(&args, 0)?;
    let m = t.0.borrow().maxn();
    Ok(vec![num(m)])
}

fn getn(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (_, n) = table_and_len(ctx, &args, 0)?;
    Ok(vec![num(n as f64)])
}

fn setn(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    ctx.check_table(&args, 0)?;
    Err(ctx.lib_error("'setn' is obsolete"))
}

/// Above this many slots, `insert` shifts only the keys present.
const DENSE_SHIFT: i64 = 1 << 16;

fn tinsert(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (t, n) = table_and_len(ctx, &args, 0)?;
    let mut e = n + 1; // first empty slot
    let pos = match args.len() {
        2 => e,
        3 => {
            let pos = ctx.check_int(&args, 1)?;
            if pos > e {
                e = pos; // 5.1 "grows" the array
            }
            shift_up(&t, pos, e);
            pos
        }
        _ => return Err(ctx.lib_error("wrong number of arguments to 'insert'")),
    };
    raw_set(&t, pos, args[args.len() - 1].clone());
    ctx.check_memory()?;
    Ok(vec![])
}

/// `t[i] = t[i-1]` for `i = e` down to `pos + 1`.
fn shift_up(t: &TableRef, pos: i64, e: i64) {
    if e - pos <= DENSE_SHIFT {
        let mut i = e;
        while i > pos {
            let v = raw_get(t, i - 1);
            raw_set(t, i, v);
            i -= 1;
        }
        return;
    }
    // Same final state, visiting only keys that hold a value: clear the
    // destination range, then move every present key up by one.
    let mut present: Vec<(i64, Value)> = Vec::new();
    let mut key = Value::Nil;
    while let Ok(Some((k, v))) = t.0.borrow().next(&key) {
        if let Value::Num(x) = k {
            if x.fract() == 0.0 && x >= pos as f64 && x <= e as f64 {
                present.push((x as i64, v));
            }
        }
        key = k;
    }
    for (k, _) in &present {
        if *k > pos {
            raw_set(t, *k, Value::Nil);
        }
    }
    for (k, v) in present {
        if k < e {
            raw_set(t, k + 1, v);
        }
    }
}

fn tremove(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (t, e) = table_and_len(ctx, &args, 0)?;
    let mut pos = ctx.opt_int(&args, 1, e)?;
    if !(1 <= pos && pos <= e) {
        return Ok(vec![]);
    }
    let result = raw_get(&t, pos);
    while pos < e {
        let v = raw_get(&t, pos + 1);
        raw_set(&t, pos, v);
        pos += 1;
    }
    raw_set(&t, e, Value::Nil);
    Ok(vec![result])
}

fn tconcat(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let sep = ctx.opt_str(&args, 1, b"")?;
    let t = ctx.check_table(&args, 0)?;
    let i = ctx.opt_int(&args, 2, 1)?;
    let last = match args.get(3) {
        None | Some(Value::Nil) => t.0.borrow().border() as i64 as i32 as i64,
        Some(_) => ctx.check_int(&args, 3)?,
    };
    let mut out: Vec<u8> = Vec::new();
    let mut k = i;
    while k <= last {
        let v = raw_get(&t, k);
        match to_bytes(&v) {
            Some(b) => {
                check_length(ctx, out.len() as u64 + b.len() as u64 + sep.len() as u64)?;
                out.extend_from_slice(&b);
            }
            None => {
                return Err(
                    ctx.lib_error(format!("invalid value ({}) at index {k} in table for 'concat'", v.type_name()))
                )
            }
        }
        if k != last {
            out.extend_from_slice(sep.as_bytes());
        }
        k += 1;
    }
    let s = Value::Str(LStr::from_vec(out));
    ctx.check_memory()?;
    Ok(vec![s])
}

// ---------------------------------------------------------------------
// sort
// ---------------------------------------------------------------------

struct Sorter<'c, 'a> {
    ctx: &'c Ctx<'a>,
    t: TableRef,
    cmp: Value,
}

impl Sorter<'_, '_> {
    fn get(&self, i: i64) -> Value {
        raw_get(&self.t, i)
    }

    fn set(&self, i: i64, v: Value) {
        raw_set(&self.t, i, v);
    }

    /// `a < b` by the comparator, or by `<` with metamethods.
    fn less(&self, a: &Value, b: &Value) -> LResult<bool> {
        // A C function in 5.1: no yield from the comparator or from a
        // `__lt` it triggers.
        self.ctx.no_yield(|| {
            if self.cmp.is_nil() {
                self.ctx.less_than(a, b, 0)
            } else {
                Ok(first(self.ctx.call_value(&self.cmp, vec![a.clone(), b.clone()])?).truthy())
            }
        })
    }

    fn invalid(&self) -> LuaError {
        self.ctx.lib_error("invalid order function for sorting")
    }

    /// Sorts `t[lo..=hi]`.
    fn sort(&self, lo: i64, hi: i64) -> LResult<()> {
        self.ctx.deeper(|| self.sort_here(lo, hi))
    }

    /// `sort` once there is host stack for it.
    fn sort_here(&self, mut lo: i64, mut hi: i64) -> LResult<()> {
        while lo < hi {
            // Order t[lo], t[mid], t[hi].
            let a = self.get(lo);
            let b = self.get(hi);
            if self.less(&b, &a)? {
                self.set(lo, b);
                self.set(hi, a);
            }
            if hi - lo == 1 {
                break;
            }
            let mid = lo + (hi - lo) / 2;
            let m = self.get(mid);
            let a = self.get(lo);
            if self.less(&m, &a)? {
                self.set(mid, a);
                self.set(lo, m);
            } else {
                let b = self.get(hi);
                if self.less(&b, &m)? {
                    self.set(mid, b);
                    self.set(hi, m);
                }
            }
            if hi - lo == 2 {
                break;
            }
            // Park the pivot at hi - 1.
            let pivot = self.get(mid);
            let b = self.get(hi - 1);
            self.set(mid, b);
            self.set(hi - 1, pivot.clone());
            // Invariant: t[lo..=i] <= P <= t[j..=hi].
            let mut i = lo;
            let mut j = hi - 1;
            loop {
                let mut ai;
                loop {
                    i += 1;
                    ai = self.get(i);
                    if !self.less(&ai, &pivot)? {
                        break;
                    }
                    if i > hi {
                        return Err(self.invalid());
                    }
                }
                let mut aj;
                loop {
                    j -= 1;
                    aj = self.get(j);
                    if !self.less(&pivot, &aj)? {
                        break;
                    }
                    if j < lo {
                        return Err(self.invalid());
                    }
                }
                if j < i {
                    break;
                }
                self.set(i, aj);
                self.set(j, ai);
            }
            // Put the pivot between the halves.
            let p = self.get(hi - 1);
            let x = self.get(i);
            self.set(hi - 1, x);
            self.set(i, p);
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
            self.sort(rlo, rhi)?;
        }
        Ok(())
    }
}

fn sort(ctx: &Ctx, args: Vec<Value>) -> LResult<Vec<Value>> {
    let (t, n) = table_and_len(ctx, &args, 0)?;
    let cmp = match args.get(1) {
        None | Some(Value::Nil) => Value::Nil,
        Some(_) => check_function(ctx, &args, 1)?,
    };
    let sorter = Sorter { ctx, t, cmp };
    sorter.sort(1, n)?;
    Ok(vec![])
}
