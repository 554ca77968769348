print("counter is", counter)
counter = counter + 1
