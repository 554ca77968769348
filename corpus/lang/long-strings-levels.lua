-- long brackets with levels; a first newline is skipped
print([[plain]])
print([[
skipped first newline]])
print([==[contains ]] and ]=] inside]==])
print([=[
a
b]=])
print(#[[

x]])
print([[no \n escapes \t here]])
local s = [==[
]==]
print(#s)
print([[a]] .. [=[b]=])
