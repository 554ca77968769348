-- multiple results are truncated except in the last position
local function three() return 1, 2, 3 end
local function none() end
print(three())
print(three(), 10)
print(10, three())
print((three()))
local t = {three(), three()}
print(#t, t[1], t[2], t[4])
local a, b, c, d = three()
print(a, b, c, d)
local x, y = none()
print(x, y)
print(none())
print(none(), 1)
local u = {none(), none()}
print(#u)
local s = string.format("%s-%s", three())
print(s)
print(#{three(), nil})
