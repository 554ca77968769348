local r = {done = false}
print("x" .. 1)
print("done: " .. r.done)
