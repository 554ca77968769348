local function f(x)
  if x then
    print(x)
  end

print(f(1))
