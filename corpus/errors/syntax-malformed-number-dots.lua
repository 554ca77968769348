local v = 1.2.3
