-- frontier pattern %f
print(("THE (quick) fox"):gsub("%f[%a]%a+", "W"))
print(("hello world"):find("%f[%w]%w+", 2))
print(("foo bar"):match("%f[%l]%l+%f[%L]"))
print(("aaa bbb"):gsub("%f[%w]", "|"))
print(("x"):match("%f[%z]"), ("x"):find("%f[%z]"))
