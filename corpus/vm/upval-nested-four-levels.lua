-- upvalues passed through four levels of nested functions, read and written at each level
local function l1(a)
  local function l2(b)
    local function l3(c)
      local function l4(d)
        a = a + 1; b = b + 10; c = c + 100; d = d + 1000
        return a + b + c + d
      end
      return l4, function() return c end
    end
    return l3, function() return b end
  end
  return l2, function() return a end
end
local l2, ga = l1(1)
local l3, gb = l2(2)
local l4, gc = l3(3)
print(l4(4), l4(4))
print(ga(), gb(), gc())
local l3b, gb2 = l2(20)
local l4b, gc2 = l3b(30)
print(l4b(40), ga(), gb2(), gc2(), gb())
-- deep chain where the innermost only reads the outermost
local function outer()
  local x = "X"
  return function()
    return function()
      return function()
        return function() return x end
      end
    end
  end, function(v) x = v end
end
local f, set = outer()
local inner = f()()()
print(inner())
set("Y")
print(inner(), f()()()())
