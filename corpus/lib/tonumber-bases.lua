-- tonumber with bases and odd strings
print(tonumber("10"), tonumber("10", 2), tonumber("10", 16), tonumber("10", 36))
print(tonumber("ff", 16), tonumber("FF", 16), tonumber("zz", 36), tonumber("777", 8))
print(tonumber("8", 8), tonumber("2", 2), tonumber("1.5", 10), tonumber("", 10))
print(tonumber("0x1A"), tonumber("0X1a"), tonumber("1e3"), tonumber(".5"), tonumber("5."))
print(tonumber("  42  "), tonumber("\t7\n"), tonumber("4 2"), tonumber("42x"))
print(tonumber(""), tonumber(" "), tonumber("-"), tonumber("1e"), tonumber("e1"))
print(tonumber("-10"), tonumber("+10"), tonumber("- 10"), tonumber("--10"))
local nan = tonumber("nan")   -- 5.1 uses strtod, which accepts inf and nan
print(tonumber("inf"), nan ~= nan, tonumber("1e500"), tonumber("-1e500"))
print(tonumber(15), tonumber(nil), tonumber({}), tonumber(true))
print(tonumber("1111111111111111111111111111111111111111111111111111", 2))
print(tonumber(" 11 ", 2), tonumber("1 1", 2), tonumber("10", 10.0))
