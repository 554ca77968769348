-- gsub with table and function replacements; false/nil keep the match
local vars = {name = "Lua", version = 5.1, flag = false}
print(string.gsub("$name $version $missing $flag", "%$(%w+)", vars))
print(string.gsub("hello world", "%w+", function(w) return w:upper() end))
print(string.gsub("a1b2c3", "%d", function(d) return d * 2 end))
print(string.gsub("abc", "%w", function(c) if c == "b" then return nil end return "." end))
print(string.gsub("k1=v1;k2=v2", "(%w+)=(%w+)", function(k, v) return v .. "=" .. k end))
print(string.gsub("abc", "", function() return "|" end))
local count = 0
string.gsub("x y z", "%a", function() count = count + 1 end)
print(count)
print(string.gsub("hello", "(l)(l)", {l = "L"}))
print(string.gsub("2 3", "%d", {["2"] = "two", ["3"] = 3}))
