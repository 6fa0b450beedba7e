#!/usr/bin/env bash
# Load runs against a Release build on loopback. Prints req/s and p50/p95/p99 per scenario beside
# the bare /healthz ceiling measured in the same run, plus the server's peak RSS, and writes them to
# bench/results/<date>-<host>.md. Bounded: each scenario runs DURATION seconds.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${KIOREX_BIN:-$ROOT/build/kiorex}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
export BENCH_DIR=$ROOT/bench BENCH_THREADS=$THREADS
DATA=$(mktemp -d /tmp/kiorex-bench.XXXXXX)
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
# Rate limits are lifted for the load run (one client address and one account make every request);
# Argon2id keeps its production cost (libsodium INTERACTIVE: 2 passes, 64 MiB).
export KIOREX_DATA_DIR=$DATA KIOREX_PORT=$PORT KIOREX_BIND=127.0.0.1 KIOREX_LOG_LEVEL=warn KIOREX_LOG_FILE=$DATA/server.log \
  KIOREX_RATE_USER_PER_MIN=100000000 KIOREX_RATE_IP_PER_MIN=100000000 KIOREX_RATE_LOGIN_PER_15MIN=100000000 \
  KIOREX_ARGON2=interactive
"$BIN" demo-data >/dev/null
"$BIN" serve >"$DATA/stdout" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null; wait $PID 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done

login() { curl -sf -H 'content-type: application/json' -d '{"identifier":"patient@kiorex.test","password":"Patient-Demo-2026"}' "$BASE/v1/auth/login"; }
export BENCH_TOKEN=$(login | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')
REFRESH_TOKENS=()
# Twice as many tokens as connections: wrk may ask for a request before the previous answer is in.
for _ in $(seq $((2 * CONNS))); do REFRESH_TOKENS+=("$(login | python3 -c 'import json,sys; print(json.load(sys.stdin)["refresh_token"])')"); done

declare -A RESULT
run() {  # run NAME PATH SCRIPT [CONNS] [ARGS...]
  local name=$1 path=$2 script=$3 conns=${4:-$CONNS}; shift 4 || shift $#
  local line
  line=$(wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout 5s -s "$BENCH_DIR/$script" "$BASE$path" -- "$@" | grep '^BENCH ' | sed 's/^BENCH //')
  RESULT[$name]=$line
  printf '%-34s %s\n' "$name" "$line"
}

echo "Kiorex load run: $(date -u +%FT%TZ), $(nproc) cores, wrk -t$THREADS -c$CONNS -d${DURATION}s, SQLite"
run "GET /healthz (ceiling)" /healthz healthz.lua "$CONNS"
run "GET /v1/auth/me" /v1/auth/me me.lua "$CONNS"
run "POST /v1/auth/refresh" /v1/auth/refresh refresh.lua "$CONNS" "${REFRESH_TOKENS[@]}"
run "POST /v1/auth/login (Argon2id)" /v1/auth/login login.lua 4
run "GET /healthz (ceiling, again)" /healthz healthz.lua "$CONNS"
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
echo "server peak RSS: $((RSS_KB / 1024)) MiB"

OUT=bench/results/$(date -u +%F)-$(hostname -s).md
{
  echo "# Load run $(date -u +%FT%TZ) on $(hostname -s)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r). wrk -t$THREADS -c$CONNS -d${DURATION}s on loopback; SQLite (WAL);"
  echo "Argon2id libsodium INTERACTIVE (opslimit 2, 64 MiB); rate limits lifted for the run. Server peak RSS $((RSS_KB / 1024)) MiB."
  echo
  echo "| scenario | req/s | p50 ms | p95 ms | p99 ms | errors | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|"
  for name in "GET /healthz (ceiling)" "GET /v1/auth/me" "POST /v1/auth/refresh" "POST /v1/auth/login (Argon2id)" "GET /healthz (ceiling, again)"; do
    python3 - "$name" "${RESULT[$name]}" <<'PY'
import json, sys
name, data = sys.argv[1], json.loads(sys.argv[2])
print(f"| {name} | {data['rps']:.0f} | {data['p50_ms']:.2f} | {data['p95_ms']:.2f} | {data['p99_ms']:.2f} | {data['errors']} | {data['non2xx']} |")
PY
  done
} | tee "$OUT"
echo "written to $OUT"
