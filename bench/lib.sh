# Shared by the load runs bench/users.sh, bench/bookings.sh and bench/doctors.sh (sourced, after `set -euo
# pipefail` and `cd` to the repository root): a temp data dir, an optional throwaway PostgreSQL, a free port,
# the server's environment, start/stop of the server, sign-in of bench patients and one wrk run.
#
# bench_setup sets ROOT BIN DB DURATION THREADS CONNS BENCH_DIR BENCH_THREADS DATA PORT BASE DB_LABEL SECTION
# and sql() (one SQL statement against the run's database), and removes everything again on exit.
bench_setup() {
  ROOT=$PWD
  BIN=${KIOREX_BIN:-$ROOT/build/kiorex}
  DB=${DB:-sqlite}
  DURATION=${DURATION:-10}
  THREADS=${THREADS:-2}
  CONNS=${CONNS:-64}
  export BENCH_DIR=$ROOT/bench BENCH_THREADS=$THREADS
  DATA=$(mktemp -d /tmp/kiorex-bench.XXXXXX)
  PGDIR=
  PID=
  trap bench_cleanup EXIT
  PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  BASE=http://127.0.0.1:$PORT
  case $DB in
    sqlite) DB_LABEL="SQLite (WAL)"; SECTION="SQLite"; sql() { sqlite3 "$DATA/kiorex.db" "$1"; } ;;
    postgres)
      PGDIR=$(mktemp -d /tmp/kiorex-bench-pg.XXXXXX)
      export KIOREX_DATABASE_URL
      KIOREX_DATABASE_URL=$(bash "$ROOT/scripts/pg-test.sh" start "$PGDIR") || { echo "could not start PostgreSQL" >&2; exit 1; }
      DB_LABEL="PostgreSQL 15 (throwaway: fsync off, synchronous_commit off)"; SECTION="PostgreSQL"
      sql() { psql -qtAX "$KIOREX_DATABASE_URL" -c "$1"; } ;;
    *) echo "DB must be sqlite or postgres" >&2; exit 2 ;;
  esac
}

# Runs on exit under `set -e`: every step must go on whatever the one before returned (the server's
# exit status after SIGTERM is 143, which used to end the cleanup before PostgreSQL was stopped).
bench_cleanup() {
  if [[ -n $PID ]]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  if [[ -n $PGDIR ]]; then bash "$ROOT/scripts/pg-test.sh" stop "$PGDIR" || true; fi
  rm -rf "$DATA"
}

# bench_env LOG_LEVEL: the server's environment. Rate limits are lifted for the load run (one client address
# makes every request); Argon2id keeps its production cost (libsodium INTERACTIVE: 2 passes, 64 MiB).
bench_env() {
  export KIOREX_DATA_DIR=$DATA KIOREX_PORT=$PORT KIOREX_BIND=127.0.0.1 KIOREX_LOG_LEVEL=$1 KIOREX_LOG_FILE=$DATA/server.log \
    KIOREX_RATE_USER_PER_MIN=100000000 KIOREX_RATE_IP_PER_MIN=100000000 KIOREX_RATE_LOGIN_PER_15MIN=100000000 \
    KIOREX_ARGON2=interactive KIOREX_METRICS_TOKEN=bench-metrics-token-0123456789
}

# bench_serve [TRIES [SLEEP]]: start the server (PID) and wait until /healthz answers (default 100 x 0.1 s).
bench_serve() {
  local tries=${1:-100} pause=${2:-0.1}
  "$BIN" serve >"$DATA/stdout" 2>&1 &
  PID=$!
  for _ in $(seq "$tries"); do curl -sf "$BASE/healthz" >/dev/null && break; sleep "$pause"; done
  curl -sf "$BASE/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$DATA/stdout" >&2; exit 1; }
}

# bench_wait_refresh SLEEP: wait (up to 1200 x SLEEP) for the start-up refresh of every doctor's availability
# (in the background; it logs consultations.availability_refreshed with "full":true at info level).
bench_wait_refresh() {
  for _ in $(seq 1200); do grep -q '"consultations.availability_refreshed".*"full":true' "$DATA/server.log" 2>/dev/null && break; sleep "$1"; done
}

# bench_sign_in TOKENS PATIENTS: TOKEN_LIST = access tokens of TOKENS distinct bench patients spread over the
# whole range, signed in once each (Argon2id: ~0.1 s apiece).
bench_sign_in() {
  local tokens=$1 patients=$2 k i
  TOKEN_LIST=()
  for k in $(seq 0 $((tokens - 1))); do
    i=$((1 + k * patients / tokens))
    TOKEN_LIST+=("$(curl -sf -H 'content-type: application/json' \
      -d "{\"identifier\":\"bench.patient.$i@kiorex.test\",\"password\":\"Bench-Patient-2026\"}" "$BASE/v1/auth/login" |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')")
  done
  echo "signed in $tokens bench patients"
}

# bench_wrk URL SCRIPT CONNS [ARGS...]: one wrk run of DURATION seconds; prints the JSON of its BENCH line.
bench_wrk() {
  local url=$1 script=$2 conns=$3; shift 3
  wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout 5s -s "$BENCH_DIR/$script" "$url" -- "$@" | grep '^BENCH ' | sed 's/^BENCH //'
}

# bench_peak: RSS_KB (the server's peak resident size) and POOL_WAITS (DB pool waits so far).
bench_peak() {
  RSS_KB=$(awk '/VmHWM/ {print $2}' "/proc/$PID/status")
  POOL_WAITS=$(curl -sf -H "Authorization: Bearer $KIOREX_METRICS_TOKEN" "$BASE/metrics" | awk '/^kiorex_db_pool_waits_total/ {print $2}')
}

# bench_row NAME JSON CEILING_JSON CEILING_AGAIN_JSON [EXTRA [per-request]]: one row of the results table. The
# ceiling is the higher of the two /healthz runs (the stricter comparison); /healthz rows leave the percentage
# and EXTRA empty. With EXTRA the row gets one more cell; with "per-request" EXTRA is a count divided by the
# scenario's requests.
bench_row() {
  python3 - "$@" <<'PY'
import json, sys
name, data = sys.argv[1], json.loads(sys.argv[2])
ceiling = max(json.loads(sys.argv[3])["rps"], json.loads(sys.argv[4])["rps"])
health = "GET /healthz" in name
pct = "" if health else f"{100 * data['rps'] / ceiling:.0f}%"
row = (f"| {name} | {data['rps']:.0f} | {pct} | {data['p50_ms']:.2f} | {data['p95_ms']:.2f} | {data['p99_ms']:.2f} | "
       f"{data['errors']} | {data['non2xx']} |")
if len(sys.argv) > 5:
    extra = sys.argv[5]
    if len(sys.argv) > 6 and sys.argv[6] == "per-request":
        extra = f"{int(extra) / max(1, data['requests']):.2f}"
    row += f" {'' if health else extra} |"
print(row)
PY
}
