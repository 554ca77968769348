-- NaN is not equal to itself; comparisons with it are false
local nan = 0 / 0
print(nan ~= nan)
print(nan == nan)
print(nan < 1, nan > 1, nan <= nan, nan >= 1)
print(not (nan < 1) and not (nan >= 1))
local t = {nan}
print(t[1] ~= t[1])
print(math.huge - math.huge ~= math.huge - math.huge)
print(type(nan))
