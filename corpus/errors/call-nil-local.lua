local handler
print(type(handler))
handler()
