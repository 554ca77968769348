-- a function with over 300 constants uses high-index constants as operands of arithmetic, comparison, indexing and calls
local function f(t, x)
  local acc = 0
  t.k0, t.k2, t.k4, t.k6, t.k8 = 0.5, 2.5, 4.5, 6.5, 8.5
  t.k10, t.k12, t.k14, t.k16, t.k18 = 10.5, 12.5, 14.5, 16.5, 18.5
  t.k20, t.k22, t.k24, t.k26, t.k28 = 20.5, 22.5, 24.5, 26.5, 28.5
  t.k30, t.k32, t.k34, t.k36, t.k38 = 30.5, 32.5, 34.5, 36.5, 38.5
  t.k40, t.k42, t.k44, t.k46, t.k48 = 40.5, 42.5, 44.5, 46.5, 48.5
  t.k50, t.k52, t.k54, t.k56, t.k58 = 50.5, 52.5, 54.5, 56.5, 58.5
  t.k60, t.k62, t.k64, t.k66, t.k68 = 60.5, 62.5, 64.5, 66.5, 68.5
  t.k70, t.k72, t.k74, t.k76, t.k78 = 70.5, 72.5, 74.5, 76.5, 78.5
  t.k80, t.k82, t.k84, t.k86, t.k88 = 80.5, 82.5, 84.5, 86.5, 88.5
  t.k90, t.k92, t.k94, t.k96, t.k98 = 90.5, 92.5, 94.5, 96.5, 98.5
  t.k100, t.k102, t.k104, t.k106, t.k108 = 100.5, 102.5, 104.5, 106.5, 108.5
  t.k110, t.k112, t.k114, t.k116, t.k118 = 110.5, 112.5, 114.5, 116.5, 118.5
  t.k120, t.k122, t.k124, t.k126, t.k128 = 120.5, 122.5, 124.5, 126.5, 128.5
  t.k130, t.k132, t.k134, t.k136, t.k138 = 130.5, 132.5, 134.5, 136.5, 138.5
  t.k140, t.k142, t.k144, t.k146, t.k148 = 140.5, 142.5, 144.5, 146.5, 148.5
  t.k150, t.k152, t.k154, t.k156, t.k158 = 150.5, 152.5, 154.5, 156.5, 158.5
  t.k160, t.k162, t.k164, t.k166, t.k168 = 160.5, 162.5, 164.5, 166.5, 168.5
  t.k170, t.k172, t.k174, t.k176, t.k178 = 170.5, 172.5, 174.5, 176.5, 178.5
  t.k180, t.k182, t.k184, t.k186, t.k188 = 180.5, 182.5, 184.5, 186.5, 188.5
  t.k190, t.k192, t.k194, t.k196, t.k198 = 190.5, 192.5, 194.5, 196.5, 198.5
  t.k200, t.k202, t.k204, t.k206, t.k208 = 200.5, 202.5, 204.5, 206.5, 208.5
  t.k210, t.k212, t.k214, t.k216, t.k218 = 210.5, 212.5, 214.5, 216.5, 218.5
  t.k220, t.k222, t.k224, t.k226, t.k228 = 220.5, 222.5, 224.5, 226.5, 228.5
  t.k230, t.k232, t.k234, t.k236, t.k238 = 230.5, 232.5, 234.5, 236.5, 238.5
  t.k240, t.k242, t.k244, t.k246, t.k248 = 240.5, 242.5, 244.5, 246.5, 248.5
  t.k250, t.k252, t.k254, t.k256, t.k258 = 250.5, 252.5, 254.5, 256.5, 258.5
  acc = acc + x * 1001.25 - 2002.75 / 4 + 3003 % 7
  if x == 4004.5 then acc = acc + 1 end
  if x < 5005.5 then acc = acc + 10 end
  if 6006.5 <= x then acc = acc + 100 end
  t["late_key_1"] = "late_value_1"
  t.late_key_2 = x .. "late_suffix"
  local s = t["late_key_1"] .. t.late_key_2
  local u = {late_a = 7007.5, late_b = "late_b_val", [8008.5] = "late_num_key"}
  local obj = {late_method = function(self, a) return a * 9009 end}
  acc = acc + obj:late_method(2) + u.late_a + u[8008.5]:len()
  local r = x ~= 10010.5 and "late_ne" or "late_eq"
  return acc, s, u.late_b, r, -x + 11011.5, x ^ 2, t.k258
