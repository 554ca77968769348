print(coroutine.running())
coroutine.yield(1)
