//! Syntax errors, checked byte for byte against `lua5.1`.
//!
//! Every expected message below was produced by `luac5.1 -p t.lua` (which
//! loads a file the same way `lua5.1 t.lua` does) and pasted here; when
//! `luac5.1` is installed, `table_agrees_with_luac` re-checks the table.

use perigee_reference::lexer::{chunk_id, chunk_id_sized};
use perigee_reference::parser::parse;

/// The message for `src` parsed as the file `t.lua`, or "" if it parses.
fn err(src: &[u8]) -> String {
    match parse(src, b"@t.lua") {
        Ok(_) => String::new(),
        Err(e) => String::from_utf8_lossy(&e.message).into_owned(),
    }
}

fn err_bytes(src: &[u8]) -> Vec<u8> {
    parse(src, b"@t.lua").err().map(|e| e.message).unwrap_or_default()
}

const CASES: &[(&[u8], &[u8])] = &[
    (b"x = = 1", b"t.lua:1: unexpected symbol near '='"),
    (b"x = ((1)", b"t.lua:1: ')' expected near '<eof>'"),
    (b"x = (1 + 2\n", b"t.lua:2: ')' expected (to close '(' at line 1) near '<eof>'"),
    (b"f(1,\n2", b"t.lua:2: ')' expected (to close '(' at line 1) near '<eof>'"),
    (b"f() = 1", b"t.lua:1: unexpected symbol near '='"),
    (b"(a) = 1", b"t.lua:1: syntax error near '='"),
    (b"(f())", b"t.lua:1: syntax error near '<eof>'"),
    (b"a, f() = 1", b"t.lua:1: syntax error near '='"),
    (b"x = 3x", b"t.lua:1: malformed number near '3x'"),
    (b"x = 3..2", b"t.lua:1: malformed number near '3..2'"),
    (b"x = 0x", b"t.lua:1: malformed number near '0x'"),
    (b"x = 1e", b"t.lua:1: malformed number near '1e'"),
    (b"x = 1e+", b"t.lua:1: malformed number near '1e+'"),
    (b"x = 0X1P-1", b"t.lua:1: malformed number near '0X1P'"),
    (b"x = [==x", b"t.lua:1: invalid long string delimiter near '[=='"),
    (b"break", b"t.lua:1: no loop to break near '<eof>'"),
    (b"return 1 x = 2", b"t.lua:1: '<eof>' expected near 'x'"),
    (b";", b"t.lua:1: unexpected symbol near ';'"),
    (b"x = 1;;", b"t.lua:1: unexpected symbol near ';'"),
    (b"function f() x = ... end", b"t.lua:1: cannot use '...' outside a vararg function near '...'"),
    (b"a:b.c", b"t.lua:1: function arguments expected near '.'"),
    (b"x = f\n(x)", b"t.lua:2: ambiguous syntax (function call x new statement) near '('"),
    (b"x = @", b"t.lua:1: unexpected symbol near '@'"),
    (b"x = \"abc", b"t.lua:1: unfinished string near '<eof>'"),
    (b"x = \"abc\n\"", b"t.lua:1: unfinished string near '\"abc'"),
    (b"x = \"\\300\"", b"t.lua:1: escape sequence too large near '\"'"),
    (b"x = \"\\256\"", b"t.lua:1: escape sequence too large near '\"'"),
    (b"x = \"a\\", b"t.lua:1: unfinished string near '<eof>'"),
    (b"x = [[ a [[ b ]]", b"t.lua:1: nesting of [[...]] is deprecated near '['"),
    (b"--[[ [[ ]]", b"t.lua:1: nesting of [[...]] is deprecated near '['"),
    (b"x = [[ab", b"t.lua:1: unfinished long string near '<eof>'"),
    (b"x = --[[ab", b"t.lua:1: unfinished long comment near '<eof>'"),
    (b"x = 5 .5", b"t.lua:1: unexpected symbol near '.5'"),
    (b"x = a.1", b"t.lua:1: unexpected symbol near '.1'"),
    (b"local 1", b"t.lua:1: '<name>' expected near '1'"),
    (b"for 1", b"t.lua:1: '<name>' expected near '1'"),
    (b"for a b", b"t.lua:1: '=' or 'in' expected near 'b'"),
    (b"for a = 1 do end", b"t.lua:1: ',' expected near 'do'"),
    (b"for a, b = 1 do end", b"t.lua:1: 'in' expected near '='"),
    (b"function f(1) end", b"t.lua:1: <name> or '...' expected near '1'"),
    (b"function f(a,) end", b"t.lua:1: <name> or '...' expected near ')'"),
    (b"function f(a, ...,b) end", b"t.lua:1: ')' expected near ','"),
    (b"x = {a=1 b}", b"t.lua:1: '}' expected near 'b'"),
    (b"x = {[1] 2}", b"t.lua:1: '=' expected near '2'"),
    (b"x = {1 2}", b"t.lua:1: '}' expected near '2'"),
    (b"x = a[1", b"t.lua:1: ']' expected near '<eof>'"),
    (b"if x then", b"t.lua:1: 'end' expected near '<eof>'"),
    (b"if x then\nelse\n", b"t.lua:3: 'end' expected (to close 'if' at line 1) near '<eof>'"),
    (b"x = function() \nreturn 1 2 end", b"t.lua:2: 'end' expected (to close 'function' at line 1) near '2'"),
    (b"repeat x = 1", b"t.lua:1: 'until' expected near '<eof>'"),
    (b"repeat x = 1\n\nuntil", b"t.lua:3: unexpected symbol near '<eof>'"),
    (b"while x do", b"t.lua:1: 'end' expected near '<eof>'"),
    (b"while x\ndo", b"t.lua:2: 'end' expected (to close 'while' at line 1) near '<eof>'"),
    (b"if x else end", b"t.lua:1: 'then' expected near 'else'"),
    (b"x = 1 + + 2", b"t.lua:1: unexpected symbol near '+'"),
    (b"x = not", b"t.lua:1: unexpected symbol near '<eof>'"),
    (b"a.b:c = 1", b"t.lua:1: function arguments expected near '='"),
    (b"a.b.c", b"t.lua:1: '=' expected near '<eof>'"),
    (b"a = 1 = 2", b"t.lua:1: unexpected symbol near '='"),
    (b"local function 1() end", b"t.lua:1: '<name>' expected near '1'"),
    (b"function a.b:c.d() end", b"t.lua:1: '(' expected near '.'"),
    (b"function a:b:c() end", b"t.lua:1: '(' expected near ':'"),
    (b"x = function\n(a) end end", b"t.lua:2: '<eof>' expected near 'end'"),
    (b"do local x = 1 end end", b"t.lua:1: '<eof>' expected near 'end'"),
    (b"f(\"x\" \"y\")", b"t.lua:1: ')' expected near '\"y\"'"),
    (b"x = #", b"t.lua:1: unexpected symbol near '<eof>'"),
    (b"x = a .. ", b"t.lua:1: unexpected symbol near '<eof>'"),
    (b"return return", b"t.lua:1: unexpected symbol near 'return'"),
    (b"local x <const> = 1", b"t.lua:1: unexpected symbol near '<'"),
    (b"goto foo", b"t.lua:1: '=' expected near 'foo'"),
    (b"x = 1 // 2", b"t.lua:1: unexpected symbol near '/'"),
    (b"x = 1 ~= 2 ~ 3", b"t.lua:1: unexpected symbol near '~'"),
    (b"x = a::b", b"t.lua:1: '<name>' expected near ':'"),
    (b"elseif", b"t.lua:1: '<eof>' expected near 'elseif'"),
    (b"until x", b"t.lua:1: '<eof>' expected near 'until'"),
    (b"x = {[1]}", b"t.lua:1: '=' expected near '}'"),
    (b"x = {[1] = }", b"t.lua:1: unexpected symbol near '}'"),
    (b"x = \"a\\0b\" y", b"t.lua:1: '=' expected near '<eof>'"),
    (b"x = 1 \"a\\tb\"", b"t.lua:1: unexpected symbol near '\"a\tb\"'"),
    (b"x = 1 [[\nab\nc]]", b"t.lua:3: unexpected symbol near '[[ab\nc]]'"),
    (b"x = 1 [==[\nab]==]", b"t.lua:2: unexpected symbol near '[==[ab]==]'"),
    (b"x = 'abc", b"t.lua:1: unfinished string near '<eof>'"),
    (b"x = '\\'", b"t.lua:1: unfinished string near '<eof>'"),
    (b"x = '\\", b"t.lua:1: unfinished string near '<eof>'"),
];

