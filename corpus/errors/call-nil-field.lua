local m = {}
print(m.run)
m.run()
