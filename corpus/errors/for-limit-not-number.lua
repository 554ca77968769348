for i = 1, 2 do print(i) end
for i = 1, "ten" do print(i) end
