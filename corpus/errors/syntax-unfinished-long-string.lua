local s = [==[
this long string is closed with the wrong level ]=]
