//! Focused tests of the interpreter slice: calls without Rust recursion,
//! tail calls, varargs, errors, GC stress.

use perigee_reference::{End, RunOptions};
use perigee_vm::run::run;

fn out(src: &str) -> (String, End) {
    let r = run(src.as_bytes(), b"=t", &RunOptions::default());
    (String::from_utf8_lossy(&r.outcome.stdout).into_owned(), r.outcome.end)
}

#[test]
fn arithmetic_locals_calls_print() {
    let (o, e) =
        out("local a, b = 2, 3\nlocal function f(x, y) return x * y + 1 end\nprint(f(a, b), a .. b, 10 / 4, '7' + 1)");
    assert_eq!(e, End::Ok(vec![]));
    assert_eq!(o, "7\t23\t2.5\t8\n");
}

/// Runs on both tiers and checks they agree; returns the interp outcome.
fn both(src: &str) -> perigee_reference::Outcome {
    let want = perigee_reference::run(src.as_bytes(), b"=t", &RunOptions::default()).outcome;
    let got = run(src.as_bytes(), b"=t", &RunOptions::default()).outcome;
    assert_eq!(got, want, "interp and ref disagree on:\n{src}");
    got
}

const DEEP: &str = "local function f(n) if n == 0 then return 0 end return 1 + f(n - 1) end\nreturn f(16000)";

#[test]
fn lua_recursion_does_not_use_the_rust_stack() {
    // 16000 frames (just under 5.1's limit) on a 256 KiB host stack: only
    // possible if Lua -> Lua calls do not recurse in Rust.
    let h = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(|| perigee_vm::run::run_here(DEEP.as_bytes(), b"=t", &RunOptions::default()).outcome)
        .unwrap();
    let o = h.join().unwrap();
    assert_eq!(o.end, End::Ok(vec![b"16000".to_vec()]));
}

#[test]
fn deep_recursion_ends_in_a_catchable_stack_overflow() {
    let src = "local function f(n) return 1 + f(n + 1) end\nprint(pcall(f, 1))\nlocal function g(n) return 1 + g(n + 1) end\ng(1)";
    let h = std::thread::Builder::new()
        .stack_size(256 << 10)
        .spawn(move || perigee_vm::run::run_here(src.as_bytes(), b"=t", &RunOptions::default()).outcome)
        .unwrap();
    let o = h.join().unwrap();
    assert_eq!(String::from_utf8_lossy(&o.stdout), "false\tt:1: stack overflow\n");
    assert_eq!(o.end, End::Error(b"t:3: stack overflow".to_vec()));
    both(src);
}

#[test]
fn tail_calls_run_in_constant_space() {
    let o = both("local function f(n) if n == 0 then return 'done' end return f(n - 1) end\nreturn f(1000000)");
    assert_eq!(o.end, End::Ok(vec![b"done".to_vec()]));
}

#[test]
fn varargs_and_multiple_results() {
    both(
        "local function f(...) return select('#', ...), ... end\n\
         print(f()) print(f(nil, nil)) print((f(1, 2, 3)))\n\
         local function g(a, ...) local t = {...} return a, #t, unpack(t) end\n\
         print(g(1, 2, 3, 4)) print(g())\n\
         local function h(...) local a, b = ... return a, b end print(h(9))\n\
         return f(1, 2)",
    );
}

#[test]
fn closures_upvalues_and_loops() {
    both(
        "local fs = {}\nfor i = 1, 5 do fs[i] = function() return i end end\n\
         local s = 0 for _, f in ipairs(fs) do s = s + f() end print(s)\n\
         local function counter() local c = 0 return function() c = c + 1 return c end end\n\
         local c1, c2 = counter(), counter() print(c1(), c1(), c2())\n\
         local t = {} local i = 1 while i <= 3 do local j = i t[i] = function() return j end i = i + 1 end\n\
         print(t[1](), t[2](), t[3]())\n\
         for k, v in pairs({a = 1}) do print(k, v) end\n\
         for i = 10, 1, -3 do io = i end print(io)",
    );
}

