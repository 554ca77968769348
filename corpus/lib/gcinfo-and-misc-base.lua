-- remaining base functions: gcinfo, unpack alias, _G self reference
print(type(gcinfo()))
print(_G._G == _G, _G._G._G == _G)
print(type(dofile), type(loadfile), type(require), type(module))
