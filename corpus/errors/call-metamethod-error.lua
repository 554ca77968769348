local obj = setmetatable({}, {__call = function(self, x) return x.field end})
print(obj({field = "ok"}))
obj(nil)
