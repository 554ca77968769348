local function check(x)
  if not x then error("check failed") end
end
print("checking")
check(false)
