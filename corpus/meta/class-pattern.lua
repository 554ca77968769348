-- a common OOP pattern with constructors and inheritance
local Animal = {}
Animal.__index = Animal
function Animal.new(name, sound)
  local self = setmetatable({}, Animal)
  self.name, self.sound = name, sound
  return self
end
function Animal:speak() return self.name .. " says " .. self.sound end
local Dog = setmetatable({}, {__index = Animal})
Dog.__index = Dog
function Dog.new(name)
  local self = Animal.new(name, "woof")
  return setmetatable(self, Dog)
end
function Dog:fetch() return self.name .. " fetches" end
local d, a = Dog.new("rex"), Animal.new("cat", "meow")
print(d:speak(), d:fetch())
print(a:speak(), a.fetch)
print(getmetatable(d) == Dog, getmetatable(a) == Animal)
