-- if / elseif / else picks the first true branch
local function classify(x)
  if x == nil then return "nil"
  elseif x == false then return "false"
  elseif type(x) == "number" and x < 0 then return "negative"
  elseif x == 0 then return "zero"
  elseif type(x) == "number" then return "positive"
  else return "other" end
end
for _, v in ipairs({-1, 0, 5, "s"}) do io.write(classify(v), " ") end
print(classify(nil), classify(false))
if 0 then print("0 is true") end
if "" then print("empty string is true") end
if nil then print("no") else print("nil is false") end
