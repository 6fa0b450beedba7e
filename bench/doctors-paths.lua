-- GET one of many request paths (given as script arguments), round-robin per request, each thread starting at
-- its own offset: a search load made of different queries, not one URL over and over.
-- Requests are built once in init(); request() only picks the next one (bench/round-robin.lua).
dofile(os.getenv("BENCH_DIR") .. "/round-robin.lua")
round_robin(function(path) return wrk.format("GET", path) end,
  "doctors-paths.lua: pass the request paths as script arguments")
