local conf
local function get() return conf.value end
print("before")
print(get())
