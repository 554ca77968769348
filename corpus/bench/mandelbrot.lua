-- mandelbrot: escape-time iteration over an n x n grid of [-1.5,0.5]x[-1,1]
-- (50 iterations, bailout 4); pure float arithmetic in nested loops.
-- arg[1] = n (default 48). Prints how many points stay bounded and a
-- position-weighted checksum of them.
local n = tonumber(arg and arg[1]) or 48
local inside, weighted = 0, 0
for y = 0, n - 1 do
  local ci = 2.0 * y / n - 1.0
  for x = 0, n - 1 do
    local cr = 2.0 * x / n - 1.5
    local zr, zi, zr2, zi2 = 0.0, 0.0, 0.0, 0.0
    local escaped = false
    for _ = 1, 50 do
      zi = 2.0 * zr * zi + ci
      zr = zr2 - zi2 + cr
      zr2 = zr * zr
      zi2 = zi * zi
      if zr2 + zi2 > 4.0 then
        escaped = true
        break
      end
    end
    if not escaped then
      inside = inside + 1
      weighted = (weighted + x * 31 + y * 17) % 1000000007
    end
  end
end
print(string.format("%d %d", inside, weighted))
