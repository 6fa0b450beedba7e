#!/usr/bin/env bash
# Doctor search load run (issue 4) against a Release build on loopback, like bench/users.sh: a server on a temp
# data dir (rate limits lifted) holding the demo data plus DOCTORS bench doctors (`kiorex demo-data --doctors`:
# verified, with profiles, clinics, weekly hours and availability), then wrk with many different searches per
# scenario (bench/doctors-paths.lua picks the next path per request):
#   mixed    free text (specialties, aliases, typos, prefixes, conditions, cities, names) + filters + sorts
#   filters  no text: specialty / language / gender / type / fee / rating filters, rating / fee / availability sorts
#   near     near a city centre within a radius, by distance or rating
#   page 2   the second page (cursor) of the mixed searches
#   cold     mixed searches that each carry a fee_max no request used before (bench/doctors-cold.lua): every
#            request is a filter set never seen, so its matches, total and facets are computed afresh (the result
#            cache never helps; the text query's scores and the snapshot of doctors may still come from cache)
# beside the bare /healthz ceiling measured in the same run (before and after). The search caches each filter
# set's matches for 10 s (src/modules/consultations/search_index.hpp), so the first four scenarios are mostly
# cache hits (an in-memory sort and one read of the page's doctors by id; each filter set misses about once per
# scenario, as it would every 10 s in steady use); "cold" is the route without that cache.
# Prints the JSON BENCH lines, the server's peak RSS and the cache hits/misses, and writes the table into
# bench/results/<date>-doctors.md (one section per database, replaced on a new run).
#
#   DB=postgres       against a throwaway PostgreSQL 15 (scripts/pg-test.sh start/stop); default SQLite (WAL)
#   DOCTORS=20000 DURATION=10 THREADS=2 CONNS=64 KIOREX_BIN=build/kiorex
#   OUT=file.md       where the section goes (default bench/results/<date>-doctors.md)
set -euo pipefail
cd "$(dirname "$0")/.."
source bench/lib.sh
bench_setup
DOCTORS=${DOCTORS:-20000}
# Info level (no per-request lines) so the start-up availability refresh can be waited for.
bench_env info

echo "seeding the demo data and $DOCTORS bench doctors ($DB_LABEL)"
"$BIN" demo-data --doctors "$DOCTORS" | grep -E '^  [0-9]+/|^bench doctors' | tee "$DATA/seed.out"
SEED_LINE=$(tail -n 1 "$DATA/seed.out")

bench_serve
# The availability part refreshes every doctor's free days at start-up (in the background); measure after it.
bench_wait_refresh 0.5
grep -q '"consultations.availability_refreshed".*"full":true' "$DATA/server.log" || echo "warning: the start-up availability refresh did not finish" >&2

