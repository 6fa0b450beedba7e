#!/usr/bin/env bash
# Availability and booking load run against a Release build on loopback, like bench/users.sh: a server on a
# temp data dir (rate limits lifted) with DOCTORS verified bench doctors with weekly hours and PATIENTS bench
# patients (`kiorex demo-data --doctors --patients`), TOKENS of the patients signed in, then
#   GET /v1/consultations/doctors/{id}/slots?from&to (7 days)   round-robin over SLOT_DOCTORS doctors (public)
#   POST /v1/consultations/bookings                              every request a different free slot of one of
#                                                                BOOK_DOCTORS doctors, tokens round-robin
# beside the bare /healthz ceiling measured in the same run (before and after). Also measured: how soon the
# server answers after start-up, and how long the start-up refresh of every doctor's availability
# (doctor_availability_days, in the background) takes. After the run it checks that no slot was booked twice.
# Writes its section (SQLite or PostgreSQL) of bench/results/<date>-bookings.md.
#
#   DB=postgres       against a throwaway PostgreSQL 15 (scripts/pg-test.sh start/stop); default SQLite (WAL)
#   DOCTORS=20000 PATIENTS=2000 TOKENS=32 SLOT_DOCTORS=500 BOOK_DOCTORS=400 DURATION=10 THREADS=2 CONNS=64
#   BOOK_CONNS=16 (bookings are also run at this lower concurrency)   KIOREX_BIN=build/kiorex
#   OUT=file.md       where the section goes (default bench/results/<date>-bookings.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_setup
BOOK_CONNS=${BOOK_CONNS:-16}
DOCTORS=${DOCTORS:-20000}
PATIENTS=${PATIENTS:-2000}
TOKENS=${TOKENS:-32}
SLOT_DOCTORS=${SLOT_DOCTORS:-500}
BOOK_DOCTORS=${BOOK_DOCTORS:-400}
(( TOKENS >= 1 && TOKENS <= PATIENTS )) || { echo "TOKENS must be 1..PATIENTS" >&2; exit 2; }
(( SLOT_DOCTORS <= DOCTORS && BOOK_DOCTORS <= DOCTORS )) || { echo "SLOT_DOCTORS and BOOK_DOCTORS must be <= DOCTORS" >&2; exit 2; }
# Info level: the start-up availability refresh logs how long it took (no per-request lines below debug).
bench_env info

echo "seeding $DOCTORS bench doctors and $PATIENTS bench patients ($DB_LABEL)"
"$BIN" demo-data --doctors "$DOCTORS" --patients "$PATIENTS" --entries-per-patient 0 | grep -E '^bench (doctors|patients)' | tee "$DATA/seed.out"
DOCTOR_COUNT=$(sql "SELECT COUNT(*) FROM doctors")

T0=$(date +%s.%N)
bench_serve 300 0.05
FIRST_ANSWER_MS=$(python3 -c "import time; print(round((time.time() - $T0) * 1000))")
# While the start-up refresh runs: how long does a slot list take?
SOME_DOCTOR=$(sql "SELECT user_id FROM doctors WHERE status = 'verified' ORDER BY user_id LIMIT 1")
DURING_MS=$(curl -sf -o /dev/null -w '%{time_total}' "$BASE/v1/consultations/doctors/$SOME_DOCTOR/slots" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000, 1))')
bench_wait_refresh 0.25
REFRESH=$(grep '"consultations.availability_refreshed".*"full":true' "$DATA/server.log" | head -n 1)
REFRESH_MS=$(python3 -c 'import json,sys; print(round(json.loads(sys.argv[1])["ms"]))' "$REFRESH")
REFRESHED=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["doctors"])' "$REFRESH")
DAY_ROWS=$(sql "SELECT COUNT(*) FROM doctor_availability_days")
echo "first answer ${FIRST_ANSWER_MS} ms after start; start-up refresh of $REFRESHED doctors: ${REFRESH_MS} ms; a slot list during it: ${DURING_MS} ms"

bench_sign_in "$TOKENS" "$PATIENTS"

