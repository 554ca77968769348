-- errors rethrown through several pcall layers accumulate context or keep the original value
local function layer(name, f)
  return function(...)
    local ok, e = pcall(f, ...)
    if ok then return e end
    if type(e) == "string" then error(name .. "(" .. e .. ")", 0) end
    error(e, 0)
  end
end
local base = function(x) if x < 0 then error("neg", 0) end if x == 0 then error({zero = true}) end return x * 2 end
local f = layer("a", layer("b", layer("c", layer("d", base))))
print(pcall(f, 5))
print(pcall(f, -1))
local ok, e = pcall(f, 0)
print(ok, type(e), e.zero)
local function retry(n)
  local attempts = 0
  local last
  for i = 1, n do
    local ok, err = pcall(function() attempts = attempts + 1; if attempts < 4 then error("try " .. attempts, 0) end return "ok after " .. attempts end)
    if ok then return err end
    last = err
  end
  return "gave up: " .. last
end
print(retry(3), retry(10))
local ok2, e2 = pcall(function()
  local ok3, e3 = pcall(error, "inner", 0)
  error(e3 .. "+outer", 0)
end)
print(ok2, e2)
