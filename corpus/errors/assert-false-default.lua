print(assert(1, "unused"))
assert(false)
