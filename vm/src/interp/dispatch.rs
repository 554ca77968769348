//! The dispatch loop: runs Lua frames until the entry frame it was started
//! for returns. Calls and returns between Lua functions switch the loop's
//! cached frame state (`'frame` loop) instead of recursing.
//!
//! The PC lives in a local while the loop runs. It is written back to the
//! frame record (`save!`) before anything that can read it: every call,
//! every path that can raise an error or run a metamethod, the JIT hook.
//! The fast paths that can do none of these (moves, constants, jumps,
//! number arithmetic and comparisons, plain table reads) skip the store.
//! So whenever control leaves the loop, the record's `pc` is the
//! instruction after the running one, as `frame.rs` documents (the JIT's
//! exits will restore the same record to resume here).

use super::cont::{cond_negation, Started};
use super::ops::Step;
use super::{LResult, LuaError, Vm, HOT_LOOP};
use crate::bytecode::{lua_mod, ArithOp, Instr, Op, Primitive, FIELDS_PER_FLUSH, OPS};
use crate::frame::Cont;
use crate::func::{Closure, LoadedProto, Special, Upvalue};
use crate::proto::UpvalSource;
use crate::table::FastMeta;
use crate::value::Value;
use perigee_reference::interp::error::LimitKind;

impl Vm {
    /// Runs Lua frames from the top one until the innermost entry frame
    /// returns; errors leave to `execute` (`cont.rs`), which catches them
    /// at protected frames and calls this again.
    // `!(p < q)` is deliberate: with a NaN it holds, as 5.1's `not (a < b)`.
    #[allow(clippy::neg_cmp_op_on_partial_ord)]
    pub(super) fn dispatch(&mut self) -> LResult<()> {
        // The running frame's state, kept in locals while it runs: its
        // record's index, its closure's upvalue cells, its code and
        // constants, and the instruction and register pointers (see `ip`
        // and `regs` below); `base` and the closure are read from the
        // record (`base!`, `func!`). `switch_to!` sets them: on entry and
        // after the generic call and return paths (`continue 'frame`,
        // through `load_top!`), and inline where a Lua call or a return to
        // a Lua caller switches frames without leaving the instruction
        // loop.
        let mut fi: usize;
        // The upvalue cells of the running closure (`Frame::cells`).
        let mut upv: *const Value;
        let mut code: &[Instr];
        let mut k: &[Value];
        let mut code_start: *const Instr;
        let mut ip: *const Instr;
        let mut regs: *mut Value;
        // Switches the loop's state to record `$fi`, the top one, a Lua
        // frame whose closure has the cells `$upv`, of prototype `$pp` and
        // base `$base`, at PC `$pc0`, which is inside its code.
        macro_rules! switch_to {
            ($fi:expr, $pp:expr, $upv:expr, $base:expr, $pc0:expr) => {{
                let pp: std::ptr::NonNull<LoadedProto> = $pp;
                let pc0: usize = $pc0;
                fi = $fi;
                debug_assert_eq!(fi + 1, self.frames.len());
                let base: usize = $base;
                upv = $upv;
                // SAFETY (`detach`): the code and constants live in `Rc`
                // slices owned by the prototype, which are never mutated or
                // replaced after loading. The prototype stays alive while
                // this loop uses them (`Frame::proto`: its closure sits in
                // this frame's function slot, which no instruction of the
                // frame can overwrite and which every collection marks); the
                // loop switches state (`switch_to!`) whenever the running
                // frame changes, before the frame is popped or its slot
                // reused by a tail call.
                (code, k) = unsafe {
                    let p = pp.as_ref();
                    (detach(&p.code), detach(&p.consts))
                };
                debug_assert!(pc0 < code.len());
                code_start = code.as_ptr();
                // SAFETY: a frame's saved PC is inside its code: 0 for a
                // new frame (verified code is never empty) and otherwise
                // the instruction after a call, which never ends the code;
                // `'frame` checks it for records it did not make itself.
                ip = unsafe { code_start.add(pc0) };
                // SAFETY: `base <= stack.len()` (see `regs` below).
                regs = unsafe { self.stack.as_mut_ptr().add(base) };
            }};
        }
        // `switch_to!` the top record, a Lua frame of prototype `$pp`.
        macro_rules! load_top {
            ($pp:expr) => {{
                let top = self.frames.len() - 1;
                // SAFETY: there is a top record (the caller found `$pp` in it).
                let fr = unsafe { self.frames.get_unchecked(top) };
                let (fbase, pc0, cells) = (fr.base, fr.pc as usize, fr.cells);
                switch_to!(top, $pp, cells, fbase, pc0);
            }};
        }
        // The running frame's `base` and closure, read from its record
        // where an instruction needs them: kept out of the loop's
        // variables so that the compiler does not recompute values derived
        // from them at every instruction.
        macro_rules! base {
            () => {{
                // (Also used inside `unsafe` blocks.)
                #[allow(unused_unsafe)]
                // SAFETY: `fi` is the running frame's record, the last one.
                let b = unsafe { self.frames.get_unchecked(fi) }.base;
                b
            }};
        }
        macro_rules! func {
            () => {{
                #[allow(unused_unsafe)]
                // SAFETY: as in `base!`.
                let slot = unsafe { self.frames.get_unchecked(fi) }.func;
                self.stack.get(slot).copied().unwrap_or(Value::NIL)
            }};
        }
        'frame: loop {
            let Some(top) = self.frames.last() else {
                return Err(self.error_value(b"internal: no frame to run"));
            };
            let Some(pp) = top.proto else {
                // A `pcall` record whose function just returned.
                if self.finish_protected()? {
                    return Ok(());
                }
                continue 'frame;
            };
            // SAFETY: a record's prototype outlives it (`Frame::proto`).
            if top.pc as usize >= unsafe { pp.as_ref() }.code.len() {
                return Err(self.error_here(b"internal: PC out of range"));
            }
            load_top!(pp);
            // The PC as a pointer into the code (one live value instead of
            // a slice and an index). It stays inside `code` between
            // instructions: checked above on entry to the frame, and the
            // verifier guarantees every jump lands in the code and no
            // instruction falls (or skips) off its end.
            // The index of the next instruction (`ip`'s offset in `code`).
            macro_rules! pc {
                () => {
                    // SAFETY: both point into `code`.
                    (unsafe { ip.offset_from(code_start) }) as usize
                };
            }
            macro_rules! save {
                () => {
                    self.frames[fi].pc = pc!() as u32
                };
            }
            // `save!` on a path that is rarely taken (a metamethod, an
            // error, a hot-loop event): `cold_path` tells the compiler, so
            // it keeps the fast paths' values in registers and moves the
            // spills here.
            macro_rules! slow {
                () => {
                    std::hint::cold_path();
                    save!();
                };
            }
            // Registers and constants are read without bounds checks. Why
            // that is sound: the frame's prototype passed the verifier
            // (`verify.rs`: every register operand, and every fixed range an
            // op touches, is below `maxstack`; every constant operand
            // indexes the constant table), and `enter_lua` made the stack at
            // least `base + maxstack` slots long. The stack never shrinks
            // (only `ensure_stack` resizes it, upwards) and a coroutine
            // switch puts the same `Vec` back before this frame runs again,
            // so that length holds for as long as the frame runs. Debug
            // builds check it at every access.
            //
            // `regs` points at `R(0)`, so a register access is one load or
            // store with no reload of the stack's address. It is re-derived
            // (`sync!`) after everything that may write or grow the stack
            // (a call, a metamethod, an allocation that may collect, ...):
            // every such call in the loop below is followed by `sync!()`
            // before the next register access. Debug builds check at every
            // access that `regs` is still `R(0)`.
            //
            // `sync!` also reloads `ip` from the record, where `save!` put it
            // before the call: so neither `regs` nor `ip` is live across a
            // call, and the register allocator can keep both in registers on
            // the fast paths instead of spilling them around every call.
            macro_rules! sync {
                () => {
                    // SAFETY: `base <= stack.len()` (see above), so the
                    // result is in bounds or one past the end.
                    regs = unsafe { self.stack.as_mut_ptr().add(base!()) };
                    debug_assert!((self.frames[fi].pc as usize) < code.len());
                    // SAFETY: a saved PC of this frame is inside its code.
                    ip = unsafe { code_start.add(self.frames[fi].pc as usize) };
                };
            }
            macro_rules! r {
                ($i:expr) => {{
                    let i = ($i) as usize;
                    debug_assert!(base!() + i < self.stack.len());
                    debug_assert!(std::ptr::eq(regs, self.stack.as_ptr().wrapping_add(base!())));
                    // SAFETY: see above.
                    unsafe { *regs.add(i) }
                }};
            }
            macro_rules! w {
                ($i:expr, $v:expr) => {{
                    let v: Value = $v;
                    let i = ($i) as usize;
                    debug_assert!(base!() + i < self.stack.len());
                    debug_assert!(std::ptr::eq(regs, self.stack.as_ptr().wrapping_add(base!())));
                    // SAFETY: see above.
                    unsafe { *regs.add(i) = v }
                }};
            }
            macro_rules! kv {
                ($i:expr) => {{
                    let i = $i as usize;
                    debug_assert!(i < k.len());
                    // SAFETY: see above.
                    unsafe { *k.get_unchecked(i) }
                }};
            }
            macro_rules! jump {
                ($ins:expr) => {
                    // SAFETY: a verified jump lands inside the code.
                    ip = unsafe { ip.offset($ins.jump_d().0 as isize) }
                };
            }
            macro_rules! cond {
                ($c:expr) => {{
                    if $c {
                        debug_assert!(pc!() < code.len());
                        // SAFETY: a verified compare or test is followed
                        // by its JMP.
                        let j = unsafe { *ip };
                        ip = unsafe { ip.add(1) };
                        jump!(j);
                    } else {
                        // SAFETY: the JMP is not the last instruction
                        // (verifier), so this stays inside the code.
                        ip = unsafe { ip.add(1) };
                    }
                }};
            }
            // An arithmetic result as a value: `+ - * /` need no NaN test
            // (`Value::from_basic_arith` says why); `%` and `^` keep it.
            macro_rules! box_num {
                (Add, $n:expr) => {
                    Value::from_basic_arith($n)
                };
                (Sub, $n:expr) => {
                    Value::from_basic_arith($n)
                };
                (Mul, $n:expr) => {
                    Value::from_basic_arith($n)
                };
                (Div, $n:expr) => {
                    Value::from_basic_arith($n)
                };
                ($other:ident, $n:expr) => {
                    Value::from_arith($n)
                };
            }
            // One arm per arithmetic op, so the number case is a single
            // machine instruction with no second dispatch on the operator.
            // `vn`: R(B) op K(C); `nv`: K(C) op R(B); `vv`: R(B) op R(C).
            macro_rules! arith {
                (@go $ins:ident, $x:expr, $y:expr, $rb:expr, $rc:expr, $aop:ident, $f:expr) => {{
                    let (x, y) = ($x, $y);
                    match (x.as_num(), y.as_num()) {
                        (Some(p), Some(q)) => w!($ins.a(), box_num!($aop, $f(p, q))),
                        _ => {
                            slow!();
                            meta_value!(self.arith_k(ArithOp::$aop, x, y, $rb, $rc)?, $ins.a());
                        }
                    }
                }};
                // A number constant needs no type test: the verifier
                // checked that `K(C)` of these ops is a number.
                ($ins:ident, vn, $aop:ident, $f:expr) => {{
                    let (x, y) = (r!($ins.b()), kv!($ins.c()));
                    debug_assert!(y.is_num());
                    match x.as_num() {
                        Some(p) => w!($ins.a(), box_num!($aop, $f(p, f64::from_bits(y.to_bits())))),
                        None => {
                            slow!();
                            meta_value!(self.arith_k(ArithOp::$aop, x, y, Some($ins.b()), None)?, $ins.a());
                        }
                    }
                }};
                ($ins:ident, nv, $aop:ident, $f:expr) => {{
                    let (x, y) = (kv!($ins.c()), r!($ins.b()));
                    debug_assert!(x.is_num());
                    match y.as_num() {
                        Some(q) => w!($ins.a(), box_num!($aop, $f(f64::from_bits(x.to_bits()), q))),
                        None => {
                            slow!();
                            meta_value!(self.arith_k(ArithOp::$aop, x, y, None, Some($ins.b()))?, $ins.a());
                        }
                    }
                }};
                ($ins:ident, vv, $aop:ident, $f:expr) => {
                    arith!(@go $ins, r!($ins.b()), r!($ins.c()), Some($ins.b()), Some($ins.c()), $aop, $f)
                };
            }
            // An operation's slow path that yields a value for `R(dst)`: a
            // metamethod it needs runs as a frame (`continue 'frame`) whose
            // return stores the value, or at once for a builtin handler.
            macro_rules! meta_value {
                ($step:expr, $dst:expr) => {{
                    let dst = $dst;
                    let step = $step;
                    sync!();
                    match step {
                        Step::Done(v) => w!(dst, v),
                        Step::Call(mc) => match self.start_meta(mc, Cont::Store(dst as u8))? {
                            Started::Frame => continue 'frame,
                            Started::Ran(v) => {
                                sync!();
                                w!(dst, v)
                            }
                        },
                    }
                }};
            }
            // A comparison's slow path; `$neg`: the instruction negates it.
            macro_rules! meta_cond {
                ($step:expr, $neg:expr) => {{
                    let neg: bool = $neg;
                    let step = $step;
                    sync!();
                    match step {
                        Step::Done(b) => cond!(b != neg),
                        Step::Call(mc) => {
                            let inv = cond_negation(mc.then, neg);
                            match self.start_meta(mc, Cont::Cond(inv))? {
                                Started::Frame => continue 'frame,
                                Started::Ran(v) => {
                                    sync!();
                                    cond!(v.is_truthy() != inv)
                                }
                            }
                        }
                    }
                }};
            }
            // A store's slow path (`__newindex` results are dropped).
            macro_rules! meta_store {
                ($step:expr) => {{
                    if let Step::Call(mc) = $step {
                        if let Started::Frame = self.start_meta(mc, Cont::Discard)? {
                            continue 'frame;
                        }
                    }
                    sync!();
                }};
            }
            // A loop's back edge to instruction `$at`: ticks the loop's hot
            // counter. When it fires, the run's step budget is charged the
            // counter's whole period (`Vm::steps`), and the JIT hook runs.
            macro_rules! back_edge {
                ($at:expr) => {
                    if self.loop_tick(ip) {
                        slow!();
                        self.steps += u64::from(HOT_LOOP);
                        if self.steps > self.step_limit {
                            return Err(LuaError::Limit(LimitKind::Steps));
                        }
                        self.hook.hot_loop(func!(), $at);
                    }
                };
            }
            // Ops that share one body, instantiated per op (`op` is a
            // constant in each arm, so the body's tests of it fold away
            // instead of dispatching a second time).
            macro_rules! compare {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let (x, y) = (r!(a), r!(ins.d()));
                    match (x.as_num(), y.as_num()) {
                        (Some(p), Some(q)) => {
                            let holds = match op {
                                Op::ISLT => p < q,
                                Op::ISGE => !(p < q),
                                Op::ISLE => p <= q,
                                _ => !(p <= q),
                            };
                            cond!(holds);
                        }
                        _ => {
                            slow!();
                            let neg = matches!(op, Op::ISGE | Op::ISGT);
                            if matches!(op, Op::ISLT | Op::ISGE) {
                                meta_cond!(self.less_than_k(x, y)?, neg);
                            } else {
                                meta_cond!(self.less_equal_k(x, y)?, neg);
                            }
                        }
                    }
                }};
            }
            macro_rules! eq_values {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let (x, y) = (r!(a), r!(ins.d()));
                    let neg = op == Op::ISNEV;
                    if x.raw_eq(y) {
                        cond!(!neg);
                    } else if x.is_table() && y.is_table() {
                        slow!();
                        meta_cond!(self.equals_k(x, y), neg);
                    } else {
                        cond!(neg);
                    }
                }};
            }
            macro_rules! eq_const {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let eq = r!(a).raw_eq(kv!(ins.d()));
                    cond!(eq == matches!(op, Op::ISEQS | Op::ISEQN));
                }};
            }
            macro_rules! eq_primitive {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let p = match Primitive::from_u16(ins.d()) {
                        Some(Primitive::False) => Value::FALSE,
                        Some(Primitive::True) => Value::TRUE,
                        _ => Value::NIL,
                    };
                    let eq = r!(a).to_bits() == p.to_bits();
                    cond!(eq == (op == Op::ISEQP));
                }};
            }
            macro_rules! test_copy {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let v = r!(ins.d());
                    if v.is_truthy() == (op == Op::ISTC) {
                        w!(a, v);
                        cond!(true);
                    } else {
                        cond!(false);
                    }
                }};
            }
            macro_rules! test {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let t = r!(ins.d()).is_truthy();
                    cond!(t == (op == Op::IST));
                }};
            }
            macro_rules! index_number {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    // Array part first: one inlined test, no call.
                    let t = r!(ins.b());
                    let n = match op {
                        Op::TGETV => r!(ins.c()).as_num(),
                        _ => Some(ins.c() as f64),
                    };
                    if let (Some(tab), Some(n)) = (self.heap.table(t), n) {
                        if let Some(v) = tab.get_array(n) {
                            if !v.is_nil() || tab.metatable().is_none() {
                                w!(a, v);
                                continue;
                            }
                        }
                    }
                    let key = match op {
                        Op::TGETV => r!(ins.c()),
                        _ => Value::from_num(ins.c() as f64),
                    };
                    let fast = match self.heap.table(t) {
                        Some(tab) => {
                            let v = tab.get(key);
                            if !v.is_nil() || tab.metatable().is_none() {
                                Some(v)
                            } else {
                                None
                            }
                        }
                        None => None,
                    };
                    let v = match fast {
                        Some(v) => v,
                        None => {
                            save!();
                            meta_value!(self.index_k(t, key, Some(ins.b()))?, a);
                            continue;
                        }
                    };
                    w!(a, v);
                }};
            }
            macro_rules! store {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let t = r!(ins.b());
                    // Array part first: one inlined test, no call.
                    let n = match op {
                        Op::TSETV => r!(ins.c()).as_num(),
                        Op::TSETB => Some(ins.c() as f64),
                        _ => None,
                    };
                    if let Some(n) = n {
                        if let Some((tab, _)) = self.heap.table_mut(t) {
                            if tab.set_array(n, r!(a)) {
                                continue;
                            }
                        }
                    }
                    let key = match op {
                        Op::TSETV => r!(ins.c()),
                        Op::TSETS => kv!(ins.c()),
                        _ => Value::from_num(ins.c() as f64),
                    };
                    let v = r!(a);
                    if !self.store_existing(t, key, v) {
                        save!();
                        let plain = self.heap.table(t).is_some_and(|tab| tab.metatable().is_none());
                        if plain {
                            self.raw_set(t, key, v)?;
                            sync!();
                        } else {
                            meta_store!(self.set_index_k(t, key, v, Some(ins.b()))?);
                        }
                    }
                }};
            }
            macro_rules! call {
                ($op:expr, $a:expr, $ins:expr) => {{
                    #[allow(unused_variables)]
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    save!();
                    let f = base!() + a as usize;
                    let nargs = if op == Op::CALL { ins.c() as usize } else { self.top.saturating_sub(f + 1) };
                    let want = ins.b() as i32 - 1;
                    // Lua callee: straight to its frame. (No collection
                    // here: Lua code allocates only in TNEW, FNEW and
                    // CAT, which check; builtins are checked below.)
                    let fv = r!(a);
                    if let Some((proto, cells)) = self.lua_callee(fv) {
                        let (pp, nb) = self.enter_lua(f, nargs, want, false, false, fv, proto, cells, Cont::Call)?;
                        // Run the callee in this loop at once: its
                        // record is the top one, its PC 0.
                        switch_to!(self.frames.len() - 1, pp, cells, nb, 0);
                        continue;
                    }
                    self.maybe_gc();
                    if self.precall(f, nargs, want, false, false, Some(a), Cont::Call)? {
                        continue 'frame;
                    }
                    sync!();
                }};
            }
            // A return, the general way (`RET1` has a fast path first):
            // closes this frame's open upvalues, places the results as its
            // record's `want` asks, finishes its continuation and goes on
            // with the caller.
            macro_rules! ret {
                ($op:expr, $a:expr, $ins:expr) => {{
                    let (op, a, ins): (Op, u8, Instr) = ($op, $a, $ins);
                    let src = base!() + a as usize;
                    let n = match op {
                        Op::RET0 => 0,
                        Op::RET1 => 1,
                        Op::RET => ins.d() as usize,
                        _ => self.top.saturating_sub(src),
                    };
                    if self.open_upvals.last().is_some_and(|&(slot, _)| slot >= base!()) {
                        self.close_upvals(base!());
                    }
                    // The usual case: a plain call from a Lua frame of
                    // this loop that wants no more results than this
                    // return has. They are registers of this frame
                    // (verified below `maxstack`, so in the stack),
                    // moved down to `func ..`; then the caller resumes
                    // in this loop at the PC it saved before the call.
                    debug_assert_eq!(fi + 1, self.frames.len());
                    // SAFETY: the running frame's record is the last.
                    let fr = unsafe { self.frames.get_unchecked(fi) };
                    let (dst, want) = (fr.func, fr.want);
                    if fr.cont == Cont::Call && !fr.entry && want >= 0 && want as usize <= n && op != Op::RETM {
                        let want = want as usize;
                        let s = self.stack.as_mut_ptr();
                        debug_assert!(dst < src && src + want <= self.stack.len());
                        // SAFETY: `dst + i < src + i < src + n`, all
                        // inside the stack (see above).
                        unsafe {
                            if want == 1 {
                                // (The usual call wants one result.)
                                *s.add(dst) = *s.add(src);
                            } else {
                                for i in 0..want {
                                    *s.add(dst + i) = *s.add(src + i);
                                }
                            }
                        }
                        self.top = dst + want;
                        self.frames.truncate(fi);
                        match fi.checked_sub(1).and_then(|c| self.frames[c].proto) {
                            Some(pp) => {
                                load_top!(pp);
                                continue;
                            }
                            None => continue 'frame,
                        }
                    }
                    // Pop this frame's record.
                    let Some(fr) = self.frames.pop() else { return Ok(()) };
                    let dst = fr.func;
                    let want = if fr.want < 0 { n } else { fr.want as usize };
                    if want <= n && op != Op::RETM {
                        // The usual case: the results are registers of
                        // this frame (verified below `maxstack`, so in
                        // the stack), moved down to `func ..`.
                        let s = self.stack.as_mut_ptr();
                        debug_assert!(dst < src && src + want <= self.stack.len());
                        for i in 0..want {
                            // SAFETY: `dst + i < src + i < src + n`, all
                            // inside the stack (see above).
                            unsafe { *s.add(dst + i) = *s.add(src + i) };
                        }
                    } else {
                        self.ensure_stack(dst + want + 1);
                        for i in 0..want {
                            self.stack[dst + i] = if i < n { self.stack[src + i] } else { Value::NIL };
                        }
                    }
                    self.top = dst + want;
                    if fr.cont != Cont::Call {
                        self.finish_cont(&fr);
                    }
                    if fr.entry {
                        return Ok(());
                    }
                    // Back in a Lua caller (the usual case): resume it
                    // in this loop, at the PC it saved before the call.
                    if let Some(pp) = self.frames.last().and_then(|c| c.proto) {
                        load_top!(pp);
                        continue;
                    }
                    continue 'frame;
                }};
            }
            loop {
                debug_assert!(pc!() < code.len());
                // SAFETY: `ip` is inside the code (see `ip`); the next
                // instruction exists because this one is not the last or
                // does not fall through.
                let ins = unsafe { *ip };
                ip = unsafe { ip.add(1) };
                let byte = ins.op_byte();
                debug_assert!((byte as usize) < OPS.len());
                // SAFETY: `Op` is `repr(u8)` and its discriminants are
                // exactly `0..OPS.len()` (`OPS[i].op as usize == i` for every
                // entry: bytecode's test `op_byte_indexes_the_table`); the
                // verifier admits only op bytes below `OPS.len()`.
                let op: Op = unsafe { std::mem::transmute::<u8, Op>(byte) };
                let a = ins.a();
                match op {
                    Op::ISLT => compare!(Op::ISLT, a, ins),
                    Op::ISGE => compare!(Op::ISGE, a, ins),
                    Op::ISLE => compare!(Op::ISLE, a, ins),
                    Op::ISGT => compare!(Op::ISGT, a, ins),
                    Op::ISEQV => eq_values!(Op::ISEQV, a, ins),
                    Op::ISNEV => eq_values!(Op::ISNEV, a, ins),
                    Op::ISEQS => eq_const!(Op::ISEQS, a, ins),
                    Op::ISNES => eq_const!(Op::ISNES, a, ins),
                    Op::ISEQN => eq_const!(Op::ISEQN, a, ins),
                    Op::ISNEN => eq_const!(Op::ISNEN, a, ins),
                    Op::ISEQP => eq_primitive!(Op::ISEQP, a, ins),
                    Op::ISNEP => eq_primitive!(Op::ISNEP, a, ins),
                    Op::ISTC => test_copy!(Op::ISTC, a, ins),
                    Op::ISFC => test_copy!(Op::ISFC, a, ins),
                    Op::IST => test!(Op::IST, a, ins),
                    Op::ISF => test!(Op::ISF, a, ins),
                    Op::MOV => w!(a, r!(ins.d())),
                    Op::NOT => w!(a, Value::from_bool(!r!(ins.d()).is_truthy())),
                    Op::UNM => {
                        let v = r!(ins.d());
                        let v = match v.as_num() {
                            Some(n) => Value::from_basic_arith(-n),
                            None => {
                                slow!();
                                meta_value!(self.negate_k(v, ins.d() as u8)?, a);
                                continue;
                            }
                        };
                        w!(a, v);
                    }
                    Op::LEN => {
                        save!();
                        meta_value!(self.length_k(r!(ins.d()), ins.d() as u8)?, a);
                    }
                    Op::ADDVN => arith!(ins, vn, Add, |p, q| p + q),
                    Op::SUBVN => arith!(ins, vn, Sub, |p, q| p - q),
                    Op::MULVN => arith!(ins, vn, Mul, |p, q| p * q),
                    Op::DIVVN => arith!(ins, vn, Div, |p, q| p / q),
                    Op::MODVN => arith!(ins, vn, Mod, lua_mod),
                    Op::ADDNV => arith!(ins, nv, Add, |p, q| p + q),
                    Op::SUBNV => arith!(ins, nv, Sub, |p, q| p - q),
                    Op::MULNV => arith!(ins, nv, Mul, |p, q| p * q),
                    Op::DIVNV => arith!(ins, nv, Div, |p, q| p / q),
                    Op::MODNV => arith!(ins, nv, Mod, lua_mod),
                    Op::ADDVV => arith!(ins, vv, Add, |p, q| p + q),
                    Op::SUBVV => arith!(ins, vv, Sub, |p, q| p - q),
                    Op::MULVV => arith!(ins, vv, Mul, |p, q| p * q),
                    Op::DIVVV => arith!(ins, vv, Div, |p, q| p / q),
                    Op::MODVV => arith!(ins, vv, Mod, lua_mod),
                    Op::POW => arith!(ins, vv, Pow, f64::powf),
                    Op::CAT => {
                        save!();
                        self.maybe_gc();
                        sync!();
                        let (b, c) = (ins.b() as usize, ins.c() as usize);
                        // Resuming after a `__concat` frame (`Cont::Cat`)?
                        let resume = self.cat_resume.take();
                        if resume.is_none() {
                            let mut all: Option<Vec<u8>> = Some(Vec::new());
                            for i in b..=c {
                                let v = r!(i);
                                match (all.as_mut(), v.as_num(), self.heap.str_bytes(v)) {
                                    (Some(buf), Some(n), _) => {
                                        buf.extend_from_slice(perigee_reference::spec::number::fmt_number(n).as_bytes())
                                    }
                                    (Some(buf), None, Some(s)) => buf.extend_from_slice(s),
                                    _ => all = None,
                                }
                            }
                            if let Some(buf) = all {
                                let s = self.intern(&buf)?;
                                sync!();
                                w!(a, s);
                                continue;
                            }
                        }
                        // Pairwise from the right, as 5.1's `luaV_concat`
                        // (same results: string concatenation associates).
                        let mut hi = resume.map_or(c, usize::from);
                        while hi > b {
                            let i = hi - 1;
                            let step = self.concat_k(r!(i), r!(hi), i as u8, hi as u8)?;
                            sync!();
                            match step {
                                Step::Done(v) => w!(i, v),
                                Step::Call(mc) => {
                                    let cont = Cont::Cat { a, b: b as u8, at: i as u8 };
                                    match self.start_meta(mc, cont)? {
                                        Started::Frame => continue 'frame,
                                        Started::Ran(v) => {
                                            sync!();
                                            w!(i, v)
                                        }
                                    }
                                }
                            }
                            hi = i;
                        }
                        w!(a, r!(b));
                    }
                    Op::KSTR | Op::KNUM => w!(a, kv!(ins.d())),
                    Op::KSHORT => w!(a, Value::from_num(ins.d() as i16 as f64)),
                    Op::KPRI => {
                        let v = match Primitive::from_u16(ins.d()) {
                            Some(Primitive::False) => Value::FALSE,
                            Some(Primitive::True) => Value::TRUE,
                            _ => Value::NIL,
                        };
                        w!(a, v);
                    }
                    Op::KNIL => {
                        for i in a as usize..=ins.d() as usize {
                            w!(i, Value::NIL);
                        }
                    }
                    Op::UGET => {
                        // SAFETY: the closure has one cell per upvalue of
                        // its prototype (`Frame::cells`), and the verifier
                        // bounds the operand by that count.
                        let u = unsafe { *upv.add(ins.d() as usize) };
                        // A closed cell, or an open one of the running
                        // thread, read in place; otherwise `upval_get`
                        // (another thread's stack). Only reads: `regs`
                        // stays valid.
                        let v = match self.heap.get::<Upvalue>(u) {
                            Some(Upvalue::Closed(v)) => *v,
                            Some(&Upvalue::Open { slot, thread })
                                if thread.to_bits() == self.thread.to_bits() && slot < self.stack.len() =>
                            {
                                // SAFETY: in bounds (checked).
                                unsafe { *self.stack.as_ptr().add(slot) }
                            }
                            _ => self.upval_get(u),
                        };
                        w!(a, v);
                    }
                    Op::USETV => {
                        // SAFETY: as in `UGET`.
                        let u = unsafe { *upv.add(a as usize) };
                        let v = r!(ins.d());
                        let len = self.stack.len();
                        match self.heap.get_mut::<Upvalue>(u) {
                            Some(Upvalue::Closed(c)) => *c = v,
                            Some(&mut Upvalue::Open { slot, thread })
                                if thread.to_bits() == self.thread.to_bits() && slot < len =>
                            {
                                // SAFETY: in bounds (checked); written
                                // through the vector's raw pointer like
                                // `regs`, which stays valid.
                                unsafe { *self.stack.as_mut_ptr().add(slot) = v }
                            }
                            _ => {
                                save!();
                                self.upval_set(u, v);
                                sync!();
                            }
                        }
                    }
                    Op::UCLO => {
                        save!();
                        self.close_upvals(base!() + a as usize);
                        sync!();
                        jump!(ins);
                    }
                    Op::FNEW => {
                        save!();
                        self.maybe_gc();
                        let v = self.new_closure(func!(), ins.d(), base!())?;
                        sync!();
                        w!(a, v);
                    }
                    Op::TNEW => {
                        save!();
                        self.maybe_gc();
                        let d = ins.d() as usize;
                        let bits = d >> 11;
                        let nhash = if bits == 0 { 0 } else { 1usize << (bits - 1).min(26) };
                        let t = self.new_table(d & 0x7ff, nhash)?;
                        sync!();
                        w!(a, t);
                    }
                    Op::GGET => {
                        let env = self.env_of(func!());
                        let key = kv!(ins.d());
                        let fast = match self.heap.table(env) {
                            Some(tab) => {
                                let v = tab.get_str(key);
                                (!v.is_nil() || tab.metatable().is_none()).then_some(v)
                            }
                            None => None,
                        };
                        let v = match fast {
                            Some(v) => v,
                            None => {
                                slow!();
                                meta_value!(self.index_k(env, key, None)?, a);
                                continue;
                            }
                        };
                        w!(a, v);
                    }
                    Op::GSET => {
                        let env = self.env_of(func!());
                        let (key, v) = (kv!(ins.d()), r!(a));
                        if !self.store_existing(env, key, v) {
                            slow!();
                            meta_store!(self.set_index_k(env, key, v, None)?);
                        }
                    }
                    Op::TGETV => index_number!(Op::TGETV, a, ins),
                    Op::TGETB => index_number!(Op::TGETB, a, ins),
                    Op::TGETS => {
                        let t = r!(ins.b());
                        // A string constant (verified).
                        let key = kv!(ins.c());
                        match self.get_str_index(t, key) {
                            Some(v) => w!(a, v),
                            None => {
                                save!();
                                meta_value!(self.index_k(t, key, Some(ins.b()))?, a);
                            }
                        }
                    }
                    Op::TSETV => store!(Op::TSETV, a, ins),
                    Op::TSETS => store!(Op::TSETS, a, ins),
                    Op::TSETB => store!(Op::TSETB, a, ins),
                    Op::TSETM => {
                        let t = r!(a);
                        let batch = if ins.c() == u8::MAX {
                            // SAFETY: the verifier puts an EXTRA after a
                            // TSETM with C = 255.
                            let e = unsafe { *ip };
                            ip = unsafe { ip.add(1) };
                            e.a() as usize | (e.d() as usize) << 8
                        } else {
                            ins.c() as usize
                        };
                        save!();
                        let first = base!() + a as usize + 1;
                        let n = if ins.b() == 0 { self.top.saturating_sub(first) } else { ins.b() as usize };
                        for i in 0..n {
                            let v = self.stack[first + i];
                            let key = Value::from_num((i + 1 + batch * FIELDS_PER_FLUSH as usize) as f64);
                            self.raw_set(t, key, v)?;
                        }
                        sync!();
                    }
                    Op::SELF => {
                        let obj = r!(ins.b());
                        let key = kv!(ins.c());
                        w!(a as usize + 1, obj);
                        match self.get_str_index(obj, key) {
                            Some(v) => w!(a, v),
                            None => {
                                save!();
                                meta_value!(self.index_k(obj, key, Some(ins.b()))?, a);
                            }
                        }
                    }
                    Op::CALL => call!(Op::CALL, a, ins),
                    Op::CALLM => call!(Op::CALLM, a, ins),
                    Op::VARG => {
                        let nvar = self.frames[fi].nvarargs as usize;
                        let src = base!() - nvar;
                        let dst = base!() + a as usize;
                        let want = ins.b() as i32 - 1;
                        let n = if want < 0 { nvar } else { want as usize };
                        save!();
                        self.ensure_stack(dst + n + 1);
                        for i in 0..n {
                            self.stack[dst + i] = if i < nvar { self.stack[src + i] } else { Value::NIL };
                        }
                        self.top = dst + n;
                        sync!();
                    }
                    Op::TAILCALL | Op::TAILCALLM => {
                        save!();
                        self.maybe_gc();
                        let f = base!() + a as usize;
                        let nargs = if op == Op::TAILCALL { ins.d() as usize } else { self.top.saturating_sub(f + 1) };
                        let fv = self.stack[f];
                        let lua = self.lua_callee(fv);
                        if lua.is_none() && self.runs_in_callers_frame(fv) {
                            // 5.1 runs a C function reached by a tail call
                            // inside the caller's frame (lvm.c's
                            // OP_TAILCALL, case PCRC), so its errors name it
                            // and carry this line, and levels count this
                            // frame: a call for all its results, then a
                            // return of them (`Vm::tail_builtin`).
                            if self.tail_builtin(f, nargs, a)? {
                                return Ok(());
                            }
                            continue 'frame;
                        }
                        if lua.is_none() && !self.is_callable(fv) {
                            let name = self.describe(a);
                            return Err(self.type_error(fv, name, "call"));
                        }
                        self.close_upvals(base!());
                        let Some(cur) = self.frames.pop() else { return Ok(()) };
                        for i in 0..=nargs {
                            self.stack[cur.func + i] = self.stack[f + i];
                        }
                        if let Some((proto, cells)) = lua {
                            // A Lua callee runs in this loop at once, in the
                            // slot and with the continuation of the frame it
                            // replaces.
                            let (pp, nb) =
                                self.enter_lua(cur.func, nargs, cur.want, cur.entry, true, fv, proto, cells, cur.cont)?;
                            switch_to!(self.frames.len() - 1, pp, cells, nb, 0);
                            continue;
                        }
                        // The callee inherits the continuation (a tail call
                        // from a protected or metamethod frame stays one).
                        if self.precall(cur.func, nargs, cur.want, cur.entry, true, None, cur.cont)? {
                            continue 'frame;
                        }
                        if cur.cont != Cont::Call {
                            self.finish_cont(&cur);
                        }
                        if cur.entry {
                            return Ok(());
                        }
                        continue 'frame;
                    }
                    Op::ITERC => {
                        save!();
                        self.maybe_gc();
                        let f = base!() + a as usize;
                        if self.iterate_builtin(f, ins.b() as i32 - 1) {
                            sync!();
                            continue;
                        }
                        for i in 0..3 {
                            self.stack[f + i] = self.stack[f + i - 3];
                        }
                        if self.precall(f, 2, ins.b() as i32 - 1, false, false, None, Cont::Call)? {
                            continue 'frame;
                        }
                        sync!();
                    }
                    Op::ITERL => {
                        let v = r!(a);
                        if !v.is_nil() {
                            w!(a as usize - 1, v);
                            jump!(ins);
                            back_edge!(pc!() as u32);
                        }
                    }
                    Op::FORI => {
                        save!();
                        let mut nums = [0.0; 3];
                        let what = ["'for' initial value", "'for' limit", "'for' step"];
                        for (i, n) in nums.iter_mut().enumerate() {
                            match self.to_number(r!(a as usize + i)) {
                                Some(x) => *n = x,
                                None => return Err(self.error_here(format!("{} must be a number", what[i]).as_bytes())),
                            }
                            w!(a as usize + i, Value::from_num(*n));
                        }
                        let [idx, limit, step] = nums;
                        if if step > 0.0 { idx <= limit } else { idx >= limit } {
                            w!(a as usize + 3, Value::from_num(idx));
                        } else {
                            jump!(ins);
                        }
                    }
                    Op::FORL => {
                        let ai = a as usize;
                        // No type tests: `FORI` stored three numbers in
                        // these hidden registers, and nothing but `FORL`
                        // writes them (no Lua name reaches them, and
                        // `debug.setlocal` is a no-op). Any bits are a valid
                        // double, so even a broken invariant would only give
                        // a wrong number, never unsoundness.
                        let num = |v: Value| {
                            debug_assert!(v.is_num());
                            f64::from_bits(v.to_bits())
                        };
                        let (idx, limit, step) = (num(r!(ai)), num(r!(ai + 1)), num(r!(ai + 2)));
                        let idx = idx + step;
                        // Most steps are positive: with the other case
                        // marked cold the test is two compares and
                        // branches (the compiler otherwise evaluates both
                        // directions and selects, eight instructions more).
                        let go_on = if step > 0.0 {
                            idx <= limit
                        } else {
                            std::hint::cold_path();
                            idx >= limit
                        };
                        if go_on {
                            let v = Value::from_basic_arith(idx);
                            w!(ai, v);
                            w!(ai + 3, v);
                            jump!(ins);
                            back_edge!(pc!() as u32);
                        }
                    }
                    Op::LOOP => back_edge!((pc!() - 1) as u32),
                    Op::JMP => jump!(ins),
                    Op::RET1 => {
                        // The usual return: one value, to a plain call that
                        // a Lua frame of this loop made (so its record is
                        // the one below) and that wants at most one result
                        // or all of them, with no open upvalues of this
                        // frame to close.
                        // SAFETY: `fi` is the running frame's record, the last one.
                        let fr = unsafe { self.frames.get_unchecked(fi) };
                        let (dst, want, b) = (fr.func, fr.want, fr.base);
                        if fr.cont == Cont::Call
                            && !fr.entry
                            && want <= 1
                            && fi > 0
                            && self.open_upvals.last().is_none_or(|&(slot, _)| slot < b)
                        {
                            // SAFETY: `fi - 1 < fi`, a record too.
                            let caller = unsafe { self.frames.get_unchecked(fi - 1) };
                            if let Some(pp) = caller.proto {
                                let (cbase, cpc, ccells) = (caller.base, caller.pc as usize, caller.cells);
                                let v = r!(a);
                                debug_assert!(dst < b && b <= self.stack.len());
                                // SAFETY: `dst` (the function slot) is below
                                // `base`, which is inside the stack. (Writing
                                // it when no result is wanted only overwrites
                                // the callee, a slot the caller no longer
                                // reads.)
                                unsafe { *self.stack.as_mut_ptr().add(dst) = v };
                                // (`want` is -1, 0 or 1: -1 asks for all.)
                                self.top = dst + want.unsigned_abs() as usize;
                                // SAFETY: pops the last record (`Frame` is
                                // `Copy`: nothing to drop).
                                unsafe { self.frames.set_len(fi) };
                                // The caller goes on at the PC it saved.
                                switch_to!(fi - 1, pp, ccells, cbase, cpc);
                                continue;
                            }
                        }
                        ret!(op, a, ins);
                    }
                    Op::RET0 | Op::RET | Op::RETM => ret!(op, a, ins),
                    Op::EXTRA => {}
                }
            }
        }
    }

    /// Counts a loop iteration at instruction `at`; true when the loop became hot and
    /// the caller must save its PC and call the hook.
    #[inline]
    fn loop_tick(&mut self, at: *const Instr) -> bool {
        // The instruction's address names the loop (code never moves).
        self.hot_tick(at as usize >> 2, HOT_LOOP)
    }

    /// The store fast path: `t[key] = v` when `t` is a table that already
    /// holds `key` (with a non-nil value if `t` has a metatable, whose
    /// `__newindex` is then never consulted), so nothing allocates and no
    /// metamethod can run. False: take the full path.
    #[inline]
    fn store_existing(&mut self, t: Value, key: Value, v: Value) -> bool {
        match self.heap.table_mut(t) {
            Some((tab, _)) => {
                let need_live = tab.metatable().is_some();
                tab.set_existing(key, v, need_live)
            }
            None => false,
        }
    }

    /// `t[key]` for a string key `key` when it is found, or found missing,
    /// through tables alone: `t` itself, then the `__index` tables of its
    /// metatables (the usual object/class layout). `None` when a step
    /// needs the full path: a value that is not a table, an `__index`
    /// that is a function (a metamethod call) or a very long chain (the
    /// full path raises "loop in gettable"). Only the first, direct lookup
    /// is inlined into the dispatch loop; the chain would crowd its fast
    /// paths.
    #[inline(always)]
    fn get_str_index(&self, t: Value, key: Value) -> Option<Value> {
        let tab = self.heap.table(t)?;
        let v = tab.get_str(key);
        match tab.metatable() {
            Some(mt) if v.is_nil() => self.index_chain(mt, key),
            _ => Some(v),
        }
    }

    /// `get_str_index` past a table whose own entry was nil: from its
    /// metatable `mt` on.
    #[inline(never)]
    fn index_chain(&self, mut mt: Value, key: Value) -> Option<Value> {
        for _ in 0..8 {
            let h = match self.heap.table(mt)?.fast_meta(FastMeta::Index, self.names.index) {
                None => return Some(Value::NIL),
                Some(h) => h,
            };
            let tab = self.heap.table(h)?;
            let v = tab.get_str(key);
            match tab.metatable() {
                Some(next) if v.is_nil() => mt = next,
                _ => return Some(v),
            }
        }
        None
    }

    #[inline]
    fn env_of(&self, func: Value) -> Value {
        match self.heap.get::<Closure>(func) {
            Some(Closure::Lua { env, .. }) => *env,
            _ => self.globals,
        }
    }

    /// `ITERC` at slot `f` when the iterator is `next` or `ipairs`'s
    /// step function over a table: the step done here, as the builtin
    /// would do it (raw access, the same order), with no call. False when
    /// the builtin must run (any other iterator, a non-table, a control
    /// value the builtin would reject or report an error for).
    #[inline(never)]
    fn iterate_builtin(&mut self, f: usize, want: i32) -> bool {
        let (Some(&iter), Some(&t), Some(&ctl)) = (self.stack.get(f - 3), self.stack.get(f - 2), self.stack.get(f - 1))
        else {
            return false;
        };
        let special = match self.heap.get::<Closure>(iter) {
            Some(Closure::Builtin { special, .. }) => *special,
            _ => return false,
        };
        let Some(tab) = self.heap.table(t) else { return false };
        let (k, v) = match special {
            Special::IpairsStep => {
                // The builtin's `check_int` accepts any number and
                // truncates; only the integers a loop makes come here.
                let Some(i) = ctl.as_num() else { return false };
                if i.fract() != 0.0 || !(0.0..9e15).contains(&i) {
                    return false;
                }
                crate::lib::base::ipairs_at(tab, i as i64).unwrap_or((Value::NIL, Value::NIL))
            }
            Special::Next => match tab.next(ctl) {
                Ok(Some(kv)) => kv,
                Ok(None) => (Value::NIL, Value::NIL),
                Err(_) => return false,
            },
            _ => return false,
        };
        let Ok(n) = usize::try_from(want) else { return false };
        let Some(out) = self.stack.get_mut(f..f + n) else { return false };
        for (i, slot) in out.iter_mut().enumerate() {
            *slot = match i {
                0 => k,
                1 => v,
                _ => Value::NIL,
            };
        }
        self.top = f + n;
        true
    }

    /// `FNEW`: a closure of child `idx` of the running prototype. Reads
    /// the child's upvalue descriptions and the parent's cells in place
    /// (no copies: `find_upval` may allocate, but allocation never
    /// collects, so nothing moves or dies meanwhile).
    #[inline(never)]
    fn new_closure(&mut self, func: Value, idx: u16, base: usize) -> LResult<Value> {
        let (proto, env) = match self.heap.get::<Closure>(func) {
            Some(Closure::Lua { proto, env, .. }) => (proto.value(), *env),
            _ => (Value::NIL, self.globals),
        };
        let Some(child) = self.heap.get::<LoadedProto>(proto).and_then(|p| p.children.get(idx as usize).copied())
        else {
            return Err(self.error_here(b"internal: missing prototype"));
        };
        let n = self.heap.get::<LoadedProto>(child).map_or(0, |p| p.proto.upvalues.len());
        let mut upvals = Vec::with_capacity(n);
        for i in 0..n {
            let source = self.heap.get::<LoadedProto>(child).and_then(|p| p.proto.upvalues.get(i)).map(|u| u.source);
            upvals.push(match source {
                Some(UpvalSource::ParentLocal(r)) => self.find_upval(base + r.0 as usize)?,
                Some(UpvalSource::ParentUpval(u)) => match self.heap.get::<Closure>(func) {
                    Some(Closure::Lua { upvals, .. }) => upvals.get(u.0 as usize).copied().unwrap_or(Value::NIL),
                    _ => Value::NIL,
                },
                None => Value::NIL,
            });
        }
        self.alloc_lua_closure(child, upvals, env)
    }
}

/// A slice with its lifetime cut loose from the borrow it came from.
///
/// # Safety
/// The caller keeps the slice's owner alive and unmodified for as long as
/// the result is used (see the one call site in `execute`).
unsafe fn detach<'a, T>(s: &[T]) -> &'a [T] {
    // SAFETY: the same pointer and length; validity is the caller's promise.
    unsafe { std::slice::from_raw_parts(s.as_ptr(), s.len()) }
}
