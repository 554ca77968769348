-- a % b == a - floor(a/b)*b, result has the sign of b
print(5 % 3, -5 % 3, 5 % -3, -5 % -3)
print(5.5 % 2, -5.5 % 2, 5.25 % -2)
local r1, r2 = 3 % math.huge, -3 % math.huge
print(r1 ~= r1, r2 ~= r2)   -- 5.1 computes a - floor(a/b)*b, which is NaN here
print(0 % 5, 10 % 2.5, 1e15 % 7)
local inf = 1 % 0
print(inf ~= inf)
