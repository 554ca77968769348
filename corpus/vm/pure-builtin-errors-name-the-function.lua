-- Library functions a Lua call runs without a frame record (the pure
-- builtins: string.sub, math.sqrt, type, select, ...) must fail exactly as
-- the ordinary call does: the message names the function as its caller
-- did (global, field or method), the position is the caller's line, and
-- nothing observable happens twice. Also their results under every `want`
-- (one, none, several, all) and coercions.
local function try(f, ...)
  local ok, err = pcall(f, ...)
  print(ok, err)
end

-- errors, through a Lua function so the builtin is called by CALL
try(function() local r = string.sub(); return r end)
try(function() local r = string.sub("abc", "x"); return r end)
try(function() local s = string.sub; return s({}, 1) end)
try(function() local r = ("abc"):rep(); return r end)
try(function() local r = ("abc"):sub({}); return r end)
try(function() local r = math.sqrt("no"); return r end)
try(function() local r = math.floor(); return r end)
try(function() local t = {f = math.max}; return t.f() end)
try(function() local r = select(0, 1, 2); return r end)
try(function() local r = select("x"); return r end)
try(function() local r = type(); return r end)
try(function() local r = tonumber("10", 99); return r end)
try(function() local r = assert(false, "custom message"); return r end)
try(function() local r = assert(nil); return r end)
try(function() local r = assert(1 == 2, 42); return r end)
try(function() local r = string.format("%d", "x"); return r end)
try(function() local r = string.format("%q"); return r end)
try(function() local r = string.find("abc", "[a"); return r end)
try(function() local r = string.match("abc", "(()"); return r end)
try(function() local r = string.char(256); return r end)
try(function() local r = table.concat({1, {}, 3}); return r end)
try(function() local r = unpack({}, 1, 1e8); return r end)
try(function() local r = rawget(1, 2); return r end)
try(function() local r = getmetatable(); return r end)
try(function() local r = ipairs(); return r end)
try(function() local r = pairs(nil); return r end)
try(function() local r = rawequal(1); return r end)
try(function() return string.rep("x", -1), string.len(5) end)

-- results under each `want`
local a, b, c = string.byte("hello", 1, 3)
print(a, b, c)
local d = string.byte("hello", 2, 4)
print(d)
print(string.byte("hello", 10))
print((string.byte("hello", 1, -1)))
print(select("#", string.byte("hello", 1, -1)))
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
local t = {string.find("hello world", "o w")}
print(#t, t[1], t[2])
print(string.find("hello", "l+"))
print(string.match("key=val", "(%w+)=(%w+)"))
print(math.modf(3.7))
print(math.frexp(8))
print(unpack({1, 2, 3}))
print(type(print), type(nil), type(2), type("x"), type({}))
print(tonumber("0x10"), tonumber("  12  "), tonumber("z", 36), tonumber("1e1"), tonumber(""))
print(string.sub(12345, 2, -2), string.len(123), string.upper(1e15))
print(math.max(3, 1, 2), math.min(3, "1", 2), math.abs("-3"))
print(table.concat({1, 2.5, "x"}, ", "), table.maxn({1, nil, 3}))
print(rawequal("a", "a"), rawget({5}, 1), getmetatable("").__index == string)
for i, v in ipairs({"p", "q"}) do io.write(i, v, " ") end
print()

-- many arguments (past the inline capacity) and calls at depth
print(select("#", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
print(math.max(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12))
local function deep(n)
  if n == 0 then return string.rep("ab", 3, "-") end
  return deep(n - 1)
end
print(deep(100))

-- an error at the frame limit: the ordinary call raises it
local function dive(n)
  return 1 + (n > 0 and dive(n - 1) or #string.sub("xyz", 2))
end
print(pcall(dive, 200000))
