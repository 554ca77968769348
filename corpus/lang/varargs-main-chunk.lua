-- the main chunk is a vararg function; with no script arguments ... is empty
print(select('#', ...))
local a = ...
print(a)
print(type(arg), arg[0], #arg)
