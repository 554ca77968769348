local function validate(x)
  if type(x) ~= "number" then
    error("expected a number", 2)
  end
  return x
end
print(validate(3))
local v = validate("three")
