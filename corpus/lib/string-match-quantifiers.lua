-- quantifiers * + - ? are greedy or lazy on single character classes
local s = "<a><b><c>"
print(s:match("<.*>"), s:match("<.->"))
print(("aaab"):match("a*"), ("aaab"):match("a-b"), ("b"):match("a*b"))
print(("color colour"):gsub("colou?r", "C"))
print(("xxx"):match("x+"), ("xxx"):match("x-"), #("xxx"):match("x-"))
print(("123abc"):match("^%d+"), ("abc"):match("^%d*") == "")
print(("[[x]]"):match("%[(.-)%]"))
