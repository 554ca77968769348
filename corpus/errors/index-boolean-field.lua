local t = {ok = true}
print(t.ok)
print(t.ok.value)
