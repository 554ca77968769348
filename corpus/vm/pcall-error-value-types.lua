-- error values of every type pass through pcall unchanged (strings get position only at level 1)
local t = {code = 42}
local function f() return t end
local cases = {
  function() error("str") end,
  function() error("str", 0) end,
  function() error(123) end,
  function() error(12.5) end,
  function() error(nil) end,
  function() error(true) end,
  function() error(false) end,
  function() error(t) end,
  function() error(f) end,
  function() error() end,
}
for i, c in ipairs(cases) do
  local ok, e = pcall(c)
  local shown
  if type(e) == "table" then shown = "table code=" .. tostring(e.code) .. " same=" .. tostring(e == t)
  elseif type(e) == "function" then shown = "function same=" .. tostring(e == f)
  else shown = tostring(e) end
  print(i, ok, type(e), shown)
end
print(select("#", pcall(error)))
print(pcall(error, "x", 0))
print(pcall(error, 7, 1))
