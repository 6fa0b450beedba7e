-- GET /v1/auth/me with a bearer token (BENCH_TOKEN): token verification + one primary-key read.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.headers["Authorization"] = "Bearer " .. os.getenv("BENCH_TOKEN")
