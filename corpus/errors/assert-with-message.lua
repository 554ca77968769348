print(assert("value", "msg"))
assert(nil, "custom assertion message")
