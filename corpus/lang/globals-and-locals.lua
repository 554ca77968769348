-- assignment without local creates a global in _G
g1 = 10
print(g1, _G.g1, _G["g1"])
_G.g2 = "via _G"
print(g2)
local g1 = "local"
print(g1, _G.g1)
print(undefined_global)
rawset(_G, "g3", 3)
print(g3)
g2 = nil
print(g2, rawget(_G, "g2"))
