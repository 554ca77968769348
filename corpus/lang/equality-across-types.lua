-- values of different types are never equal
print(1 == "1", "1" == 1, nil == false, 0 == false)
print(1 == 1.0, "a" == "a", "a" ~= "b")
local t1, t2 = {}, {}
print(t1 == t2, t1 == t1, t1 ~= t2)
local f = print
print(f == print, function() end == function() end)
print(0 == -0, 1/0 == math.huge)
