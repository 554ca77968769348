//! Limits end in Lua errors or `Outcome::Limit`, never in a crash: deep
//! recursion, deep nesting of protected calls and metamethods, coroutine
//! nesting, step budgets and memory caps.

use perigee_reference::interp::error::LimitKind;
use perigee_reference::interp::Limits;
use perigee_reference::{run, End, Outcome, RunOptions};

fn run_src(src: &str, limits: Limits) -> Outcome {
    run(src.as_bytes(), b"=test", &RunOptions { limits, ..Default::default() }).outcome
}

fn stdout(o: &Outcome) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn million_deep_recursion_is_a_catchable_stack_overflow() {
    let o = run_src(
        "local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
         local ok, err = pcall(deep, 1000000)
         print(ok, err)
         print(deep(100))",
        Limits::default(),
    );
    assert_eq!(o.end, End::Ok(vec![]));
    assert_eq!(stdout(&o), "false\ttest:1: stack overflow\n100\n");
}

#[test]
fn ten_million_tail_calls_run_in_constant_stack() {
    let o = run_src(
        "local function loop(n, acc) if n == 0 then return acc end return loop(n - 1, acc + 1) end
         print(loop(10000000, 0))",
        Limits::default(),
    );
    assert_eq!(o.end, End::Ok(vec![]));
    assert_eq!(stdout(&o), "10000000\n");
}

#[test]
fn nested_pcall_and_metamethods_hit_c_stack_overflow() {
    // lua5.1 prints 198 and "C stack overflow" for both (checked by hand).
    let o = run_src(
        "local m = 0
         local function g() m = m + 1 return pcall(g) end
         local r = {g()}
         print(m, r[#r])
         local t = setmetatable({}, {__index = function(t, k) return t[k] end})
         print(pcall(function() return t.x end))",
        Limits::default(),
    );
    assert_eq!(stdout(&o), "198\tC stack overflow\nfalse\ttest:5: C stack overflow\n");
}

#[test]
fn step_budget_ends_an_infinite_loop() {
    let o = run_src("while true do end", Limits { steps: Some(100_000), memory: None });
    assert_eq!(o.end, End::Limit(LimitKind::Steps));
    // pcall cannot catch it.
    let o = run_src(
        "pcall(function() while true do end end) print('after')",
        Limits { steps: Some(100_000), memory: None },
    );
    assert_eq!(o.end, End::Limit(LimitKind::Steps));
    assert_eq!(stdout(&o), "");
}

#[test]
fn memory_cap_ends_a_runaway_allocation() {
    let o = run_src(
        "local t = {} local s = 'x' for i = 1, 1e9 do t[i] = s .. i end",
        Limits { steps: None, memory: Some(50 << 20) },
    );
    assert_eq!(o.end, End::Limit(LimitKind::Memory));
}

#[test]
fn deeply_nested_source_is_a_syntax_error_not_a_crash() {
    let src = format!("return {}1{}", "(".repeat(100_000), ")".repeat(100_000));
    let o = run_src(&src, Limits::default());
    match o.end {
        End::Error(msg) => {
            let msg = String::from_utf8_lossy(&msg).into_owned();
            assert!(msg.contains("too many syntax levels") || msg.contains("overflow"), "{msg}");
        }
        other => panic!("expected a syntax error, got {other:?}"),
    }
}

#[test]
fn nested_coroutines_hit_c_stack_overflow() {
    let o = run_src(
        "local d = 0
         local function h()
           d = d + 1
           local ok, e = coroutine.resume(coroutine.create(h))
           if not ok then error(e, 0) end
         end
         print(pcall(h))
         print(d)",
        Limits::default(),
    );
    assert_eq!(stdout(&o), "false\tC stack overflow\n198\n");
}

#[test]
fn recursion_inside_a_coroutine_overflows_cleanly() {
    let o = run_src(
        "local co = coroutine.create(function()
           local function r(n) return 1 + r(n + 1) end
           return r(0)
         end)
         print(coroutine.resume(co))",
        Limits::default(),
    );
    assert_eq!(stdout(&o), "false\ttest:2: stack overflow\n");
}

#[test]
fn a_run_frees_everything_it_made_cycles_included() {
    let src = "local function rec(n) if n > 0 then return rec(n - 1) end return 0 end
               local t = {} t.self = t
               local a, b = {}, {} a.b = b b.a = a setmetatable(a, {__index = b})
               local co co = coroutine.create(function() local me = co coroutine.yield(me) end)
               coroutine.resume(co)
               local wrapped = coroutine.wrap(function() while true do coroutine.yield(t) end end)
               wrapped()
               local s = string.rep('x', 1000)
               G = function() return s, t, G end
               print(rec(3))";
    let report = run(src.as_bytes(), b"=test", &RunOptions::default());
    assert_eq!(report.outcome.end, End::Ok(vec![]));
    assert_eq!(report.leaked_bytes, 0);
}
