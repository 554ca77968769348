-- negating a zero held in a local gives negative zero
local z = 0
print(-z)
print(z)
print(-z == z)
print(1 / -z)
print(-z .. "")
print(math.floor(-0.5 + 0.5))
