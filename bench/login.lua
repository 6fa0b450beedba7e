-- POST /v1/auth/login for the demo patient: Argon2id verification dominates.
dofile(os.getenv("BENCH_DIR") .. "/report.lua")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"identifier":"patient@kiorex.test","password":"Patient-Demo-2026"}'
