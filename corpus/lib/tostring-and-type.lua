-- tostring and type of each kind of value
print(tostring(nil), tostring(true), tostring(false))
print(tostring(1), tostring(1.5), tostring(-0.25), tostring(1e300), tostring("s"))
print(type(nil), type(1), type("s"), type(true), type({}), type(print), type(function() end))
print(type(coroutine.create(function() end)), type(newproxy()))
print(type(tostring({})), tostring({}):sub(1, 7), tostring(print):sub(1, 10))
print(pcall(type))
print(tostring(2^63), tostring(-2^63))
