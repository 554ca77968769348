-- f"str", f[[str]] and f{...} call with one argument
local function show(x)
  if type(x) == "table" then return "table of " .. #x end
  return "string " .. x
end
print(show"abc")
print(show[[long]])
print(show{1, 2, 3})
print(type"x")
local function chain(a) return function(b) return a .. b end end
print(chain"a""b")
print(string.format"%%")
