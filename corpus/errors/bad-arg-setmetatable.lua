print(type(setmetatable({}, nil)))
setmetatable({}, 5)
