-- POST /v1/auth/refresh: each response's new refresh token goes back into the thread's pool, so
-- no token is ever presented twice (that would end the session as a reuse).
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
local pool = {}
function init(args)
  for i = 1, #args do pool[#pool + 1] = args[i] end
end
function request()
  local token = table.remove(pool)
  if token == nil then return wrk.format("GET", "/healthz") end
  return wrk.format("POST", "/v1/auth/refresh", {["Content-Type"] = "application/json"},
    '{"refresh_token":"' .. token .. '"}')
end
function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if token then pool[#pool + 1] = token end
end
