-- table.sort with a comparator function
local t = {5, 2, 8, 1, 9}
table.sort(t, function(a, b) return a > b end)
print(table.concat(t, " "))
local people = {{name = "bob", age = 30}, {name = "al", age = 25}, {name = "cy", age = 35}}
table.sort(people, function(a, b) return a.age < b.age end)
for _, p in ipairs(people) do io.write(p.name, " ") end print()
table.sort(people, function(a, b) return a.name > b.name end)
for _, p in ipairs(people) do io.write(p.name, " ") end print()
local s = {"ccc", "a", "bb"}
table.sort(s, function(a, b) return #a < #b end)
print(table.concat(s, " "))
