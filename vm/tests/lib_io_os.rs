//! The io (files), os, package and debug libraries agree with the
//! reference tier on programs the corpus does not cover: file round
//! trips, read formats, closed files, bad arguments, `require` failures.

use perigee_reference::interp::Limits;
use perigee_reference::RunOptions;

fn agree(src: &str) {
    let opts = RunOptions { limits: Limits { steps: Some(50_000_000), memory: Some(1 << 30) }, ..Default::default() };
    let want = perigee_reference::run(src.as_bytes(), b"=t", &opts).outcome;
    let got = perigee_vm::run::run(src.as_bytes(), b"=t", &opts).outcome;
    assert_eq!(want, got, "program:\n{src}");
}

#[test]
fn file_round_trip_and_formats() {
    let dir = std::env::temp_dir().join(format!("perigee_vm_io_{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let path = dir.join("f.txt").to_string_lossy().replace('\\', "/");
    agree(&format!(
        r#"
local name = "{path}"
local f = assert(io.open(name, "w"))
print(io.type(f), io.type(42), tostring(f):match("^file %(") ~= nil)
print(f:write("12 3.5e1 0x10\n", "line two\n", 7, "\nlast"))
print(f:seek("cur"), f:seek("set", 1), f:seek("end"))
print(f:close(), io.type(f), tostring(f))
print(pcall(f.write, f, "x"))
f = assert(io.open(name))
print(f:read("*n", "*n", "*n"))
print(f:read())
print(f:read("*l"), f:read(3), f:read(0))
print(f:read("*a"))
print(f:read("*a"), f:read(), f:read(0), f:read(1))
print(pcall(f.read, f, "*x"))
print(pcall(f.read, f, {{}}))
f:close()
for l in io.lines(name) do io.write("[", l, "]") end
print()
local g = io.open(name)
for l in g:lines() do io.write("<", l, ">") end
print(io.type(g), g:close())
print(io.open(name .. ".missing"))
print(pcall(io.lines, name .. ".missing"))
print(io.type(io.open(name, "rw+q")), io.open(name, "q"))
print(io.input() == io.stdin, io.output() == io.stdout)
print(io.output(name) ~= io.stdout, io.write("via output"), io.close(), pcall(io.write, "x"))
io.output(io.stdout)
io.input(name)
print(io.read("*a"))
print(io.close(io.stdin), pcall(io.close, 1), pcall(io.lines, {{}}))
print(io.stdout:setvbuf("no"), pcall(io.stdout.setvbuf, io.stdout, "bad"))
print(pcall(io.popen, "ls"), io.stdout:seek("cur"))
local t = io.tmpfile(); t:write("tmp"); t:seek("set"); print(t:read("*a")); t:close()
print(os.remove(name), os.remove(name), os.rename(name, name .. "2"))
print(io.flush(), io.stdout:flush())
"#
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn os_package_debug_edges() {
    agree(
        r#"
print(os.date("!%c|%x|%X|%D|%e|%G|%V|%u|%s|%Q|%", 1234567890))
print(os.date("!*t", 2^60), os.time({year=2000, month=1, day=1, isdst=true}) - os.time({year=2000, month=1, day=1}))
print(pcall(os.date, {}), pcall(os.time, 5), pcall(os.time, {year="x", month=1}))
print(os.setlocale(), os.setlocale("C", "numeric"), os.setlocale("xx"), pcall(os.setlocale, nil, "bad"))
print(os.execute(), os.execute("true"), pcall(os.getenv), os.getenv(""))
print(pcall(os.exit))
print(pcall(require, "no.such.module"))
print(pcall(require))
package.loaded.x = false
package.preload.x = function() end
print(require("x"), package.loaded.x)
package.preload[5] = function(n) return n end
print(require(5))
print(package.loadlib("a", "b"))
local m = {} package.seeall(m) print(getmetatable(m).__index == _G)
print(pcall(module, "m"))
print(debug.getinfo(1).currentline, debug.getinfo(print).what, debug.getinfo(100))
local function f() return debug.getinfo(1, "S") end
local i = f() print(i.what, i.linedefined, i.lastlinedefined, i.short_src, i.source)
print(debug.traceback("msg"))
print(debug.traceback({}) ~= nil, debug.getlocal(1, 1), pcall(debug.getlocal))
print(debug.getmetatable("").__index == string, debug.getregistry() ~= nil)
local t = {} print(debug.setmetatable(t, {__index = {a = 1}}), t.a, debug.getmetatable(t) ~= nil)
print(debug.getfenv(f) == _G, debug.setfenv(f, {}) == f, pcall(debug.setfenv, 1, {}))
print(coroutine.wrap(function() return debug.traceback("c") end)())
"#,
    );
}
