-- __index chains through several tables (prototype inheritance)
local Base = {}
Base.__index = Base
function Base.new(name) return setmetatable({name = name}, Base) end
function Base:hello() return "hello from " .. self.name end
function Base:kind() return "base" end
local Derived = setmetatable({}, {__index = Base})
Derived.__index = Derived
function Derived.new(name) return setmetatable(Base.new(name), Derived) end
function Derived:kind() return "derived, parent says " .. Base.kind(self) end
local d = Derived.new("d")
print(d:hello())
print(d:kind())
print(d.nothing)
local a = setmetatable({}, {__index = setmetatable({}, {__index = setmetatable({}, {__index = function(_, k) return "deep " .. k end})})})
print(a.x)
