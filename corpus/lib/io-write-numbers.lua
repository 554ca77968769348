-- io.write formats numbers with %.14g and writes strings verbatim
io.write(1, " ", 2.5, " ", 1/3, " ", 1e100, " ", -0.0 + 0, "\n")
io.write("no newline")
io.write("\n")
io.write()
io.write("a", "b", "c", "\n")
io.write(2^53, " ", 100, "\n")
print(io.write("x"))   -- 5.1 returns true, not the file
print(pcall(io.write, {}))
