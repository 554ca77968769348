-- 5.1 reads a local used as an assignment target's table or key before a later
-- target of the same statement reassigns it (check_conflict), else at store time
local a = {} local old = a
a.x, a = 1, {}
print(old.x, a.x)
local b = {} local oldb = b
b, b.x = {}, 2
print(oldb.x, b.x)
local i, t = 1, {}
i, t[i] = 2, "v"
print(t[1], t[2])
local j, u = 1, {}
u[j], j = "w", 2
print(u[1], u[2])
