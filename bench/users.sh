#!/usr/bin/env bash
# User service load run against a Release build on loopback, like bench/run.sh: a server on a temp
# data dir (rate limits lifted), PATIENTS bench patients with ENTRIES medical history entries each
# (`kiorex demo-data --patients`), TOKENS of them signed in (one access token each), then
#   GET /v1/users/me                         profile: access check + audit append + account + sealed profile
#   GET /v1/users/me/medical-history?limit=20   the same + 20 sealed entries opened
# with wrk picking a token per request round-robin (bench/users-tokens.lua), beside the bare /healthz
# ceiling measured in the same run (before and after). Every PHI read appends an audit record, so the
# write path is in every read. Prints the same JSON BENCH lines, the server's peak RSS, and writes
# bench/results/<date>-<host>-users[-postgres].md.
#
#   DB=postgres       against a throwaway PostgreSQL 15 (scripts/pg-test.sh start/stop); default SQLite (WAL)
#   PATIENTS=10000 ENTRIES=20 TOKENS=64 DURATION=10 THREADS=2 CONNS=64 KIOREX_BIN=build/kiorex
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BIN=${KIOREX_BIN:-$ROOT/build/kiorex}
DB=${DB:-sqlite}
DURATION=${DURATION:-10}
THREADS=${THREADS:-2}
CONNS=${CONNS:-64}
PATIENTS=${PATIENTS:-10000}
ENTRIES=${ENTRIES:-20}
TOKENS=${TOKENS:-64}
(( TOKENS >= 1 && TOKENS <= PATIENTS )) || { echo "TOKENS must be 1..PATIENTS" >&2; exit 2; }
export BENCH_DIR=$ROOT/bench BENCH_THREADS=$THREADS
DATA=$(mktemp -d /tmp/kiorex-bench.XXXXXX)
PGDIR=
PID=
cleanup() {
  [[ -n $PID ]] && { kill "$PID" 2>/dev/null; wait "$PID" 2>/dev/null; }
  [[ -n $PGDIR ]] && bash "$ROOT/scripts/pg-test.sh" stop "$PGDIR"
  rm -rf "$DATA"
}
trap cleanup EXIT
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE=http://127.0.0.1:$PORT
case $DB in
  sqlite) DB_LABEL="SQLite (WAL)"; sql() { sqlite3 "$DATA/kiorex.db" "$1"; } ;;
  postgres)
    PGDIR=$(mktemp -d /tmp/kiorex-bench-pg.XXXXXX)
    export KIOREX_DATABASE_URL
    KIOREX_DATABASE_URL=$(bash "$ROOT/scripts/pg-test.sh" start "$PGDIR") || { echo "could not start PostgreSQL" >&2; exit 1; }
    DB_LABEL="PostgreSQL 15 (throwaway: fsync off, synchronous_commit off)"
    sql() { psql -qtAX "$KIOREX_DATABASE_URL" -c "$1"; } ;;
  *) echo "DB must be sqlite or postgres" >&2; exit 2 ;;
esac
# Rate limits are lifted for the load run (one client address makes every request); Argon2id keeps
# its production cost (libsodium INTERACTIVE: 2 passes, 64 MiB), for sign-in and for the one hash of
# the bench password that every bench account shares.
export KIOREX_DATA_DIR=$DATA KIOREX_PORT=$PORT KIOREX_BIND=127.0.0.1 KIOREX_LOG_LEVEL=warn KIOREX_LOG_FILE=$DATA/server.log \
  KIOREX_RATE_USER_PER_MIN=100000000 KIOREX_RATE_IP_PER_MIN=100000000 KIOREX_RATE_LOGIN_PER_15MIN=100000000 \
  KIOREX_ARGON2=interactive

echo "seeding $PATIENTS bench patients x $ENTRIES medical history entries ($DB_LABEL)"
"$BIN" demo-data --patients "$PATIENTS" --entries-per-patient "$ENTRIES" | grep -E '^  [0-9]+/|^bench patients' | tee "$DATA/seed.out"
SEED_LINE=$(tail -n 1 "$DATA/seed.out")

"$BIN" serve >"$DATA/stdout" 2>&1 &
PID=$!
for _ in $(seq 100); do curl -sf "$BASE/healthz" >/dev/null && break; sleep 0.1; done
curl -sf "$BASE/healthz" >/dev/null || { echo "server did not start:" >&2; cat "$DATA/stdout" >&2; exit 1; }

# TOKENS distinct bench patients spread over the whole range, signed in once each (Argon2id: ~0.1 s apiece).
TOKEN_LIST=()
for k in $(seq 0 $((TOKENS - 1))); do
  i=$((1 + k * PATIENTS / TOKENS))
  TOKEN_LIST+=("$(curl -sf -H 'content-type: application/json' \
    -d "{\"identifier\":\"bench.patient.$i@kiorex.test\",\"password\":\"Bench-Patient-2026\"}" "$BASE/v1/auth/login" |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])')")
