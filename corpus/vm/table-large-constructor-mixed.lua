-- large constructors with positional, keyed and trailing call/vararg items fill the right slots
local function three() return "x", "y", "z" end
local t = {
  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
  21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
  41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,
  key = "k", [100] = "h",
  61, 62, 63, 64, 65, 66, 67, 68, 69, 70,
  three()
}
print(#t, t[50], t[51], t[60], t[70], t[71], t[72], t[73], t.key, t[100])
local u = {three(), three()}
print(#u, u[1], u[2], u[4])
local v = {(three())}
print(#v)
local function va(...)
  return {
    1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20,
    21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40,
    41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, ...
  }
end
local w = va("a", "b", "c")
print(#w, w[55], w[56], w[58])
local w2 = va()
print(#w2, w2[56])
local mid = {three(), 1, three()}
print(#mid, mid[1], mid[2], mid[3], mid[4], mid[5])
local keyed = {[1] = "first", "pos1", [2] = "k2"}
print(keyed[1], keyed[2])
