-- os functions with deterministic results
print(type(os.time()), type(os.clock()), type(os.date()))
print(os.getenv("PERIGEE_SURELY_UNSET_VARIABLE"))
print(os.difftime(10, 4), os.difftime(5, 5))
print(type(os.tmpname))
