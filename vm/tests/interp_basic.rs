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
