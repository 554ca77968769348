local ok, err = pcall(error, "inner problem")
print(ok, err)
error(err, 0)
