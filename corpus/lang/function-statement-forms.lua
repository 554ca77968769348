-- every form of function statement
function globalf() return "global" end
local function localf() return "local" end
local t = {a = {b = {}}}
function t.f() return "field" end
function t.a.b.g() return "nested field" end
function t.a.b:m(x) return "method " .. tostring(self == t.a.b) .. " " .. x end
local anon = function(...) return "anon " .. select('#', ...) end
print(globalf(), localf(), t.f(), t.a.b.g(), t.a.b:m(1), anon(1, 2))
function t:self_name() return self end
print(t:self_name() == t)
local function outer() local function inner() return "inner" end return inner() end
print(outer())
print((function(x) return x * 2 end)(21))