queries() {
  python3 - "$1" <<'PY'
import sys
from urllib.parse import quote

TEXT = ["dermatologist", "derm", "dermatolgist", "skin specialist", "cardiologist", "cardio", "heart specialist",
        "pediatrician", "child specialist", "gynecologist", "gynaec", "orthopedic", "back pain", "diabetes", "thyroid",
        "acne", "fever", "dentist", "eye specialist", "psychiatrist", "anxiety", "dentist pune", "skin doctor mumbai",
        "kulkarni", "sharma", "physio", "ayurveda", "migraine", "ent", "pediatrcian", "diabetologist", "hair loss"]
FILTERS = ["", "&language=hi", "&language=en&type=video", "&rating_min=4", "&rating>4", "&gender=female",
           "&type=clinic&fee_max=100000&currency=INR", "&fee_min=30000&fee_max=80000&currency=INR", "&language=mr", "&type=video&rating_min=4.5"]
# Fees compare within one currency: a fee filter or sort names it.
SORTS = ["", "&sort=rating:desc", "&sort=fee:asc&currency=INR", "&sort=next_available", "&sort=fee:desc&currency=INR"]
SPECIALTIES = ["general-medicine", "dermatology", "pediatrics", "obstetrics-gynecology", "orthopedics", "dentistry",
               "cardiology", "ent", "ophthalmology", "psychiatry", "gastroenterology", "endocrinology", "physiotherapy"]
LANGUAGES = ["", "&language=hi", "&language=en", "&language=ta", "&language=mr", "&language=bn,te"]
CITIES = [(19.076, 72.8777), (28.6139, 77.209), (12.9716, 77.5946), (18.5204, 73.8567), (13.0827, 80.2707),
          (17.385, 78.4867), (22.5726, 88.3639), (23.0225, 72.5714), (40.7128, -74.006), (51.5074, -0.1278)]


def mixed():
    out = []
    for i, text in enumerate(TEXT):
        for k in range(7):
            f = FILTERS[(i + k) % len(FILTERS)]
            s = SORTS[(i * 3 + k) % len(SORTS)]
            out.append(f"/v1/consultations/doctors?q={quote(text)}{f}{s}")
    return out


def filters():
    out = []
    for i, sp in enumerate(SPECIALTIES):
        for k, lang in enumerate(LANGUAGES):
            f = FILTERS[(i + k) % len(FILTERS)]
            s = SORTS[(i + 2 * k) % len(SORTS)]
            out.append(f"/v1/consultations/doctors?specialty={sp}{lang}{f}{s}")
    out.append("/v1/consultations/doctors?specialty=cardiology&rating>4")
    return out


def near():
    out = []
    for i, (lat, lng) in enumerate(CITIES):
        for k in range(6):
            what = f"q={quote(TEXT[(i + k) % len(TEXT)])}&" if k % 2 == 0 else f"specialty={SPECIALTIES[(i + k) % len(SPECIALTIES)]}&"
            sort = "&sort=distance" if k % 3 != 2 else "&sort=rating:desc"
            radius = [5, 10, 25][k % 3]
            out.append(f"/v1/consultations/doctors?{what}near={lat},{lng}&radius_km={radius}{sort}")
    return out


def cold():
    return [p for p in mixed()[::3] if "fee_max" not in p]


if True:
    for path in {"mixed": mixed, "filters": filters, "near": near, "cold": cold}[sys.argv[1]]():
        print(path)
PY
}
mapfile -t MIXED < <(queries mixed)
mapfile -t FILTERS < <(queries filters)
mapfile -t NEAR < <(queries near)
mapfile -t COLD < <(queries cold)
# The data is what the scenarios expect: every bench doctor is found, and a text search with filters answers.
TOTAL=$(curl -sf "$BASE/v1/consultations/doctors?limit=1" | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])')
(( TOTAL >= DOCTORS )) || { echo "only $TOTAL verified doctors are searchable" >&2; exit 1; }
curl -sf "$BASE${MIXED[2]}" | python3 -c 'import json,sys; r=json.load(sys.stdin); assert r["items"] and r["total"] > 0 and r["facets"]["specialty"], r'
# Second pages: the cursor of each mixed search that has one.
PAGE2=()
for p in "${MIXED[@]}"; do
  c=$(curl -sf "$BASE$p" | python3 -c 'import json,sys,urllib.parse; c=json.load(sys.stdin)["next_cursor"]; print(urllib.parse.quote(c) if c else "")')
  [[ -n $c ]] && PAGE2+=("$p&cursor=$c")
done
echo "$TOTAL verified doctors searchable; ${#MIXED[@]} mixed, ${#FILTERS[@]} filter, ${#NEAR[@]} near, ${#PAGE2[@]} page-2 and ${#COLD[@]} cold searches"

declare -A RESULT HITS MISSES
metric() { curl -sf -H "Authorization: Bearer $KIOREX_METRICS_TOKEN" "$BASE/metrics" | awk -v m="$1" '$1 == m {print int($2)}'; }
run() {  # run NAME SCRIPT CONNS ARGS...
  local name=$1 script=$2 conns=$3; shift 3
  local line h0 m0
  h0=$(metric kiorex_search_cache_hits); m0=$(metric kiorex_search_cache_misses)
  line=$(bench_wrk "$BASE/healthz" "$script" "$conns" "$@")
  RESULT[$name]=$line
  HITS[$name]=$(( $(metric kiorex_search_cache_hits) - h0 ))
  MISSES[$name]=$(( $(metric kiorex_search_cache_misses) - m0 ))
  printf '%-48s %s (cache %s hits, %s misses)\n' "$name" "$line" "${HITS[$name]}" "${MISSES[$name]}"
}

