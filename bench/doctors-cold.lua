-- Searches that always miss the search's result cache: each request takes one of the given paths and adds a
-- fee_max no request used before (threads interleave their counters), so the matches, total and facet counts are
-- read from the database every time. The worst case of the search route.
dofile(os.getenv("BENCH_DIR") .. "/round-robin.lua")
local paths, n, nthreads = {}, 0, 1
number_threads()
function init(args)
  for i = 1, #args do paths[#paths + 1] = args[i] end
  if #paths == 0 then error("doctors-cold.lua: pass the request paths as script arguments") end
  nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
end
function request()
  n = n + 1
  local path = paths[(n + id) % #paths + 1]
  return wrk.format("GET", path .. "&fee_max=" .. tostring(5000000 - (n * nthreads + id)))
end
