-- # on strings and sequences
print(#"", #"abc", #"\0\0", #"ünï")
print(#{}, #{1, 2, 3}, #{"a", "b"})
local t = {}
for i = 1, 10 do t[i] = i end
print(#t)
t[#t + 1] = 11
print(#t)
t[#t] = nil
print(#t)
local s = "hello"
print(#s * 2, -#s)
