local function f()
  return ...
end
print(f())
