-- %s with width/precision, %% literal
local f = string.format
print(f("[%s][%10s][%-10s]", "abc", "abc", "abc"))
print(f("[%.2s][%5.1s][%-5.3s]", "abcdef", "xyz", "hello"))
print(f("%s %s %s", 1, 2.5, "x"))
print(f("%s", 1e100), f("%s", -0.0 + 0))
print(f("100%%"), f("%%d"), f("%5s%%", "ab"))
print(pcall(string.format, "%s", true))   -- 5.1 %s does not call tostring
print(f("no directives"))
print(#f("%s", "a\0b"), #f("%s", ("a\0b"):rep(50)))   -- short strings go through sprintf and stop at the NUL
print(f("%d items at %s each", 3, "1.50"))
