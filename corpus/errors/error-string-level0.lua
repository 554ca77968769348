print("about to fail")
error("no position added", 0)