#[test]
fn messages_match_lua51() {
    for (src, expected) in CASES {
        assert_eq!(err_bytes(src), expected.to_vec(), "source: {:?}", String::from_utf8_lossy(src));
    }
}

/// Re-derives every expected message from `luac5.1`, when it is installed.
#[test]
fn table_agrees_with_luac() {
    let dir = std::env::temp_dir().join(format!("perigee-frontend-{}", std::process::id()));
    if std::fs::create_dir_all(&dir).is_err() {
        return;
    }
    for (src, expected) in CASES {
        std::fs::write(dir.join("t.lua"), src).unwrap();
        let out = match std::process::Command::new("luac5.1").args(["-p", "t.lua"]).current_dir(&dir).output() {
            Ok(out) => out,
            Err(_) => break, // not installed
        };
        let mut msg = out.stderr;
        while msg.last() == Some(&b'\n') {
            msg.pop();
        }
        let msg = msg.strip_prefix(b"luac5.1: ").unwrap_or(&msg).to_vec();
        assert_eq!(msg, expected.to_vec(), "source: {:?}", String::from_utf8_lossy(src));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// `a0, a1, ... a{n-1}`
fn names(n: usize) -> String {
    (0..n).map(|i| format!("a{i}")).collect::<Vec<_>>().join(", ")
}

fn sum(n: usize) -> String {
    (0..n).map(|i| format!("a{i}")).collect::<Vec<_>>().join(" + ")
}

#[test]
fn local_variable_limit() {
    assert_eq!(err(format!("local {}", names(200)).as_bytes()), "");
    assert_eq!(
        err(format!("local {}", names(201)).as_bytes()),
        "t.lua:1: main function has more than 200 local variables"
    );
    assert_eq!(
        err(format!("local function f()\n local {} end", names(201)).as_bytes()),
        "t.lua:2: function at line 1 has more than 200 local variables"
    );
    // A vararg function has the hidden local `arg` (LUA_COMPAT_VARARG).
    assert_eq!(err(format!("function f({}, ...) end", names(199)).as_bytes()), "");
    assert_eq!(
        err(format!("function f({}, ...) end", names(200)).as_bytes()),
        "t.lua:1: function at line 1 has more than 200 local variables"
    );
    // Numeric and generic `for` declare three hidden locals each.
    assert_eq!(err(format!("local {}\nfor i=1,2 do end", names(196)).as_bytes()), "");
    assert_eq!(
        err(format!("local {}\nfor i=1,2 do end", names(197)).as_bytes()),
        "t.lua:2: main function has more than 200 local variables"
    );
    assert_eq!(
        err(format!("local {}\nfor k, v in pairs(t) do end", names(197)).as_bytes()),
        "t.lua:2: main function has more than 200 local variables"
    );
    assert_eq!(err(format!("local {}\nfor k in pairs(t) do end", names(196)).as_bytes()), "");
}

#[test]
fn upvalue_limit() {
    let l = |n| names(n);
    assert_eq!(
        err(format!("local {}\nfunction g(...) return function() return {} + arg end end", l(59), sum(59)).as_bytes()),
        ""
    );
    assert_eq!(
        err(format!("local {}\nfunction g(...) return function() return {} + arg end end", l(60), sum(60)).as_bytes()),
        "t.lua:2: function at line 2 has more than 60 upvalues"
    );
    assert_eq!(
        err(format!("local {}\nlocal function g() return function() return {} end end", l(61), sum(61)).as_bytes()),
        "t.lua:2: function at line 2 has more than 60 upvalues"
    );
    assert_eq!(
        err(format!("local {}\nx = function()\n return {} end", l(61), sum(61)).as_bytes()),
        "t.lua:3: function at line 2 has more than 60 upvalues"
    );
    assert_eq!(
        err(format!("local {}\nlocal t = {{}} function t.x:y() return {} end", l(61), sum(61)).as_bytes()),
        "t.lua:2: function at line 2 has more than 60 upvalues"
    );
}

#[test]
fn assignment_target_limit() {
    assert_eq!(err(format!("{} = 1", names(199)).as_bytes()), "");
    assert_eq!(
        err(format!("{} = 1", names(200)).as_bytes()),
        "t.lua:1: main function has more than 198 variables in assignment"
    );
    assert_eq!(
        err(format!("do {} = 1 end", names(251)).as_bytes()),
        "t.lua:1: main function has more than 197 variables in assignment"
    );
}

#[test]
fn syntax_levels() {
    let levels = "t.lua:1: chunk has too many syntax levels";
    let parens = |n: usize| format!("x = {}1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(err(parens(197).as_bytes()), "");
    assert_eq!(err(parens(198).as_bytes()), levels);
    assert_eq!(err(format!("x = {}1", "- ".repeat(197)).as_bytes()), "");
    assert_eq!(err(format!("x = {}1", "- ".repeat(198)).as_bytes()), levels);
    let tables = |n: usize| format!("x = {}{}", "{".repeat(n), "}".repeat(n));
    assert_eq!(err(tables(198).as_bytes()), "");
    assert_eq!(err(tables(199).as_bytes()), levels);
    assert_eq!(err(format!("{}{}", "do ".repeat(198), "end ".repeat(198)).as_bytes()), "");
    assert_eq!(err(format!("{}{}", "do ".repeat(199), "end ".repeat(199)).as_bytes()), levels);
    assert_eq!(err(format!("x = 1{}", " .. 1".repeat(197)).as_bytes()), "");
    assert_eq!(err(format!("x = 1{}", " .. 1".repeat(198)).as_bytes()), levels);
}

#[test]
fn odd_bytes() {
    // A NUL byte is token 0, which 5.1 reports without a `near` part.
    assert_eq!(err(b"x = \0"), "t.lua:1: unexpected symbol");
    assert_eq!(err(b"x = \x01"), "t.lua:1: unexpected symbol near 'char(1)'");
    assert_eq!(err(b"x = \x7f"), "t.lua:1: unexpected symbol near 'char(127)'");
    assert_eq!(err_bytes(b"x = \xc3"), b"t.lua:1: unexpected symbol near '\xc3'".to_vec());
    // 5.1's `check_next` uses `strchr`, which matches a NUL byte too.
    assert_eq!(err(b"x = 1\x005 y"), "t.lua:1: '=' expected near '<eof>'");
    assert_eq!(err(b"x = a ..\x00 b"), "t.lua:1: unexpected symbol near '...'");
    assert_eq!(err(b"x = 3\x00x"), "");
    assert_eq!(err(b"function f(..\x00) end x = "), "t.lua:1: unexpected symbol near '<eof>'");
    assert_eq!(err(b"x = 1e\x00\x002 +"), "t.lua:1: malformed number near '1e'");
    // The near text is a C string: it stops at a NUL byte.
    assert_eq!(err(b"x = 1 'a\\0b'"), "t.lua:1: unexpected symbol near ''a'");
}

#[test]
fn line_breaks() {
    assert_eq!(err(b"x = 1\r\ny = = 2"), "t.lua:2: unexpected symbol near '='");
    assert_eq!(err(b"x = 1\n\ry = = 2"), "t.lua:2: unexpected symbol near '='");
    assert_eq!(err(b"x = 1\r\ry = = 2"), "t.lua:3: unexpected symbol near '='");
    assert_eq!(err(b"x = [[\n\n]] y = = 2"), "t.lua:3: unexpected symbol near '='");
    assert_eq!(err(b"x = 'a\\\nb' y = = 2"), "t.lua:2: unexpected symbol near '='");
}

#[test]
fn shebang_only_for_files() {
    assert_eq!(err(b"#!/bin/sh\nx = = 1"), "t.lua:2: unexpected symbol near '='");
    assert_eq!(err(b"#!/bin/sh"), "");
    let e = parse(b"#!x\nx = = 1", b"#!x\nx = = 1").unwrap_err();
    assert_eq!(e.message, b"[string \"#!x...\"]:1: unexpected symbol near '#'".to_vec());
    let e = parse(b"#!x\nx = = 1", b"=stdin").unwrap_err();
    assert_eq!(e.message, b"stdin:2: unexpected symbol near '='".to_vec());
}

#[test]
fn chunk_names() {
    assert_eq!(chunk_id(b"=stdin"), b"stdin");
    assert_eq!(chunk_id(b"@foo.lua"), b"foo.lua");
    assert_eq!(chunk_id(b"x = 1"), b"[string \"x = 1\"]");
    assert_eq!(chunk_id(b"ab\ncd"), b"[string \"ab...\"]");
    assert_eq!(chunk_id(b""), b"[string \"\"]");
    assert_eq!(chunk_id(b"a\0b"), b"[string \"a\"]");
    // Run-time size (LUA_IDSIZE 60) ...
    let long = "c".repeat(100);
    assert_eq!(chunk_id(long.as_bytes()), format!("[string \"{}...\"]", "c".repeat(43)).into_bytes());
    let file = format!("@{}", "d".repeat(100));
    assert_eq!(chunk_id(file.as_bytes()), format!("...{}", "d".repeat(52)).into_bytes());
    let eq = format!("={}", "b".repeat(100));
    assert_eq!(chunk_id(eq.as_bytes()), "b".repeat(59).into_bytes());
    // ... and syntax-error size (MAXSRC 80), as lua5.1 prints them.
    assert_eq!(chunk_id_sized(long.as_bytes(), 80), format!("[string \"{}...\"]", "c".repeat(63)).into_bytes());
    assert_eq!(chunk_id_sized("c".repeat(63).as_bytes(), 80), format!("[string \"{}\"]", "c".repeat(63)).into_bytes());
    assert_eq!(chunk_id_sized(file.as_bytes(), 80), format!("...{}", "d".repeat(72)).into_bytes());
    assert_eq!(chunk_id_sized(eq.as_bytes(), 80), "b".repeat(79).into_bytes());
    let e = parse(b"x = = 1", long.as_bytes()).unwrap_err();
    assert_eq!(e.message, format!("[string \"{}...\"]:1: unexpected symbol near '='", "c".repeat(63)).into_bytes());
}
