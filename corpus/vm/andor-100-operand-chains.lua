-- and/or chains 100 operands long with nil, false and values in every position
local function andchain(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9)
  return a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9 and a0 and a1 and a2 and a3 and a4 and a5 and a6 and a7 and a8 and a9
end
local function orchain(a0, a1, a2, a3, a4, a5, a6, a7, a8, a9)
  return a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9 or a0 or a1 or a2 or a3 or a4 or a5 or a6 or a7 or a8 or a9
end
print(andchain(1, 2, 3, 4, 5, 6, 7, 8, 9, 10))
print(andchain(1, 2, 3, false, 5, 6, 7, 8, 9, 10))
print(andchain(1, 2, nil, false, 5, 6, 7, 8, 9, 10))
print(orchain(nil, false, nil, false, nil, false, nil, false, nil, false))
print(orchain(nil, false, nil, false, nil, false, nil, false, nil, "last"))
print(orchain(nil, false, 0, false, nil, false, nil, false, nil, "last"))
local function mixed(x0, x1, x2, x3, x4, x5) return x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 or x1 and x2 and x3 or x4 and x5 and x0 end
print(mixed(1, 2, 3, 4, 5, 6), mixed(nil, 2, 3, 4, 5, 6), mixed(false, nil, false, nil, false, nil), mixed(1, false, 3, nil, 5, false))
local cnt = 0
for i = 1, 64 do
  local b = {}
  for j = 0, 5 do b[j] = (math.floor(i / 2 ^ j) % 2 == 1) and j or false end
  if ((b[0] or b[1]) and (b[1] or b[2]) and (b[2] or b[3]) and (b[3] or b[4]) and (b[4] or b[5]) and (b[5] or b[0]) and (b[0] or b[1]) and (b[1] or b[2]) and (b[2] or b[3]) and (b[3] or b[4]) and (b[4] or b[5]) and (b[5] or b[0]) and (b[0] or b[1]) and (b[1] or b[2]) and (b[2] or b[3]) and (b[3] or b[4]) and (b[4] or b[5]) and (b[5] or b[0]) and (b[0] or b[1]) and (b[1] or b[2]) and (b[2] or b[3]) and (b[3] or b[4]) and (b[4] or b[5]) and (b[5] or b[0]) and (b[0] or b[1]) and (b[1] or b[2]) and (b[2] or b[3]) and (b[3] or b[4]) and (b[4] or b[5]) and (b[5] or b[0])) then cnt = cnt + 1 end
end
print(cnt)
local v = nil or false or nil or 0 and "zero" or "never"
print(v, false and nil, nil and false, false or nil, nil or false)
