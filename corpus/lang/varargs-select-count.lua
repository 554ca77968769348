-- select('#', ...) counts trailing nils
local function count(...) return select('#', ...) end
print(count())
print(count(nil))
print(count(nil, nil, nil))
print(count(1, nil, 3, nil))
print(select(2, "a", "b", "c"))
print(select(-1, "a", "b", "c"))
print(select(-2, "a", "b", "c"))
print(select(3, "a", "b", "c"))
print(select(4, "a", "b", "c"))
print(select('#', select(2, 1, 2, 3)))
