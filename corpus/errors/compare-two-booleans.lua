print(true == true)
print(true <= false)
