-- richards: a Richards-style operating-system simulation: task objects of
-- four classes (idle, worker, handler, device) built with metatables and
-- __index inheritance exchange packets through a scheduler; measures
-- method calls, field access and object allocation.
-- arg[1] = rounds (default 5). Prints counters of the simulation.
local rounds = tonumber(arg and arg[1]) or 5

local Packet = {}
Packet.__index = Packet
function Packet.new(link, id, kind)
  return setmetatable({ link = link, id = id, kind = kind, a1 = 0, a2 = {0, 0, 0, 0} }, Packet)
end
function Packet:append(queue)
  self.link = nil
  if queue == nil then return self end
  local p = queue
  while p.link do p = p.link end
  p.link = self
  return queue
end

local Task = {}
Task.__index = Task
function Task.init(self, sched, id, pri, queue)
  self.sched, self.id, self.pri, self.queue = sched, id, pri, queue
  self.held, self.waiting = false, queue ~= nil
  return self
end
function Task:runnable() return not self.held and (not self.waiting or self.queue ~= nil) end
function Task:take()
  local p = self.queue
  if p then
    self.queue = p.link
    self.waiting = false
  end
  return p
end
function Task:receive(p)
  self.queue = p:append(self.queue)
end

local function class(base)
  local c = setmetatable({}, { __index = base })
  c.__index = c
  return c
end

local Idle = class(Task)
function Idle.new(sched, id, count)
  local t = Task.init(setmetatable({}, Idle), sched, id, 0, nil)
  t.control, t.count = 1, count
  return t
end
function Idle:step()
  self.count = self.count - 1
  if self.count == 0 then return self.sched:hold(self) end
  if self.control % 2 == 0 then
    self.control = self.control / 2
    return self.sched:release(5)
  else
    self.control = (self.control - 1) / 2 + 0xD008
    return self.sched:release(6)
  end
end

local Worker = class(Task)
function Worker.new(sched, id, queue)
  local t = Task.init(setmetatable({}, Worker), sched, id, 1000, queue)
  t.dest, t.count = 3, 0
  return t
end
function Worker:step()
  local p = self:take()
  if p == nil then return self.sched:wait(self) end
  if self.dest == 3 then self.dest = 4 else self.dest = 3 end
  p.id = self.dest
  p.a1 = 0
  for i = 1, 4 do
    self.count = self.count + 1
    if self.count > 26 then self.count = 1 end
    p.a2[i] = self.count
  end
  return self.sched:send(p, self.dest)
end

local Handler = class(Task)
function Handler.new(sched, id, queue)
  local t = Task.init(setmetatable({}, Handler), sched, id, 2000 + id, queue)
  t.work, t.dev = nil, nil
  return t
end
function Handler:step()
  local p = self:take()
  if p then
    if p.kind == "work" then self.work = p:append(self.work) else self.dev = p:append(self.dev) end
  end
  if self.work then
    local w = self.work
    local count = w.a1 + 1
    if count > 4 then
      self.work = w.link
      return self.sched:send(w, 2)
    end
    if self.dev then
      local d = self.dev
      self.dev = d.link
      d.a1 = w.a2[count]
      w.a1 = count
      return self.sched:send(d, self.id + 2)
    end
  end
  return self.sched:wait(self)
end

local Device = class(Task)
function Device.new(sched, id)
  local t = Task.init(setmetatable({}, Device), sched, id, 4000 + id, nil)
  t.pending = nil
  return t
end
function Device:step()
  local p = self:take()
  if p == nil then
    if self.pending == nil then return self.sched:wait(self) end
    local v = self.pending
    self.pending = nil
    return self.sched:send(v, self.id - 2)
  end
  self.pending = p
  self.sched.holds = self.sched.holds + 1
  return self.sched:hold(self)
end

local Scheduler = {}
Scheduler.__index = Scheduler
function Scheduler.new()
  return setmetatable({ tasks = {}, order = {}, holds = 0, sends = 0, steps = 0 }, Scheduler)
end
function Scheduler:add(t)
  self.tasks[t.id] = t
  local order = self.order
  order[#order + 1] = t
  table.sort(order, function(a, b) return a.pri > b.pri end)
end
function Scheduler:hold(t) t.held = true return nil end
function Scheduler:wait(t) t.waiting = true return nil end
function Scheduler:release(id)
  local t = self.tasks[id]
  if t then t.held = false end
  return nil
end
function Scheduler:send(p, id)
  local t = self.tasks[id]
  if t == nil then return nil end
  self.sends = self.sends + 1
  t:receive(p)
  t.waiting = false
  return nil
end
function Scheduler:run()
  local order = self.order
  while true do
    local ran = false
    for i = 1, #order do
      local t = order[i]
      if t:runnable() then
        self.steps = self.steps + 1
        t:step()
        ran = true
        break
      end
    end
    if not ran then return end
  end
end

local total_steps, total_sends, total_holds = 0, 0, 0
for r = 1, rounds do
  local s = Scheduler.new()
  s:add(Idle.new(s, 1, 200 + r))
  local wq = Packet.new(nil, 0, "work")
  wq = Packet.new(wq, 0, "work")
  s:add(Worker.new(s, 2, wq))
  local q = Packet.new(nil, 5, "dev")
  q = Packet.new(q, 5, "dev")
  q = Packet.new(q, 5, "dev")
  s:add(Handler.new(s, 3, q))
  q = Packet.new(nil, 6, "dev")
  q = Packet.new(q, 6, "dev")
  q = Packet.new(q, 6, "dev")
  s:add(Handler.new(s, 4, q))
  s:add(Device.new(s, 5))
  s:add(Device.new(s, 6))
  s:run()
  total_steps = total_steps + s.steps
  total_sends = total_sends + s.sends
  total_holds = total_holds + s.holds
end
print(string.format("%d %d %d", total_steps, total_sends, total_holds))