#[test]
fn metatables_and_errors() {
    both(
        "local mt = {__index = function(t, k) return k .. '!' end, __add = function(a, b) return 42 end,\n\
         __eq = function() return true end, __lt = function() return true end, __le = function() return false end,\n\
         __concat = function(a, b) return 'cat' end, __call = function(self, x) return x * 2 end,\n\
         __newindex = function(t, k, v) rawset(t, k, v * 10) end}\n\
         local a, b = setmetatable({}, mt), setmetatable({}, mt)\n\
         print(a.x, a + 1, 1 + a, a == b, a < b, a <= b, a .. 'x', 'x' .. a, a(21))\n\
         a.y = 5 print(rawget(a, 'y'))\n\
         local chain = setmetatable({}, {__index = setmetatable({p = 1}, {__index = {q = 2}})}) print(chain.p, chain.q, chain.r)\n\
         print(pcall(function() local x return x.y end))\n\
         print(pcall(function() return nil + 1 end))\n\
         print(pcall(function() return {} < {} end))\n\
         print(pcall(function() return 1 < 'x' end))\n\
         print(pcall(function() undefinedfn() end))\n\
         print(pcall(error, 'msg', 0)) print((pcall(error, {})))\n\
         print(pcall(function() error('lvl2', 2) end))\n\
         print(select(2, pcall(error)))\n\
         print(tostring(nil), tonumber('0x10'), tonumber('z', 36), tonumber(' 12 '), type(print))\n\
         local t = setmetatable({}, {__tostring = function() return 'T!' end}) print(t)\n\
         print(#'abc', -'2', '3' * '4', 10 % 3, -7 % 3, 2 ^ 10, 7 / 2)",
    );
}

#[test]
fn limits_end_the_run() {
    use perigee_reference::interp::error::LimitKind;
    use perigee_reference::interp::Limits;
    let steps = RunOptions { limits: Limits { steps: Some(10_000), memory: None }, ..Default::default() };
    let o = run(b"while true do end", b"=t", &steps).outcome;
    assert_eq!(o.end, End::Limit(LimitKind::Steps));
    let mem = RunOptions { limits: Limits { steps: None, memory: Some(1 << 20) }, ..Default::default() };
    let o = run(b"local t = {} local i = 1 while true do t[i] = {} i = i + 1 end", b"=t", &mem).outcome;
    assert_eq!(o.end, End::Limit(LimitKind::Memory));
    // pcall does not catch a limit.
    let o = run(b"print(pcall(function() while true do end end))", b"=t", &steps).outcome;
    assert_eq!(o.end, End::Limit(LimitKind::Steps));
    assert!(o.stdout.is_empty());
}

/// Short-lived tables are collected as the loop runs: 10^6 of them (about
/// 100 MB if none were freed) complete under a 4 MiB heap cap, which a
/// leak would hit as the memory limit. (`perigee` on 10^7 of them peaks at
/// 4 MB of RSS; that figure is measured by hand, never asserted.)
#[test]
fn short_lived_tables_fit_a_small_heap() {
    let src = "local n = 0\nfor i = 1, 1000000 do local t = {i, i + 1, x = i} n = n + t[2] - t.x end\nreturn n";
    let opts = RunOptions {
        limits: perigee_reference::interp::Limits { steps: None, memory: Some(4 << 20) },
        ..Default::default()
    };
    let o = run(src.as_bytes(), b"=t", &opts).outcome;
    assert_eq!(o.end, End::Ok(vec![b"1000000".to_vec()]));
}

/// A coroutine can yield inside `pcall`, inside a Lua metamethod called by
/// the dispatch loop, and inside a `__concat` step of a longer chain; and
/// an error after such a yield is still caught by the `pcall`.
#[test]
fn yield_across_pcall_and_metamethods() {
    let o = both(
        "local mt = {__index = function(t, k) return coroutine.yield(k) end,
                     __lt = function(a, b) return coroutine.yield('lt') end,
                     __concat = function(a, b) return coroutine.yield('cat') end}
         local A = setmetatable({}, mt)
         local co = coroutine.wrap(function()
           local ok, v = pcall(function() return A.x + 1 end)
           print('pcall', ok, v)
           print('cmp', A < A, not (A < A))
           print('cat', 'a' .. A .. 'b' .. 'c')
           print(pcall(function() coroutine.yield('again') error('late', 0) end))
           return 'end'
         end)
         local v, n = co(), 0
         while v ~= 'end' do n = n + 1 print('yielded', v) v = co(n) end",
    );
    assert_eq!(
        String::from_utf8_lossy(&o.stdout),
        "yielded\tx\npcall\ttrue\t2\nyielded\tlt\nyielded\tlt\ncmp\ttrue\tfalse\nyielded\tcat\ncat\ta4\n\
         yielded\tagain\nfalse\tlate\n"
    );
}
