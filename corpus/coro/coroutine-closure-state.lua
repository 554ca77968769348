-- a coroutine keeps its locals across yields and shares upvalues with its creator
local shared = 0
local co = coroutine.wrap(function()
  local mine = 100
  while true do
    mine = mine + 1
    shared = shared + 10
    coroutine.yield(mine)
  end
end)
print(co(), shared)
print(co(), shared)
shared = 1000
print(co(), shared)
