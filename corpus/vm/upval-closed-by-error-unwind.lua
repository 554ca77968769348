-- closures created in frames unwound by error keep their own captured values (upvalues closed during unwinding)
local saved = {}
local function level(n)
  local v = n * 100
  saved[#saved + 1] = function() v = v + 1; return v end
  if n == 0 then error("unwind", 0) end
  level(n - 1)
  v = -1
end
print(pcall(level, 5))
local out = {}
for i, f in ipairs(saved) do out[i] = f() end
print(table.concat(out, " "))
out = {}
for i, f in ipairs(saved) do out[i] = f() end
print(table.concat(out, " "))
-- unwinding through a loop body with per-iteration locals
local fs = {}
local ok, e = pcall(function()
  for i = 1, 10 do
    local sq = i * i
    fs[i] = function() return sq end
    if i == 6 then error({at = i}) end
  end
end)
print(ok, e.at, #fs, fs[1](), fs[6]())
-- unwinding out of a coroutine: its closures stay usable after it dies with an error
local getter
local co = coroutine.create(function()
  local secret = "s1"
  getter = function(x) if x then secret = x end return secret end
  coroutine.yield()
  secret = "s2"
  error("die")
end)
coroutine.resume(co)
print(getter())
print(coroutine.resume(co))
print(getter(), getter("s3"), getter(), coroutine.status(co))
-- error thrown from a nested closure which shares the upvalue with the outer frame
local function outer()
  local count = 0
  local function bump() count = count + 1; if count == 3 then error(count, 0) end end
  local ok, v = pcall(function() for i = 1, 5 do bump() end end)
  return ok, v, count, bump
end
local ok2, v2, c2, bump = outer()
print(ok2, v2, c2)
print(pcall(bump), pcall(bump))
