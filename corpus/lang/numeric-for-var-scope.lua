-- the loop variable is local to the loop body
i = "global"
for i = 1, 2 do end
print(i)
local i = "outer"
for i = 1, 2 do
  local i = i * 10
  io.write(i, " ")
end
print()
print(i)
