for i, v in ipairs({"a"}) do print(i, v) end
for i, v in ipairs(nil) do print(i, v) end
