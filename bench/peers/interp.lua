-- The interp workloads of bench/workloads/interp_*.dz in Lua 5.4 (locals inside a function,
-- Lua's usual form), when lua5.4 is installed. Usage: lua5.4 interp.lua WORKLOAD (a-d)
local clock = os.clock  -- CPU seconds; the workloads are single-threaded and CPU-bound

local function a(n)
  local s = 0
  local t0 = clock()
  for i = 0, n - 1 do s = s + 1 end
  return t0, clock(), s
end

local function b(n)
  local i = 0
  local t0 = clock()
  while i < n do i = i + 1 end
  return t0, clock(), i
end

local function c(n)
  local function f(x) return x * 2 + 1 end
  local s = 0
  local t0 = clock()
  for i = 0, n - 1 do s = f(i) end
  return t0, clock(), s
end

local function d(n)
  local fib
  fib = function(k) if k < 2 then return k end return fib(k - 1) + fib(k - 2) end
  local t0 = clock()
  local r = fib(25)
  return t0, clock(), r
end

local workloads = { a = { a, 300000 }, b = { b, 300000 }, c = { c, 200000 }, d = { d, 242785 } }
local w = workloads[arg[1]]
local t0, t1, check = w[1](w[2])
print("check " .. check)
print("iters " .. w[2])
print(string.format("per_iter %.17g", (t1 - t0) / w[2]))