# Slot lists: 7 days from tomorrow (UTC dates; the doctors' zones are India, UK and US).
mapfile -t SLOT_DOCS < <(sql "SELECT d.user_id FROM doctors d JOIN users u ON u.id = d.user_id WHERE u.email LIKE 'bench.doctor.%' ORDER BY d.user_id LIMIT $SLOT_DOCTORS")
FROM=$(date -u -d tomorrow +%F)
TO=$(date -u -d '+7 days' +%F)
SLOT_PATHS=()
for id in "${SLOT_DOCS[@]}"; do SLOT_PATHS+=("/v1/consultations/doctors/$id/slots?from=$FROM&to=$TO"); done
SLOTS_PER_LIST=$(curl -sf "$BASE${SLOT_PATHS[0]}" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)["items"]))')

# Bookings: the free slots (28 days) of BOOK_DOCTORS other doctors, shuffled, one request each.
export BENCH_BOOKINGS=$DATA/bookings.txt
sql "SELECT d.user_id FROM doctors d JOIN users u ON u.id = d.user_id WHERE u.email LIKE 'bench.doctor.%' ORDER BY d.user_id DESC LIMIT $BOOK_DOCTORS" >"$DATA/book-doctors.txt"
printf '%s\n' "${TOKEN_LIST[@]}" >"$DATA/tokens.txt"
BOOKABLE=$(python3 - "$BASE" "$DATA/book-doctors.txt" "$DATA/tokens.txt" "$BENCH_BOOKINGS" <<'PY'
import json, random, sys, urllib.request, datetime
base, doctors_file, tokens_file, out = sys.argv[1:5]
doctors = [l.strip() for l in open(doctors_file) if l.strip()]
tokens = [l.strip() for l in open(tokens_file) if l.strip()]
today = datetime.datetime.utcnow().date()
bodies = []
for d in doctors:
    q = f"{base}/v1/consultations/doctors/{d}/slots?from={today + datetime.timedelta(days=1)}&to={today + datetime.timedelta(days=28)}"
    for s in json.load(urllib.request.urlopen(q))["items"]:
        bodies.append(json.dumps({"doctor_id": d, "start": s["start"], "type": s["type"], "location_id": s["location_id"],
                                  "reason": "bench booking"}, separators=(",", ":")))
random.Random(7).shuffle(bodies)
with open(out, "w") as f:
    for i, b in enumerate(bodies):
        f.write(f"{tokens[i % len(tokens)]}\t{b}\n")
print(len(bodies))
PY
)
echo "$BOOKABLE free slots of $BOOK_DOCTORS doctors to book"

declare -A RESULT
run() {  # run NAME PATH SCRIPT CONNS [ARGS...]
  local name=$1 path=$2 script=$3 conns=$4; shift 4
  local line
  line=$(bench_wrk "$BASE$path" "$script" "$conns" "$@")
  RESULT[$name]=$line
  printf '%-44s %s\n' "$name" "$line"
}
BOOKINGS_BEFORE=$(sql "SELECT COUNT(*) FROM bookings")
SCENARIOS=("GET /healthz (ceiling)" "GET /v1/consultations/doctors/{id}/slots (7 days)" "POST /v1/consultations/bookings"
  "POST /v1/consultations/bookings ($BOOK_CONNS connections)" "GET /healthz (ceiling, again)")
