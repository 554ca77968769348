-- Coroutine switches every way in and out: resume, wrap and yield called
-- from Lua code (which perigee's interp switches inside its dispatch
-- loop) and from library code and metamethods (which it runs on the Rust
-- stack), with multiple values, tail calls, nested coroutines, errors,
-- generic for, the collector and the C-call limit.
local co = coroutine

-- multiple values both ways, and results adjusted to what the call wants
local c1 = co.create(function(a, b, ...)
  local x, y, z = co.yield(a + b, select('#', ...), ...)
  local r = { co.yield(x, y, z) }
  return #r, r[1], r[#r]
end)
print(co.resume(c1, 1, 2, "p", "q"))
local one = co.resume(c1, 10, 20)
print(one)
print(select('#', co.resume(c1)))
print(co.resume(c1, 7, 8, 9))
print(co.status(c1), co.resume(c1))

-- yield from a tail call, and a body that ends in a tail-called yield
local c2 = co.create(function(v) return co.yield(v * 2) end)
print(co.resume(c2, 21))
print(co.resume(c2, "back", "again"))
print(co.status(c2))

-- nested coroutines: A resumes B resumes C; yields come back one level
local log = {}
local C = co.create(function()
  for i = 1, 3 do log[#log + 1] = "C" .. i; co.yield(i) end
end)
local B = co.create(function()
  while true do
    local ok, v = co.resume(C)
    log[#log + 1] = "B" .. tostring(v)
    if co.status(C) == "dead" then return "B end" end
    co.yield(v)
  end
end)
local A = co.wrap(function()
  while true do
    local ok, v = co.resume(B)
    log[#log + 1] = "A" .. tostring(v)
    if not ok or co.status(B) == "dead" then return "A end", v end
    co.yield(v)
  end
end)
for _ = 1, 5 do
  local r, extra = A()
  log[#log + 1] = tostring(r) .. (extra and ("/" .. tostring(extra)) or "")
  if r == "A end" then break end
end
print(table.concat(log, " "))

-- status and running seen from inside and outside
local outer
local c4 = co.create(function()
  print("inside", co.status(outer), co.running() == outer)
  local inner = co.create(function()
    print("inner", co.status(outer))
    print(co.resume(outer))
  end)
  co.resume(inner)
  co.yield()
end)
outer = c4
print(co.resume(c4))
print(co.status(c4))

-- wrap errors: strings and numbers get the caller's position, other
-- values pass as they are; the coroutine is dead after
local w1 = co.wrap(function() error("plain") end)
print(pcall(w1))
local w2 = co.wrap(function() error(42) end)
print(pcall(w2))
local w3 = co.wrap(function() error({ code = 7 }) end)
local ok, e = pcall(w3)
print(ok, type(e), e.code)
print(pcall(w3))
local w4 = co.wrap(function() local t = nil; return t.x end)
print(pcall(w4))

-- generic for over a wrap
local function range(n)
  return co.wrap(function() for i = 1, n do co.yield(i, i * i) end end)
end
local acc = 0
for i, sq in range(6) do acc = acc + i * sq end
print(acc)

-- a coroutine resumed from Rust (inside a metamethod) that resumes
-- another one itself
local helper = co.create(function(x) co.yield(x + 1); return x + 2 end)
local mt = { __add = function(a, b)
  local _, v = co.resume(helper, b)
  return v
end }
local obj = setmetatable({}, mt)
print(obj + 10, obj + 0, co.status(helper))

-- errors on the first resume, deep recursion inside a coroutine
local function deep(n) if n == 0 then return 0 end return 1 + deep(n - 1) end
print(co.resume(co.create(function() return deep(1000) end)))
local ok2, msg = co.resume(co.create(function() return deep(1e7) end))
print(ok2, msg)
print(co.resume(co.create(function(...) return select('#', ...) end), nil, nil))

-- resuming oneself, the resumer, and dead coroutines
local me
me = co.create(function() return co.resume(me) end)
print(co.resume(me))
local parent
parent = co.create(function()
  local child = co.create(function() return co.resume(parent) end)
  return co.resume(child)
end)
print(co.resume(parent))
print(co.resume(parent))

-- many coroutines kept suspended while the collector runs
local live = {}
for i = 1, 60 do
  live[i] = co.create(function(a) local s = a; while true do s = s + co.yield(s) end end)
  co.resume(live[i], i)
end
collectgarbage()
local sum = 0
for i = 1, 60 do local _, v = co.resume(live[i], 1); sum = sum + v end
for i = 1, 60, 2 do live[i] = nil end
collectgarbage()
for i = 2, 60, 2 do local _, v = co.resume(live[i], 1); sum = sum + v end
print(sum)

-- nested resumes up to the C-call limit
local function nest(n)
  if n == 0 then return 0 end
  local c = co.create(nest)
  local ok, v = co.resume(c, n - 1)
  if not ok then return v end
  return v
end
print(nest(250))
