-- only nil and false are false
print(not nil, not false, not 0, not "", not {})
print(not not nil, not not 1)
print(not 1 == 2)
