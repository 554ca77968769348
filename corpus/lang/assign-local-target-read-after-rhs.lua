-- In `t.k = f()`, PUC-Rio 5.1 reads a local `t` (and a local key) when it
-- stores, after the right-hand side ran; a global or upvalue `t` is read
-- before. Here f() replaces the table the target names.
local a = {name = "a1"}
local function f() a = {name = "a2"} return 1 end
a.v = f()
print(a.name, a.v)
g = {name = "g1"}
local function h() g = {name = "g2"} return 2 end
g.v = h()
print(g.name, g.v)
local u = {name = "u1"}
local function k()
  local function m() u = {name = "u2"} return 3 end
  u.v = m()
end
k()
print(u.name, u.v)
local i, t = 1, {}
local function n() i = 2 return "x" end
t[i] = n()
print(t[1], t[2])
