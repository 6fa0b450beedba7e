-- GET <the URL's path> with a bearer token picked round-robin per request from the access tokens
-- given as script arguments (one per bench patient), so the server's data-key cache, token cache and
-- audit trail see many people, not one. Each thread starts at its own offset in the list.
-- Requests are built once in init(); request() only picks the next one.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local threads, reqs, n = 0, {}, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  for i = 1, #args do
    reqs[#reqs + 1] = wrk.format(nil, nil, {["Authorization"] = "Bearer " .. args[i]})
  end
  if #reqs == 0 then error("users-tokens.lua: pass the access tokens as script arguments") end
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  n = math.floor(id * #reqs / nthreads)
end
function request()
  n = n % #reqs + 1
  return reqs[n]
end