done
echo "signed in $TOKENS bench patients"

# The data is what the routes expect: the profile decrypts, a page holds 20 decrypted entries.
curl -sf -H "Authorization: Bearer ${TOKEN_LIST[0]}" "$BASE/v1/users/me" |
  python3 -c 'import json,sys; p=json.load(sys.stdin); assert p["email"].startswith("bench.patient.") and p["blood_group"], p'
curl -sf -H "Authorization: Bearer ${TOKEN_LIST[0]}" "$BASE/v1/users/me/medical-history?limit=20" |
  python3 -c "import json,sys; h=json.load(sys.stdin); n=min(20, $ENTRIES); assert len(h['items'])==n and all(e['title'] for e in h['items']), h"

declare -A RESULT AUDIT
audit_rows() { sql "SELECT COUNT(*) FROM audit_log"; }
run() {  # run NAME PATH SCRIPT CONNS [ARGS...]
  local name=$1 path=$2 script=$3 conns=$4; shift 4
  local line before after
  before=$(audit_rows)
  line=$(wrk -t"$THREADS" -c"$conns" -d"${DURATION}s" --timeout 5s -s "$BENCH_DIR/$script" "$BASE$path" -- "$@" | grep '^BENCH ' | sed 's/^BENCH //')
  after=$(audit_rows)
  RESULT[$name]=$line
  AUDIT[$name]=$((after - before))
  printf '%-44s %s\n' "$name" "$line"
}

SCENARIOS=("GET /healthz (ceiling)" "GET /v1/users/me" "GET /v1/users/me/medical-history?limit=20" "GET /healthz (ceiling, again)")
echo "Kiorex users load run: $(date -u +%FT%TZ), $(nproc) cores, wrk -t$THREADS -c$CONNS -d${DURATION}s, $DB_LABEL"
run "${SCENARIOS[0]}" /healthz healthz.lua "$CONNS"
run "${SCENARIOS[1]}" /v1/users/me users-tokens.lua "$CONNS" "${TOKEN_LIST[@]}"
run "${SCENARIOS[2]}" "/v1/users/me/medical-history?limit=20" users-tokens.lua "$CONNS" "${TOKEN_LIST[@]}"
run "${SCENARIOS[3]}" /healthz healthz.lua "$CONNS"
RSS_KB=$(awk '/VmHWM/ {print $2}' /proc/$PID/status)
POOL_WAITS=$(curl -sf "$BASE/metrics" | awk '/^kiorex_db_pool_waits_total/ {print $2}')
echo "server peak RSS: $((RSS_KB / 1024)) MiB"

SUFFIX=users; [[ $DB == postgres ]] && SUFFIX=users-postgres
OUT=bench/results/$(date -u +%F)-$(hostname -s)-$SUFFIX.md
{
  echo "# Users load run $(date -u +%FT%TZ) on $(hostname -s) ($DB_LABEL)"
  echo
  echo "Machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r). wrk -t$THREADS -c$CONNS -d${DURATION}s on loopback (same machine);"
  echo "$PATIENTS bench patients x $ENTRIES medical history entries; requests spread round-robin over $TOKENS signed-in patients"
  echo "(bench/users-tokens.lua); rate limits lifted. Server peak RSS $((RSS_KB / 1024)) MiB; DB pool waits ${POOL_WAITS:-?}."
  echo "Seeding: $SEED_LINE"
  echo
  echo "| scenario | req/s | % of ceiling | p50 ms | p95 ms | p99 ms | errors | non-2xx | audit rows/req |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${SCENARIOS[@]}"; do
    python3 - "$name" "${RESULT[$name]}" "${RESULT[${SCENARIOS[0]}]}" "${RESULT[${SCENARIOS[3]}]}" "${AUDIT[$name]}" <<'PY'
import json, sys
name, data = sys.argv[1], json.loads(sys.argv[2])
# The ceiling: the higher of the two /healthz runs (the stricter comparison).
ceiling = max(json.loads(sys.argv[3])["rps"], json.loads(sys.argv[4])["rps"])
pct = "" if name.startswith("GET /healthz") else f"{100 * data['rps'] / ceiling:.0f}%"
per = "" if name.startswith("GET /healthz") else f"{int(sys.argv[5]) / max(1, data['requests']):.2f}"
print(f"| {name} | {data['rps']:.0f} | {pct} | {data['p50_ms']:.2f} | {data['p95_ms']:.2f} | {data['p99_ms']:.2f} | "
      f"{data['errors']} | {data['non2xx']} | {per} |")
PY
  done
  echo
  echo "Targets (issue): reads p95 < 50 ms and >= 30% of the /healthz ceiling."
} | tee "$OUT"
echo "written to $OUT"
