-- a ; may follow any statement
local a = 1; local b = 2;
print(a + b);
do local c = 3; print(c); end;
for i = 1, 2 do io.write(i); end; print();
local function f() return 1; end
print(f());
