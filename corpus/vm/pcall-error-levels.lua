-- error level 1 blames the erroring function's line, level 2 its caller's line, level 0 nothing
local function lvl1() error("one", 1) end
local function lvl2() error("two", 2) end
local function lvl0() error("zero", 0) end
local function caller2() lvl2() end
print(pcall(lvl1))
print(pcall(lvl2))
print(pcall(caller2))
print(pcall(lvl0))
local function check(x)
  if type(x) ~= "number" then error("expected number, got " .. type(x), 2) end
  return x
end
local function use() return check("s") end
print(pcall(use))
local function lvl3inner() error("three", 3) end
local function lvl3mid() lvl3inner() end
local function lvl3outer() lvl3mid() end
print(pcall(lvl3outer))
print(pcall(function() error(setmetatable({}, {__tostring = function() return "custom" end})) end) == false)
local ok, e = pcall(function() error("with number " .. 5, 1) end)
print(e)
