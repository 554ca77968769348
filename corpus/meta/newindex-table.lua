-- __newindex as a table redirects new keys
local store = {}
local t = setmetatable({existing = 1}, {__newindex = store})
t.existing = 2
t.fresh = 3
print(t.existing, rawget(t, "fresh"), store.fresh, t.fresh)
-- chained: the target's own __newindex applies
local log = {}
local inner = setmetatable({}, {__newindex = function(_, k, v) log[#log + 1] = k .. "=" .. v end})
local outer = setmetatable({}, {__newindex = inner})
outer.a = 1
outer.b = 2
print(table.concat(log, " "), rawget(inner, "a"), rawget(outer, "a"))
