-- Searches that can skip start positions: a pattern whose first item
-- (after opening captures) must match one byte, scanned for; anchored
-- patterns; errors reached only at some positions; plain finds.
local function show(...)
  local t = { ... }
  for i = 1, select("#", ...) do t[i] = tostring(t[i]) end
  print(table.concat(t, " "))
end
local function try(f, ...)
  local function report(ok, ...)
    if ok then show(...) else print("error: " .. (...)) end
  end
  report(pcall(f, ...))
end

local s = "xx a1 bb22 [c,d] (e) ccc=12 %%% end"
show(string.find(s, "b+"))
show(string.find(s, "((%d)%d)"))
show(string.find(s, "()(c+)=()"))
show(string.find(s, "[%]%[]"))
show(string.find(s, "[^%sx]+", 3))
show(string.find(s, "%%+"))
show(string.find(s, "d$"))
show(string.find(s, "end$"))
show(string.find(s, "z"))
show(string.find(s, "x", 100))
show(string.match(s, "=(%d+)"))
show(string.match(s, "^xx"), string.match(s, "^a"))
show(string.match(s, "(e)", -4), string.match(s, "(e)", -3))
show(string.gsub(s, "%d", "#"))
show(string.gsub(s, "c+", "<%0>", 1))
show(string.gsub(s, "[bc]+", { bb = "B", ccc = false }))
show(string.gsub(s, "^x", "y"))
show(string.gsub(s, "(%a)(%d)", "%2%1"))
show(string.gsub("abc", "", "-"))
show(string.gsub("", "a", "-"))
show(string.gsub("aaa", "a", "b", 2))
for w in string.gmatch(s, "%a+") do io.write(w, ";") end
print()
for k, v in string.gmatch("a=1, b=22, =3, cc=", "(%a+)=(%d*)") do io.write(k, ":", v, ";") end
print()
for p in string.gmatch("^a^b", "^.") do io.write(p, ";") end
print()
-- An error after the first item appears only where that item matches.
try(string.find, "abc", "x[")
try(string.find, "abxc", "x[")
try(string.gsub, "abc", "q%", "")
try(string.gsub, "abqc", "q%", "")
try(string.match, "abc", "(b)%2")
try(string.gmatch("abc", "c)"))
-- The first item itself malformed: raised at the first position.
try(string.find, "abc", "[a")
try(string.find, "abc", "%")
-- 32 captures are fine, the 33rd is "too many".
local p32 = string.rep("(", 32) .. "a" .. string.rep(")", 32)
show(select("#", string.find("xa", p32)))
try(string.find, "xa", string.rep("(", 33) .. "a" .. string.rep(")", 33))
try(string.find, "xx", string.rep("(", 33) .. "a" .. string.rep(")", 33))
-- Plain finds, and patterns without specials.
show(string.find("hello world", "o w", 1, true))
show(string.find("aaab", "aab", 1, true))
show(string.find("a.b", ".", 1, true))
show(string.find("abc", "bc", -2))
show(string.find("abc", "c", 4))
show(string.find("abc", "", 4))
show(string.find(string.rep("ab", 40) .. "abc", "abc"))
show(string.find(string.rep("x", 100) .. "y", "y"))
show(string.find(string.rep("x", 100) .. "y", "[y]"))
-- Sets with ranges across byte values, negated sets and classes.
show(string.find("\1\127\128\200\255", "[\128-\255]+"))
show(string.find("\1\127\128\200\255", "[^\1-\127]"))
show(string.gsub("a1-b2_c3", "[%a_]", "."))
show(string.gsub("a1-b2_c3", "[^%w]", "."))
show(string.gsub("A-z", "[A-]", "+"))
