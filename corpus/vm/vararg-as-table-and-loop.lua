-- varargs iterated in loops, stored, compared and passed through coroutines unchanged
local function sum(...)
  local s = 0
  for i, v in ipairs({...}) do s = s + v end
  return s
end
print(sum(), sum(1), sum(1, 2, 3, 4))
local function through_co(...)
  local co = coroutine.create(function(...)
    local got = {n = select("#", ...), ...}
    local back = {coroutine.yield(got.n, ...)}
    return #back, unpack(back)
  end)
  local r1 = {coroutine.resume(co, ...)}
  local r2 = {coroutine.resume(co, "x", "y")}
  return r1[2], r1[3], r2[2], r2[3], r2[4]
end
print(through_co(1, 2, 3))
print(through_co())
local function rev(...)
  local n = select("#", ...)
  if n == 0 then return end
  local first = ...
  local function tail(_, ...) return ... end
  local rest = {rev(tail(...))}
  rest[#rest + 1] = first
  return unpack(rest)
end
print(rev(1, 2, 3, 4, 5))
local function varsum_recursive(first, ...)
  if first == nil then return 0 end
  return first + varsum_recursive(...)
end
print(varsum_recursive(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
local function arg_table(...)
  return arg
end
print(type(arg_table(1, 2)))
