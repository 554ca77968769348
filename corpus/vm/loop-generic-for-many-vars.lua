-- generic for with custom iterators yielding 1 to 6 values, stateful closures and the state/control protocol
local function iter6(n)
  return function(state, ctl)
    if ctl >= n then return nil end
    ctl = ctl + 1
    return ctl, ctl * 2, ctl * 3, nil, ctl .. "!", state
  end, "S", 0
end
for a, b, c, d, e, f in iter6(3) do print(a, b, c, d, e, f) end
for a, b in iter6(2) do print(a, b) end
for a, b, c, d, e, f, g, h in iter6(1) do print(a, e, f, g, h) end
local function range(n)
  local i = 0
  return function() i = i + 1; if i <= n then return i end end
end
local s = 0
for i in range(100) do s = s + i end
print(s)
local function kv(t)
  local keys = {}
  for k in pairs(t) do keys[#keys + 1] = k end
  table.sort(keys)
  local i = 0
  return function() i = i + 1; local k = keys[i]; if k ~= nil then return k, t[k] end end
end
for k, v in kv({b = 2, a = 1, c = 3}) do io.write(k, "=", v, " ") end
print()
-- the iterator stops when the first value is nil even if others are not
local function firstnil()
  local n = 0
  return function() n = n + 1; if n > 2 then return nil, "ignored" end return n, "x" end
end
for a, b in firstnil() do print(a, b) end
-- false as control variable does not stop the loop
local function bools()
  local i = 0
  return function() i = i + 1; if i == 1 then return false, "f" elseif i == 2 then return true, "t" end end
end
for a, b in bools() do print(a, b) end
-- nested generic loops over string.gmatch
local out = {}
for word in ("alpha beta gamma"):gmatch("%a+") do
  for ch in word:gmatch("[aeiou]") do out[#out + 1] = ch end
end
print(table.concat(out))