SCENARIOS=("GET /healthz (ceiling)" "search: text + filters + sort (mixed)" "search: filters + sort, no text"
  "search: near + radius, by distance" "search: page 2 (cursor) of mixed" "search: cold (a new filter set every request)"
  "GET /healthz (ceiling, again)")
LOAD_BEFORE=$(cut -d' ' -f1 /proc/loadavg)
echo "Kiorex doctor search load run: $(date -u +%FT%TZ), $(nproc) cores, wrk -t$THREADS -c$CONNS -d${DURATION}s, $DB_LABEL"
run "${SCENARIOS[0]}" healthz.lua "$CONNS"
run "${SCENARIOS[1]}" doctors-paths.lua "$CONNS" "${MIXED[@]}"
run "${SCENARIOS[2]}" doctors-paths.lua "$CONNS" "${FILTERS[@]}"
run "${SCENARIOS[3]}" doctors-paths.lua "$CONNS" "${NEAR[@]}"
run "${SCENARIOS[4]}" doctors-paths.lua "$CONNS" "${PAGE2[@]}"
run "${SCENARIOS[5]}" doctors-cold.lua "$CONNS" "${COLD[@]}"
run "${SCENARIOS[6]}" healthz.lua "$CONNS"
LOAD_AFTER=$(cut -d' ' -f1 /proc/loadavg)
bench_peak
POOL_WAITS=$(metric kiorex_db_pool_waits_total)
echo "server peak RSS: $((RSS_KB / 1024)) MiB"

OUT=${OUT:-bench/results/$(date -u +%F)-doctors.md}
SECTION=$(mktemp)
{
  echo "## $DB_LABEL"
  echo
  echo "Run $(date -u +%FT%TZ) on $(hostname -s): $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -r). wrk -t$THREADS -c$CONNS -d${DURATION}s on loopback"
  echo "(same machine). $TOTAL verified doctors (the demo data's 241 + $DOCTORS bench doctors). Rate limits lifted."
  echo "Server peak RSS $((RSS_KB / 1024)) MiB; DB pool waits ${POOL_WAITS:-?}. 1-minute load average $LOAD_BEFORE before, $LOAD_AFTER"
  echo "after (the machine's other work runs beside the load run). Seeding: $SEED_LINE"
  echo
  echo "| scenario | req/s | % of ceiling | p50 ms | p95 ms | p99 ms | errors | non-2xx | cache hits / misses |"
  echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
  for name in "${SCENARIOS[@]}"; do
    bench_row "$name" "${RESULT[$name]}" "${RESULT[${SCENARIOS[0]}]}" "${RESULT[${SCENARIOS[6]}]}" "${HITS[$name]} / ${MISSES[$name]}"
  done
  echo
  echo "Target (issue 4): search >= 2,000 req/s with p95 < 50 ms at 20,000 doctors."
  echo
} >"$SECTION"
cat "$SECTION"
python3 - "$OUT" "$SECTION" "$DB_LABEL" <<'PY'
import os, sys
out, section, label = sys.argv[1], open(sys.argv[2]).read(), sys.argv[3]
head = ("# Doctor search load runs\n\n"
        "bench/doctors.sh (DB=sqlite | DB=postgres); one section per database, the latest run of each.\n\n"
        "How search answers (src/modules/consultations/search.cpp): the database finds what needs an index (FTS5 or\n"
        "PostgreSQL full text for `q`, doctor_locations for `near`, doctor_availability_days for `available_on`);\n"
        "the other filters and both facets are evaluated in memory over a snapshot of the verified doctors' columns;\n"
        "a filter set's matches are cached for 10 s and each page reads its doctors live by id. The first four\n"
        "scenarios therefore measure mostly cache hits (each filter set misses once per run, as it would every 10 s);\n"
        "\"cold\" makes every request a filter set never seen before.\n")
text = open(out).read() if os.path.exists(out) else head
parts = text.split("\n## ")
kept = [head] + ["## " + p.rstrip("\n") + "\n" for p in parts[1:] if not p.startswith(label)]
open(out, "w").write("\n".join(kept + [section]).rstrip("\n") + "\n")
PY
rm -f "$SECTION"
echo "written to $OUT"
