local total
local function add(n) total = total + n end
print("calling add")
add(5)
