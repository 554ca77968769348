-- numeric for with non-numeric bounds raises 'for' errors; checked with pcall then uncaught
print(pcall(function() for i = "a", 2 do end end))
print(pcall(function() for i = 1, {} do end end))
print(pcall(function() for i = 1, 2, nil do end end))
print(pcall(function() for i = nil, 2 do end end))
print(pcall(function() for k in nil do end end))
print(pcall(function() for k in 5 do end end))
local lim = "x"
for i = 1, lim do print("never") end
