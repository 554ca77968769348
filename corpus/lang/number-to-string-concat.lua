-- numbers are converted to strings by ..
print(10 .. 20)
print(1.5 .. "")
print(-0.1 .. "x")
print(2^63 .. "")
print(1e15 .. "|" .. 1e16)
print(type(10 .. ""))
print(#(123 .. ""))
print(("x"):rep(3) .. 4)
