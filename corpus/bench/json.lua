-- json: encodes nested Lua tables (objects with sorted keys, arrays,
-- strings with escapes, numbers, booleans) to JSON text and decodes it
-- back with a hand-written recursive-descent parser; string scanning,
-- table building and recursion.
-- arg[1] = documents (default 10). Prints the total text length and a
-- checksum of the decoded values.
local n = tonumber(arg and arg[1]) or 10
local concat, format, byte, sub, find = table.concat, string.format, string.byte, string.sub, string.find

local encode
local function encode_string(s, out)
  out[#out + 1] = '"' .. string.gsub(s, '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" elseif c == "\n" then return "\\n" end
    return format("\\u%04x", byte(c))
  end) .. '"'
end
function encode(v, out)
  local t = type(v)
  if t == "table" then
    if #v > 0 then
      out[#out + 1] = "["
      for i = 1, #v do
        if i > 1 then out[#out + 1] = "," end
        encode(v[i], out)
      end
      out[#out + 1] = "]"
    else
      local keys = {}
      for k in pairs(v) do keys[#keys + 1] = k end
      table.sort(keys)
      out[#out + 1] = "{"
      for i = 1, #keys do
        if i > 1 then out[#out + 1] = "," end
        encode_string(keys[i], out)
        out[#out + 1] = ":"
        encode(v[keys[i]], out)
      end
      out[#out + 1] = "}"
    end
  elseif t == "string" then
    encode_string(v, out)
  elseif t == "number" then
    out[#out + 1] = format("%d", v)
  else
    out[#out + 1] = tostring(v)
  end
end

local decode_value
local function skip(s, i)
  local _, e = find(s, "^[ \n\t]*", i)
  return e + 1
end
local function decode_string(s, i)
  local parts = {}
  i = i + 1
  while true do
    local c = sub(s, i, i)
    if c == '"' then return concat(parts), i + 1 end
    if c == "\\" then
      local d = sub(s, i + 1, i + 1)
      if d == "n" then parts[#parts + 1] = "\n"; i = i + 2
      elseif d == "u" then parts[#parts + 1] = string.char(tonumber(sub(s, i + 2, i + 5), 16)); i = i + 6
      else parts[#parts + 1] = d; i = i + 2 end
    else
      local j = find(s, '["\\]', i)
      parts[#parts + 1] = sub(s, i, j - 1)
      i = j
    end
  end
end
function decode_value(s, i)
  i = skip(s, i)
  local c = sub(s, i, i)
  if c == "{" then
    local obj = {}
    i = skip(s, i + 1)
    if sub(s, i, i) == "}" then return obj, i + 1 end
    while true do
      local k
      k, i = decode_string(s, skip(s, i))
      i = skip(s, i) + 1 -- the ':'
      obj[k], i = decode_value(s, i)
      i = skip(s, i)
      local d = sub(s, i, i)
      i = i + 1
      if d == "}" then return obj, i end
    end
  elseif c == "[" then
    local arr = {}
    i = skip(s, i + 1)
    if sub(s, i, i) == "]" then return arr, i + 1 end
    while true do
      arr[#arr + 1], i = decode_value(s, i)
      i = skip(s, i)
      local d = sub(s, i, i)
      i = i + 1
      if d == "]" then return arr, i end
    end
  elseif c == '"' then
    return decode_string(s, i)
  elseif c == "t" then
    return true, i + 4
  elseif c == "f" then
    return false, i + 5
  else
    local _, e = find(s, "^-?%d+", i)
    return tonumber(sub(s, i, e)), e + 1
  end
end

local function make_doc(k)
  local items = {}
  for i = 1, 12 do
    items[i] = {
      id = k * 100 + i,
      name = "item \"" .. i .. "\"\n\tline",
      tags = { "a" .. i, "b" .. (i * k % 7), "c" },
      flags = { on = (i % 2 == 0), deep = { level = i % 3, list = { i, i + 1, i + 2 } } },
    }
  end
  return { doc = k, title = "document " .. k, items = items, empty = {} }
end

local function checksum(v)
  local t = type(v)
  if t == "table" then
    local keys = {}
    for key in pairs(v) do keys[#keys + 1] = tostring(key) end
    table.sort(keys)
    local s = #keys
    for i = 1, #keys do
      local key = keys[i]
      local val = v[key]
      if val == nil then val = v[tonumber(key)] end
      s = (s * 31 + #key + checksum(val)) % 1000000007
    end
    return s
  elseif t == "string" then
    local s = 0
    for i = 1, #v do s = (s * 7 + byte(v, i)) % 1000003 end
    return s
  elseif t == "number" then
    return v % 1000003
  elseif v == true then
    return 1
  end
  return 2
end

local total_len, sum = 0, 0
for k = 1, n do
  local out = {}
  encode(make_doc(k), out)
  local text = concat(out)
  total_len = total_len + #text
  local back = decode_value(text, 1)
  local out2 = {}
  encode(back, out2)
  if concat(out2) ~= text then error("round trip differs for document " .. k) end
  sum = (sum + checksum(back)) % 1000000007
end
print(string.format("%d %d", total_len, sum))
