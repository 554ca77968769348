-- os.time with a table argument; only differences are printed (time zone independent)
local t1 = os.time{year = 2000, month = 1, day = 1, hour = 12}
local t2 = os.time{year = 2000, month = 1, day = 2, hour = 12}
print(t2 - t1)
local t3 = os.time{year = 2000, month = 3, day = 1, hour = 12}
print((t3 - t1) / 86400)
local t4 = os.time{year = 2000, month = 13, day = 1, hour = 12}   -- month 13 normalises
local t5 = os.time{year = 2001, month = 1, day = 1, hour = 12}
print(t4 == t5, (t5 - t1) / 86400)
local t6 = os.time{year = 2000, month = 1, day = 1, hour = 12, min = 30, sec = 15}
print(t6 - t1)
print(type(t1))
print(pcall(os.time, {year = 2000}))
