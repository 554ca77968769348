-- collectgarbage: only result types are checked, never values
print(type(collectgarbage("count")))
print(collectgarbage("collect"))
print(collectgarbage())
print(type(collectgarbage("step")))
print(collectgarbage("count") > 0)
