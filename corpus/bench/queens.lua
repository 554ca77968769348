-- queens: counts the solutions of the n-queens problem by backtracking
-- with column and diagonal occupancy arrays; recursion and branches.
-- arg[1] = board size (default 6). Prints the solution count and the
-- number of placements tried.
local n = tonumber(arg and arg[1]) or 6
local cols, d1, d2 = {}, {}, {}
local tried = 0
local function place(row)
  if row > n then return 1 end
  local found = 0
  for c = 1, n do
    tried = tried + 1
    if not cols[c] and not d1[row + c] and not d2[row - c + n] then
      cols[c], d1[row + c], d2[row - c + n] = true, true, true
      found = found + place(row + 1)
      cols[c], d1[row + c], d2[row - c + n] = false, false, false
    end
  end
  return found
end
print(string.format("%d %d", place(1), tried))