end
print(f({}, 3))
print(f({}, 4004.5))
print(f({}, 6006.5))
print(f({}, 10010.5))
local function g(s)
  if s == "const_0" then return 0
  elseif s == "const_1" then return 1
  elseif s == "const_2" then return 2
  elseif s == "const_3" then return 3
  elseif s == "const_4" then return 4
  elseif s == "const_5" then return 5
  elseif s == "const_6" then return 6
  elseif s == "const_7" then return 7
  elseif s == "const_8" then return 8
  elseif s == "const_9" then return 9
  elseif s == "const_10" then return 10
  elseif s == "const_11" then return 11
  elseif s == "const_12" then return 12
  elseif s == "const_13" then return 13
  elseif s == "const_14" then return 14
  elseif s == "const_15" then return 15
  elseif s == "const_16" then return 16
  elseif s == "const_17" then return 17
  elseif s == "const_18" then return 18
  elseif s == "const_19" then return 19
  elseif s == "const_20" then return 20
  elseif s == "const_21" then return 21
  elseif s == "const_22" then return 22
  elseif s == "const_23" then return 23
  elseif s == "const_24" then return 24
  elseif s == "const_25" then return 25
  elseif s == "const_26" then return 26
  elseif s == "const_27" then return 27
  elseif s == "const_28" then return 28
  elseif s == "const_29" then return 29
  elseif s == "const_30" then return 30
  elseif s == "const_31" then return 31
  elseif s == "const_32" then return 32
  elseif s == "const_33" then return 33
  elseif s == "const_34" then return 34
  elseif s == "const_35" then return 35
  elseif s == "const_36" then return 36
  elseif s == "const_37" then return 37
  elseif s == "const_38" then return 38
  elseif s == "const_39" then return 39
  elseif s == "const_40" then return 40
  elseif s == "const_41" then return 41
  elseif s == "const_42" then return 42
  elseif s == "const_43" then return 43
  elseif s == "const_44" then return 44
  elseif s == "const_45" then return 45
  elseif s == "const_46" then return 46
  elseif s == "const_47" then return 47
  elseif s == "const_48" then return 48
  elseif s == "const_49" then return 49
  elseif s == "const_50" then return 50
  elseif s == "const_51" then return 51
  elseif s == "const_52" then return 52
  elseif s == "const_53" then return 53
  elseif s == "const_54" then return 54
  elseif s == "const_55" then return 55
  elseif s == "const_56" then return 56
  elseif s == "const_57" then return 57
  elseif s == "const_58" then return 58
  elseif s == "const_59" then return 59
  elseif s == "const_60" then return 60
  elseif s == "const_61" then return 61
  elseif s == "const_62" then return 62
  elseif s == "const_63" then return 63
  elseif s == "const_64" then return 64
  elseif s == "const_65" then return 65
  elseif s == "const_66" then return 66
  elseif s == "const_67" then return 67
  elseif s == "const_68" then return 68
  elseif s == "const_69" then return 69
  elseif s == "const_70" then return 70
  elseif s == "const_71" then return 71
  elseif s == "const_72" then return 72
  elseif s == "const_73" then return 73
  elseif s == "const_74" then return 74
  elseif s == "const_75" then return 75
  elseif s == "const_76" then return 76
  elseif s == "const_77" then return 77
  elseif s == "const_78" then return 78
  elseif s == "const_79" then return 79
  elseif s == "const_80" then return 80
  elseif s == "const_81" then return 81
  elseif s == "const_82" then return 82
  elseif s == "const_83" then return 83
  elseif s == "const_84" then return 84
  elseif s == "const_85" then return 85
  elseif s == "const_86" then return 86
  elseif s == "const_87" then return 87
  elseif s == "const_88" then return 88
  elseif s == "const_89" then return 89
  elseif s == "const_90" then return 90
  elseif s == "const_91" then return 91
  elseif s == "const_92" then return 92
  elseif s == "const_93" then return 93
  elseif s == "const_94" then return 94
  elseif s == "const_95" then return 95
  elseif s == "const_96" then return 96
  elseif s == "const_97" then return 97
  elseif s == "const_98" then return 98
  elseif s == "const_99" then return 99
  elseif s == "const_100" then return 100
  elseif s == "const_101" then return 101
  elseif s == "const_102" then return 102
  elseif s == "const_103" then return 103
  elseif s == "const_104" then return 104
  elseif s == "const_105" then return 105
  elseif s == "const_106" then return 106
  elseif s == "const_107" then return 107
  elseif s == "const_108" then return 108
  elseif s == "const_109" then return 109
  elseif s == "const_110" then return 110
  elseif s == "const_111" then return 111
  elseif s == "const_112" then return 112
  elseif s == "const_113" then return 113
  elseif s == "const_114" then return 114
  elseif s == "const_115" then return 115
  elseif s == "const_116" then return 116
  elseif s == "const_117" then return 117
  elseif s == "const_118" then return 118
  elseif s == "const_119" then return 119
  elseif s == "const_120" then return 120
  elseif s == "const_121" then return 121
  elseif s == "const_122" then return 122
  elseif s == "const_123" then return 123
  elseif s == "const_124" then return 124
  elseif s == "const_125" then return 125
  elseif s == "const_126" then return 126
  elseif s == "const_127" then return 127
  elseif s == "const_128" then return 128
  elseif s == "const_129" then return 129
  elseif s == "const_130" then return 130
  elseif s == "const_131" then return 131
  elseif s == "const_132" then return 132
  elseif s == "const_133" then return 133
  elseif s == "const_134" then return 134
  elseif s == "const_135" then return 135
  elseif s == "const_136" then return 136
  elseif s == "const_137" then return 137
  elseif s == "const_138" then return 138
  elseif s == "const_139" then return 139
  elseif s == "const_140" then return 140
  elseif s == "const_141" then return 141
  elseif s == "const_142" then return 142
  elseif s == "const_143" then return 143
  elseif s == "const_144" then return 144
  elseif s == "const_145" then return 145
  elseif s == "const_146" then return 146
  elseif s == "const_147" then return 147
  elseif s == "const_148" then return 148
  elseif s == "const_149" then return 149
  elseif s == "const_150" then return 150
  elseif s == "const_151" then return 151
  elseif s == "const_152" then return 152
  elseif s == "const_153" then return 153
  elseif s == "const_154" then return 154
  elseif s == "const_155" then return 155
  elseif s == "const_156" then return 156
  elseif s == "const_157" then return 157
  elseif s == "const_158" then return 158
  elseif s == "const_159" then return 159
  elseif s == "const_160" then return 160
  elseif s == "const_161" then return 161
  elseif s == "const_162" then return 162
  elseif s == "const_163" then return 163
  elseif s == "const_164" then return 164
  elseif s == "const_165" then return 165
  elseif s == "const_166" then return 166
  elseif s == "const_167" then return 167
  elseif s == "const_168" then return 168
  elseif s == "const_169" then return 169
  elseif s == "const_170" then return 170
  elseif s == "const_171" then return 171
  elseif s == "const_172" then return 172
  elseif s == "const_173" then return 173
  elseif s == "const_174" then return 174
  elseif s == "const_175" then return 175
  elseif s == "const_176" then return 176
  elseif s == "const_177" then return 177
  elseif s == "const_178" then return 178
  elseif s == "const_179" then return 179
  elseif s == "const_180" then return 180
  elseif s == "const_181" then return 181
  elseif s == "const_182" then return 182
  elseif s == "const_183" then return 183
  elseif s == "const_184" then return 184
  elseif s == "const_185" then return 185
  elseif s == "const_186" then return 186
  elseif s == "const_187" then return 187
  elseif s == "const_188" then return 188
  elseif s == "const_189" then return 189
  elseif s == "const_190" then return 190
  elseif s == "const_191" then return 191
  elseif s == "const_192" then return 192
  elseif s == "const_193" then return 193
  elseif s == "const_194" then return 194
  elseif s == "const_195" then return 195
  elseif s == "const_196" then return 196
  elseif s == "const_197" then return 197
  elseif s == "const_198" then return 198
  elseif s == "const_199" then return 199
  elseif s == "const_200" then return 200
  elseif s == "const_201" then return 201
  elseif s == "const_202" then return 202
  elseif s == "const_203" then return 203
  elseif s == "const_204" then return 204
  elseif s == "const_205" then return 205
  elseif s == "const_206" then return 206
  elseif s == "const_207" then return 207
  elseif s == "const_208" then return 208
  elseif s == "const_209" then return 209
  elseif s == "const_210" then return 210
  elseif s == "const_211" then return 211
  elseif s == "const_212" then return 212
  elseif s == "const_213" then return 213
  elseif s == "const_214" then return 214
  elseif s == "const_215" then return 215
  elseif s == "const_216" then return 216
  elseif s == "const_217" then return 217
  elseif s == "const_218" then return 218
  elseif s == "const_219" then return 219
  elseif s == "const_220" then return 220
  elseif s == "const_221" then return 221
  elseif s == "const_222" then return 222
  elseif s == "const_223" then return 223
  elseif s == "const_224" then return 224
  elseif s == "const_225" then return 225
  elseif s == "const_226" then return 226
  elseif s == "const_227" then return 227
  elseif s == "const_228" then return 228
  elseif s == "const_229" then return 229
  elseif s == "const_230" then return 230
  elseif s == "const_231" then return 231
  elseif s == "const_232" then return 232
  elseif s == "const_233" then return 233
  elseif s == "const_234" then return 234
  elseif s == "const_235" then return 235
  elseif s == "const_236" then return 236
  elseif s == "const_237" then return 237
  elseif s == "const_238" then return 238
  elseif s == "const_239" then return 239
  elseif s == "const_240" then return 240
  elseif s == "const_241" then return 241
  elseif s == "const_242" then return 242
  elseif s == "const_243" then return 243
  elseif s == "const_244" then return 244
  elseif s == "const_245" then return 245
  elseif s == "const_246" then return 246
  elseif s == "const_247" then return 247
  elseif s == "const_248" then return 248
  elseif s == "const_249" then return 249
  elseif s == "const_250" then return 250
  elseif s == "const_251" then return 251
  elseif s == "const_252" then return 252
  elseif s == "const_253" then return 253
  elseif s == "const_254" then return 254
  elseif s == "const_255" then return 255
  elseif s == "const_256" then return 256
  elseif s == "const_257" then return 257
  elseif s == "const_258" then return 258
  elseif s == "const_259" then return 259
  elseif s == "const_260" then return 260
  elseif s == "const_261" then return 261
  elseif s == "const_262" then return 262
  elseif s == "const_263" then return 263
  elseif s == "const_264" then return 264
  elseif s == "const_265" then return 265
  elseif s == "const_266" then return 266
  elseif s == "const_267" then return 267
  elseif s == "const_268" then return 268
  elseif s == "const_269" then return 269
  elseif s == "const_270" then return 270
  elseif s == "const_271" then return 271
  elseif s == "const_272" then return 272
  elseif s == "const_273" then return 273
  elseif s == "const_274" then return 274
  elseif s == "const_275" then return 275
  elseif s == "const_276" then return 276
  elseif s == "const_277" then return 277
  elseif s == "const_278" then return 278
  elseif s == "const_279" then return 279
  elseif s == "const_280" then return 280
  elseif s == "const_281" then return 281
  elseif s == "const_282" then return 282
  elseif s == "const_283" then return 283
  elseif s == "const_284" then return 284
  elseif s == "const_285" then return 285
  elseif s == "const_286" then return 286
  elseif s == "const_287" then return 287
  elseif s == "const_288" then return 288
  elseif s == "const_289" then return 289
  elseif s == "const_290" then return 290
  elseif s == "const_291" then return 291
  elseif s == "const_292" then return 292
  elseif s == "const_293" then return 293
  elseif s == "const_294" then return 294
  elseif s == "const_295" then return 295
  elseif s == "const_296" then return 296
  elseif s == "const_297" then return 297
  elseif s == "const_298" then return 298
  elseif s == "const_299" then return 299
  end
  return -1
end
print(g("const_0"), g("const_255"), g("const_256"), g("const_299"), g("nope"))
