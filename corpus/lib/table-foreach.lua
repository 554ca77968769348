-- table.foreach and table.foreachi (deprecated but present in 5.1)
local seq = {"a", "b", "c"}
table.foreachi(seq, function(i, v) io.write(i, "=", v, " ") end)
print()
print(table.foreachi(seq, function(i, v) if v == "b" then return "stopped at " .. i end end))
local single = {key = "value"}
table.foreach(single, function(k, v) print(k, v) end)
print(table.foreach({x = 1}, function(k, v) return k .. v end))
local keys = {}
table.foreach({p = 1, q = 2, r = 3}, function(k) keys[#keys + 1] = k end)
table.sort(keys)
print(table.concat(keys, " "))
