-- tail calls pass through every result
local function many(n)
  if n == 0 then return "a", "b", "c" end
  return many(n - 1)
end
print(many(5))
print(select('#', many(3)))
local function wrap(...) return select('#', ...), ... end
local function tc(...) return wrap(...) end
print(tc(nil, nil))
-- (f()) is not a tail call and truncates
local function one() return (many(1)) end
print(one())
