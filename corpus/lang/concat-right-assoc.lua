-- .. is right associative; numbers are converted with %.14g
print("a".."b".."c")
print(1 .. 2 .. 3)
print("x" .. 1 + 2)        -- + binds tighter than ..
print(1 .. "" == "1")
local t = {}
local mt = {__concat = function(a, b)
  local l = type(a) == "table" and "T" or a
  local r = type(b) == "table" and "T" or b
  return "(" .. l .. "|" .. r .. ")"
end}
setmetatable(t, mt)
print("a" .. "b" .. t)     -- "a" .. ("b" .. t)
print(t .. "a" .. "b")     -- t .. ("a" .. "b")
print(1.5 .. "|" .. -2 .. "|" .. 1e100)
