-- a closure keeps its upvalue alive after the block ends
local get, set
do
  local hidden = "start"
  get = function() return hidden end
  set = function(v) hidden = v end
end
print(get())
set("changed")
print(get())
local fs = {}
for i = 1, 2 do
  local t = {i}
  fs[i] = function() t[1] = t[1] * 10 return t[1] end
end
print(fs[1](), fs[1](), fs[2]())
