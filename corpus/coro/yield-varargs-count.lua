-- yield and resume carry any number of values, including nils
local co = coroutine.create(function(...)
  print("args", select('#', ...))
  print("resumed with", select('#', coroutine.yield()))
  print("resumed with", select('#', coroutine.yield(nil, nil, nil)))
  return
end)
print(select('#', coroutine.resume(co, nil, nil)))
print(select('#', coroutine.resume(co)))
print(select('#', coroutine.resume(co, 1, nil)))
