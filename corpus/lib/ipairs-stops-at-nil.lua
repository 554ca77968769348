-- ipairs stops at the first nil
local t = {"a", "b", nil, "d"}
for i, v in ipairs(t) do io.write(i, v, " ") end print()
for i, v in ipairs({}) do io.write("never") end print("empty")
local u = {[1] = "x", [2] = "y", [4] = "z", n = 3}
for i, v in ipairs(u) do io.write(i, v, " ") end print()
local f, s, c = ipairs(u)
print(s == u, c, f(u, 0), f(u, 2))
local p = setmetatable({}, {__index = function(_, i) if i <= 3 then return i * 10 end end})
for i, v in ipairs(p) do io.write(i, ":", v, " ") end print()
