-- POST /v1/auth/refresh: every thread owns its share of the refresh tokens; each response's new token
-- goes back into that thread's pool, so no token is ever presented twice (that would end the session).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local threads, pool, fallbacks = 0, {}, 0
function setup(thread)
  thread:set("id", threads)
  threads = threads + 1
end
function init(args)
  local nthreads = tonumber(os.getenv("BENCH_THREADS") or "1")
  for i = 1, #args do
    if (i - 1) % nthreads == id then pool[#pool + 1] = args[i] end
  end
end
function request()
  local token = table.remove(pool)
  if token == nil then
    -- Only if tokens were lost to errors; counted as non-2xx by making the request invalid.
    return wrk.format("POST", "/v1/auth/refresh", {["Content-Type"] = "application/json"}, '{"refresh_token":"empty-pool"}')
  end
  return wrk.format("POST", "/v1/auth/refresh", {["Content-Type"] = "application/json"},
    '{"refresh_token":"' .. token .. '"}')
end
function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if token then pool[#pool + 1] = token end
end
