-- deg and rad
print(math.deg(math.pi), math.rad(180), math.deg(1))
print(math.rad(90) == math.pi / 2, math.deg(0), math.rad(-45))
