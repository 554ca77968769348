-- short comment
print("one") -- trailing comment
--[[ long
comment print("hidden") ]] print("two")
--[==[ level two
]] still comment ]=]
]==] print("three")
--[ not a long comment
print("four")
---[[ three dashes: this is a short comment
print("five")
--]]
print(--[[inline]] "six")
