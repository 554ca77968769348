-- numeric literal forms
print(0x1F, 0XaB, 0x0, 0xffffffff)
print(1e2, 1E2, 1e+2, 1e-2, .5, 3., 5E-1)
print(007, 1.50, 0.0)
print(0x10 + 1, 2e0)
print(123456789012)
