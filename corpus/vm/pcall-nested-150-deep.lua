-- pcall nested 150 deep: an error at the bottom is caught by the innermost pcall and values flow back up
local function dive(n)
  if n == 0 then error("bottom") end
  local ok, err = pcall(dive, n - 1)
  if n == 1 then return "caught:" .. tostring(err) end
  if not ok then return "fail at " .. n end
  return err
end
print(pcall(dive, 150))
local function rethrow(n)
  if n == 0 then error({depth = 0}) end
  local ok, e = pcall(rethrow, n - 1)
  e.depth = e.depth + 1
  error(e)
end
local ok, e = pcall(rethrow, 150)
print(ok, type(e), e.depth)
local function count(n)
  if n == 0 then return 0 end
  local ok, v = pcall(count, n - 1)
  return v + 1
end
print(count(150))
local function deepfail(n)
  if n == 0 then local x = nil; return x.field end
  return (select(2, pcall(deepfail, n - 1)))
end
print(deepfail(150))
