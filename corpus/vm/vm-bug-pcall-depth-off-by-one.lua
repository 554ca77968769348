-- nested pcall recursion reaches 198 levels before "C stack overflow" (a minimal depth check)
local depth = 0
local function p(n) depth = n; return pcall(p, n + 1) end
print(select("#", p(1)), depth)
