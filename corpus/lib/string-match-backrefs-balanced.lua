-- back references %1 and balanced matches %b
print(("say 'hi' and \"bye\""):match("([\"'])(.-)%1"))
print(("abcabc"):match("(abc)%1"))
print(("f(a(b)c) g(d)"):match("%b()"))
print(("[x[y]z]"):match("%b[]"))
print(("no close (here"):match("%b()"))
print(("if x then y end end"):gsub("%bie", "#"))
print(("aXbXc"):match("(X).-%1"))
