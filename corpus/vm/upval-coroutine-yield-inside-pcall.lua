-- deviation: yield inside pcall works (LuaJIT); a coroutine yields from inside nested pcalls while updating shared upvalues
local state = 0
local log = {}
local co = coroutine.create(function(a)
  local ok, err = pcall(function()
    state = state + a
    local b = coroutine.yield(state)
    local ok2, v = pcall(function()
      state = state * b
      local c = coroutine.yield(state)
      if c == "fail" then error("inner " .. state, 0) end
      return c
    end)
    log[#log + 1] = tostring(ok2) .. ":" .. tostring(v)
    state = state + 10
    coroutine.yield(state)
    error({code = state})
  end)
  return ok, type(err), err.code, state
end)
print(coroutine.resume(co, 5))
print(coroutine.resume(co, 3))
print(coroutine.resume(co, "fail"))
print(coroutine.resume(co))
print(coroutine.resume(co))
print(state, table.concat(log, ","))
