print("name: " .. tostring(username))
print("name: " .. username)
