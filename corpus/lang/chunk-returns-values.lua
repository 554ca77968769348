-- the main chunk may return values; they are ignored by the standalone interpreter
print("before return")
return 1, 2, 3
