-- GET the slot lists given as script arguments (paths such as /v1/consultations/doctors/<id>/slots?from=..&to=..),
-- round-robin, each thread from its own offset, so the server computes slots for many doctors, not one
-- (bench/round-robin.lua).
dofile(os.getenv("BENCH_DIR") .. "/round-robin.lua")
round_robin(function(path) return wrk.format("GET", path) end,
  "bookings-slots.lua: pass the paths as script arguments")
