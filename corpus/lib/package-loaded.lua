-- package.loaded holds the standard libraries; require returns them
local names = {}
for k in pairs(package.loaded) do names[#names + 1] = k end
table.sort(names)
print(table.concat(names, " "))
print(package.loaded.string == string, package.loaded._G == _G)
print(require("string") == string, require("math") == math)
package.preload.mymod = function(name) return {name = name, value = 42} end
local m = require("mymod")
print(m.name, m.value, require("mymod") == m, package.loaded.mymod == m)
print(type(package.path), type(package.cpath), #package.loaders)
