local p = {x = 3}
print(-p.x)
print(-p.y)
