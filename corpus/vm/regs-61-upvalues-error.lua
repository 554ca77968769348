-- a function referencing 61 outer locals exceeds the 60-upvalue limit
local u0, u1, u2, u3, u4, u5, u6, u7, u8, u9 = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9
local u10, u11, u12, u13, u14, u15, u16, u17, u18, u19 = 10, 11, 12, 13, 14, 15, 16, 17, 18, 19
local u20, u21, u22, u23, u24, u25, u26, u27, u28, u29 = 20, 21, 22, 23, 24, 25, 26, 27, 28, 29
local u30, u31, u32, u33, u34, u35, u36, u37, u38, u39 = 30, 31, 32, 33, 34, 35, 36, 37, 38, 39
local u40, u41, u42, u43, u44, u45, u46, u47, u48, u49 = 40, 41, 42, 43, 44, 45, 46, 47, 48, 49
local u50, u51, u52, u53, u54, u55, u56, u57, u58, u59 = 50, 51, 52, 53, 54, 55, 56, 57, 58, 59
local u60, u61, u62, u63, u64, u65, u66, u67, u68, u69 = 60, 61, 62, 63, 64, 65, 66, 67, 68, 69
print("never printed")
local function f()
  return u0 + u1 + u2 + u3 + u4 + u5 + u6 + u7 + u8 + u9 + u10 + u11 + u12 + u13 + u14 + u15 + u16 + u17 + u18 + u19 + u20 + u21 + u22 + u23 + u24 + u25 + u26 + u27 + u28 + u29 + u30 + u31 + u32 + u33 + u34 + u35 + u36 + u37 + u38 + u39 + u40 + u41 + u42 + u43 + u44 + u45 + u46 + u47 + u48 + u49 + u50 + u51 + u52 + u53 + u54 + u55 + u56 + u57 + u58 + u59 + u60
end
