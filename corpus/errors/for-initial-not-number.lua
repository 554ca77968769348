local start
print("loop")
for i = start, 10 do print(i) end
