-- loops whose condition fails at entry run zero times; repeat runs its body at least once
local ran = 0
for i = 1, 0 do ran = ran + 1 end
for i = 0, 1, -1 do ran = ran + 1 end
for i = 1, -math.huge do ran = ran + 1 end
for i = 0/0, 10 do ran = ran + 1 end
for i = 1, 0/0 do ran = ran + 1 end
for i = 1, 10, 0/0 do ran = ran + 1 end
for _ in pairs({}) do ran = ran + 1 end
for _ in ipairs({}) do ran = ran + 1 end
for _ in ipairs({nil, 2}) do ran = ran + 1 end
while false do ran = ran + 1 end
while nil do ran = ran + 1 end
print(ran)
local once = 0
repeat once = once + 1 until true
print(once)
-- zero-trip loops still evaluate their bounds exactly once
local evals = 0
local function bound(v) evals = evals + 1; return v end
for i = bound(5), bound(1), bound(1) do ran = ran + 1 end
print(evals, ran)
-- a zero-trip loop leaves the outer local untouched
local i = "outer"
for i = 1, 0 do end
print(i)
-- infinite limit but immediate break
local n = 0
for k = 1, math.huge do n = k if k == 3 then break end end
print(n)
-- repeat's condition can see locals of the body
local k = 0
repeat local done = k >= 4; k = k + 1 until done
print(k)
