-- upvalues of returned closures remain independent per call and stay alive after the frame ends
local function make(n)
  local acc = {}
  local total = 0
  local function add(v) total = total + v; acc[#acc + 1] = v; return total end
  local function snapshot() return total, #acc end
  for i = 1, n do add(i) end
  return add, snapshot
end
local a1, s1 = make(3)
local a2, s2 = make(10)
a1(100)
print(s1())
print(s2())
a2(-55)
print(s1())
print(s2())
-- the same local captured by closures in a recursive function: each frame has its own
local function rec(n, list)
  local mine = n
  list[#list + 1] = function() mine = mine + 0.5; return mine end
  if n > 0 then rec(n - 1, list) end
  mine = mine * 2
  return list
end
local l = rec(4, {})
local out = {}
for i = 1, #l do out[i] = l[i]() end
print(table.concat(out, " "))
-- returning from inside nested blocks
local function nested(flag)
  local a = 1
  do
    local b = 2
    if flag then
      local c = 3
      return function() a = a + b + c; return a end
    end
    return function() a = a + b; return a end
  end
end
local p, q = nested(true), nested(false)
print(p(), p(), q(), q())
