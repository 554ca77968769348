//! Golden bytecode listings: each case is a small Lua program whose
//! `listing` must equal `tests/golden/<name>.txt`. Run with `BLESS=1` to
//! rewrite the files, then review the diff by hand: a golden file is only
//! as good as the reading it got.

use std::path::PathBuf;

use perigee_reference::parser::parse;
use perigee_vm::compile::compile;
use perigee_vm::listing::listing;

const CASES: &[(&str, &str)] = &[
    (
        "arith",
        "local a, b = 1, 2\nlocal c = a + b * 3 - -0\nlocal d = 2 ^ 10 + 1 / 0 + 0 * -1 + 3 % 2\nreturn c / 2, 7 % a, 1e300, -a\n",
    ),
    ("globals_fields", "x = y.z\nt.a.b = f(1, \"s\")\nprint(x, t[1], t[300], t[x])\n"),
    (
        "calls_varargs",
        "local function f(...) return ... end\nprint(f(1, ...))\nlocal t = {f(2)}\nlocal a, b = ...\nreturn select('#', ...)\n",
    ),
    (
        "and_or",
        "local a, b, c\nlocal x = a and b or c\nif a and not b then x = 1 elseif a == nil then x = 2 else x = 3 end\nlocal y = a < b\nreturn not x\n",
    ),
    ("numfor_closure", "local fs = {}\nfor i = 1, 3 do\n  fs[i] = function() return i end\nend\nfor j = 10, 1, -2 do end\n"),
    ("genfor_break", "for k, v in pairs(t) do\n  if v then break end\n  print(k, v)\nend\n"),
    (
        "while_repeat",
        "local i = 0\nwhile i < 10 do\n  i = i + 1\n  if i == 5 then break end\nend\nrepeat\n  local j = i\n  i = i - 1\nuntil j < 3\n",
    ),
    ("repeat_upval", "repeat\n  local x = g()\n  h = function() return x end\nuntil x\n"),
    ("break_upval", "while c do\n  local x = 1\n  f = function() return x end\n  if a or b then break end\nend\n"),
    ("assign_order", "local a, t = 1, {}\nt[a], a = 2, 3\na, b, c = f()\nlocal u, v, w = 1\nx, y = 1, 2, 3\n"),
    (
        "constructor_method",
        "local o = {n = 1, [2] = \"b\", 10, 20, ...}\no:m(1)\nfunction o.x:y(z) return self, z end\nreturn o:m(o:n())\n",
    ),
    ("compare_concat", "if a < b and c >= d and e ~= \"s\" and f == 1 and g ~= nil then\n  return a .. b .. c .. \"x\"\nend\n"),
    ("compat_arg", "function f(a, ...) return arg end\nfunction g(...) local n = select('#', ...) return n end\n"),
];

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("golden")
}

#[test]
fn golden_listings() {
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for (name, src) in CASES {
        let chunk = parse(src.as_bytes(), format!("@{name}.lua").as_bytes()).expect("golden source parses");
        let proto = compile(&chunk, format!("@{name}.lua").as_bytes()).expect("golden source compiles");
        let mut text = String::new();
        for line in src.lines() {
            text.push_str("-- | ");
            text.push_str(line);
            text.push('\n');
        }
        text.push('\n');
        text.push_str(&listing(&proto));
        let path = golden_dir().join(format!("{name}.txt"));
        if bless {
            std::fs::create_dir_all(golden_dir()).unwrap();
            std::fs::write(&path, &text).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(expected) if expected == text => {}
            Ok(_) => {
                failures.push(format!("{name}: listing differs from {} (BLESS=1 to update)\n{text}", path.display()))
            }
            Err(_) => failures.push(format!("{name}: missing {} (BLESS=1 to create)", path.display())),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
