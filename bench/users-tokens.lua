-- GET <the URL's path> with a bearer token picked round-robin per request from the access tokens
-- given as script arguments (one per bench patient), so the server's data-key cache, token cache and
-- audit trail see many people, not one. Each thread starts at its own offset in the list.
-- Requests are built once in init(); request() only picks the next one (bench/round-robin.lua).
dofile(os.getenv("BENCH_DIR") .. "/round-robin.lua")
round_robin(function(token) return wrk.format(nil, nil, {["Authorization"] = "Bearer " .. token}) end,
  "users-tokens.lua: pass the access tokens as script arguments")
