for i = 1, 2, 1 do print(i) end
for i = 1, 2, {} do print(i) end
