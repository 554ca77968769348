#!/usr/bin/env lua5.1 a first line starting with # is skipped
print("after shebang")