echo "Kiorex bookings load run: $(date -u +%FT%TZ), $(nproc) cores, wrk -t$THREADS -c$CONNS -d${DURATION}s, $DB_LABEL"
run "${SCENARIOS[0]}" /healthz healthz.lua "$CONNS"
run "${SCENARIOS[1]}" /healthz bookings-slots.lua "$CONNS" "${SLOT_PATHS[@]}"
run "${SCENARIOS[2]}" /v1/consultations/bookings bookings-create.lua "$CONNS"
# The second booking run starts further down the list, past what the first one tried (its threads may have
# gone unevenly far), so its slots are still free.
export BENCH_BOOKINGS_SKIP=$(( $(sql "SELECT COUNT(*) FROM bookings") - BOOKINGS_BEFORE + 2000 ))
run "${SCENARIOS[3]}" /v1/consultations/bookings bookings-create.lua "$BOOK_CONNS"
unset BENCH_BOOKINGS_SKIP
run "${SCENARIOS[4]}" /healthz healthz.lua "$CONNS"
bench_peak
BOOKED=$(( $(sql "SELECT COUNT(*) FROM bookings") - BOOKINGS_BEFORE ))
DOUBLE=$(sql "SELECT COUNT(*) FROM (SELECT doctor_id, slot_start FROM bookings WHERE status IN ('pending_payment','confirmed','in_progress','completed') GROUP BY doctor_id, slot_start HAVING COUNT(*) > 1) t")
echo "bookings written: $BOOKED; slots booked twice: $DOUBLE; server peak RSS: $((RSS_KB / 1024)) MiB"
(( DOUBLE == 0 )) || { echo "a slot was booked twice" >&2; exit 1; }

OUT=${OUT:-bench/results/$(date -u +%F)-bookings.md}
SECTION_FILE=$DATA/section.md
{
  echo "## $SECTION"
  echo
  echo "Run $(date -u +%FT%TZ) on $(hostname -s): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r); $DB_LABEL."
  echo "wrk -t$THREADS -c$CONNS -d${DURATION}s on loopback (same machine); rate limits lifted; Argon2id INTERACTIVE for sign-in."
  echo "Data: $DOCTOR_COUNT doctors (DOCTORS=$DOCTORS bench doctors + the demo ones, verified, with weekly hours), $PATIENTS bench patients,"
  echo "$TOKENS of them signed in. Slot lists: $SLOT_DOCTORS doctors round-robin, 7 local days ($SLOTS_PER_LIST slots in the first list)."
  echo "Bookings: $BOOKABLE distinct free slots of $BOOK_DOCTORS doctors, one per request, tokens round-robin; $BOOKED booked;"
  echo "slots booked twice afterwards: $DOUBLE. Server peak RSS $((RSS_KB / 1024)) MiB; DB pool waits ${POOL_WAITS:-?}."
  echo
  echo "Start-up: first answer ${FIRST_ANSWER_MS} ms after the process started; the background refresh of every doctor's"
  echo "availability (28 local days, $DAY_ROWS doctor_availability_days rows) took ${REFRESH_MS} ms for $REFRESHED doctors;"
  echo "a slot list answered in ${DURING_MS} ms meanwhile."
  echo
  echo "| scenario | req/s | % of ceiling | p50 ms | p95 ms | p99 ms | errors | non-2xx |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${SCENARIOS[@]}"; do
    bench_row "$name" "${RESULT[$name]}" "${RESULT[${SCENARIOS[0]}]}" "${RESULT[${SCENARIOS[4]}]}"
  done
  echo
  echo "Target (issue): booking p95 < 150 ms. wrk -c$CONNS for every scenario except the second booking run (-c$BOOK_CONNS)."
} >"$SECTION_FILE"
cat "$SECTION_FILE"
# One results file per day with a section per database: replace this database's section, keep the other.
python3 - "$OUT" "$SECTION_FILE" "$SECTION" <<'PY'
import os, re, sys
out, section_file, name = sys.argv[1:4]
section = open(section_file).read().rstrip() + "\n"
head = "# Bookings load runs (bench/bookings.sh)\n\n"
text = open(out).read() if os.path.exists(out) else head
parts = re.split(r"(?m)^(?=## )", text)
intro, sections = parts[0], {p.split("\n", 1)[0][3:].strip(): p.rstrip() + "\n" for p in parts[1:]}
sections[name] = section
order = [s for s in ("SQLite", "PostgreSQL") if s in sections] + [s for s in sections if s not in ("SQLite", "PostgreSQL")]
open(out, "w").write(intro if intro.strip() else head)
with open(out, "a") as f:
    f.write("\n".join(sections[s] for s in order))
PY
echo "written to $OUT"
