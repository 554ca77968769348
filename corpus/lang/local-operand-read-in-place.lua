-- PUC-Rio 5.1 keeps a local in its register: arithmetic, comparisons and
-- indexing read a local left operand only after the right operand ran;
-- concatenation and call arguments copy it first.
local x = 10
local function bump() x = 1 return 5 end
print(x + bump())
x = 10 print(x - bump(), (x) * bump())
x = 10 print(x < bump(), x == bump())
x = 10 print(x .. bump())
x = 10 print(math.max(x, bump()))
local t = {"old"}
local function swap() t = {"new"} return 1 end
print(t[swap()])
local up = 10
local function inner()
  local function b() up = 1 return 5 end
  return up + b()
end
print(inner())
g = 10
local function bg() g = 1 return 5 end
print(g + bg())
