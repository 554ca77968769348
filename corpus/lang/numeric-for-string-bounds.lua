-- 5.1 accepts strings convertible to numbers as for bounds
for i = "1", "3" do io.write(i, " ", type(i), " ") end print()
for i = 1, 2, "0.5" do io.write(i, " ") end print()
for i = "0x10", 17 do io.write(i, " ") end print()
