-- multiple returns adjusted to 1 in the middle, expanded at the end, in assignments, args, returns and parentheses
local function three() return 1, 2, 3 end
local function none() end
local a, b, c, d = three()
print(a, b, c, d)
a, b, c, d = three(), 10
print(a, b, c, d)
a, b, c, d = 10, three()
print(a, b, c, d)
a, b, c, d = (three())
print(a, b, c, d)
a, b = none(), none()
print(a, b)
print(three(), three())
print((three()))
print(three(), none())
print(none(), three())
print(select("#", none(), none()))
local t = {three(), three(), three()}
print(#t)
t = {none(), three()}
print(t[1], t[2], t[4], t[5])
local function r1() return three() end
local function r2() return (three()) end
local function r3() return three(), three() end
local function r4() return none(), 5 end
print(r1())
print(r2())
print(r3())
print(r4())
print(string.format("%d %d %d", three()))
print(#{r3()}, #{r3(), nil})
local s = "x" .. three()
print(s)
local x = three() + three()
print(x)
print(tostring(three()))
