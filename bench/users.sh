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
#   OUT=file.md       where the table goes (default bench/results/<date>-<host>-users[-postgres].md)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_setup
PATIENTS=${PATIENTS:-10000}
ENTRIES=${ENTRIES:-20}
TOKENS=${TOKENS:-64}
(( TOKENS >= 1 && TOKENS <= PATIENTS )) || { echo "TOKENS must be 1..PATIENTS" >&2; exit 2; }
bench_env warn

echo "seeding $PATIENTS bench patients x $ENTRIES medical history entries ($DB_LABEL)"
"$BIN" demo-data --patients "$PATIENTS" --entries-per-patient "$ENTRIES" | grep -E '^  [0-9]+/|^bench patients' | tee "$DATA/seed.out"
SEED_LINE=$(tail -n 1 "$DATA/seed.out")

bench_serve
bench_sign_in "$TOKENS" "$PATIENTS"

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
  line=$(bench_wrk "$BASE$path" "$script" "$conns" "$@")
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
bench_peak
echo "server peak RSS: $((RSS_KB / 1024)) MiB"

SUFFIX=users; [[ $DB == postgres ]] && SUFFIX=users-postgres
OUT=${OUT:-bench/results/$(date -u +%F)-$(hostname -s)-$SUFFIX.md}
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
    bench_row "$name" "${RESULT[$name]}" "${RESULT[${SCENARIOS[0]}]}" "${RESULT[${SCENARIOS[3]}]}" "${AUDIT[$name]}" per-request
  done
  echo
  echo "Targets (issue): reads p95 < 50 ms and >= 30% of the /healthz ceiling."
} | tee "$OUT"
echo "written to $OUT"
