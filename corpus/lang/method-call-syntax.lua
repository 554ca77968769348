-- obj:m(...) passes obj as the first argument
local obj = {name = "box", inner = {name = "inner"}}
function obj:describe(suffix) return self.name .. (suffix or "") end
function obj.inner:who() return self.name end
print(obj:describe())
print(obj:describe("!"))
print(obj.describe(obj, "?"))
print(obj.describe({name = "other"}))
print(obj.inner:who())
local s = "hello"
print(s:upper(), ("abc"):len(), s:sub(2, 3))
print(#s:rep(3))
local calls = 0
local function get() calls = calls + 1 return obj end
print(get():describe("."), calls)
