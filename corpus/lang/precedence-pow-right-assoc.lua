-- ^ is right associative and binds tighter than unary minus
print(2^3^2)
print((2^3)^2)
print(-2^2)
print((-2)^2)
print(2^-1)
print(-2^-2)
print(2^0.5 == math.sqrt(2))
local x = 3
print(-x^2, (-x)^2)
