-- matmul: multiplies two dense n x n matrices stored as arrays of row
-- arrays, the classic i-k-j loop order; float arithmetic and 2-D indexing.
-- arg[1] = n (default 40). Prints the trace and a corner sum.
local n = tonumber(arg and arg[1]) or 40
local function matrix(N, f)
  local m = {}
  for i = 1, N do
    local row = {}
    for j = 1, N do row[j] = f(i, j) end
    m[i] = row
  end
  return m
end
local a = matrix(n, function(i, j) return ((i * j) % 7 - 2) / n end)
local b = matrix(n, function(i, j) return (i + j) / (n * 2) end)
local c = matrix(n, function() return 0 end)
for i = 1, n do
  local ai, ci = a[i], c[i]
  for k = 1, n do
    local aik, bk = ai[k], b[k]
    for j = 1, n do ci[j] = ci[j] + aik * bk[j] end
  end
end
local trace = 0
for i = 1, n do trace = trace + c[i][i] end
print(string.format("%.6f %.6f", trace, c[1][n] + c[n][1]))
