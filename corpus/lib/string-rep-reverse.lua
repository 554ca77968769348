-- string.rep and string.reverse
print(string.rep("ab", 3))
print(string.rep("x", 0) == "", string.rep("x", -1) == "")
print(("-"):rep(10))
print(#string.rep("abc", 1000))
print(string.rep("", 5) == "")
print(string.reverse("hello"), ("a"):reverse(), (""):reverse() == "")
print(("ab\0cd"):reverse():byte(1, -1))
print(string.rep("a", 2.9))
