#!/usr/bin/env bash
# Runs every test suite and ends with one line "N passed, N failed":
#   1. unit tests (GoogleTest through ctest)
#   2. black-box API tests against the real binary on SQLite, then on a throwaway PostgreSQL
#   3. OpenAPI lint (spectral)
#   4. browser tests (Playwright with Debian's Chromium) against a served demo instance
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
BUILD=${BUILD_DIR:-build}
RESULTS=$ROOT/test-results
mkdir -p "$RESULTS"
passed=0 failed=0 skipped=0

tally_node() {  # tally_node NAME TAPFILE
  local p f
  p=$(grep -E '^# pass ' "$2" | tail -1 | awk '{print $3}')
  f=$(grep -E '^# fail ' "$2" | tail -1 | awk '{print $3}')
  s=$(grep -E '^# skipped ' "$2" | tail -1 | awk '{print $3}')
  c=$(grep -E '^# cancelled ' "$2" | tail -1 | awk '{print $3}')
  p=${p:-0}; f=$(( ${f:-1} + ${c:-0} )); s=${s:-0}  # a cancelled (timed-out) test is a failure
  echo "== $1: $p passed, $f failed, $s skipped"
  passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
}

PGDIR=$(mktemp -d /tmp/kiorex-pg.XXXXXX)
cleanup() { bash scripts/pg-test.sh stop "$PGDIR"; [[ -n ${E2E_PID:-} ]] && kill "$E2E_PID" 2>/dev/null; rm -rf "${E2E_DATA:-/nonexistent}"; }
trap cleanup EXIT
export KIOREX_TEST_PG_URL
KIOREX_TEST_PG_URL=$(bash scripts/pg-test.sh start "$PGDIR") || { echo "could not start PostgreSQL"; exit 1; }
echo "PostgreSQL for tests: $KIOREX_TEST_PG_URL"

echo "== unit tests"
(cd "$BUILD" && ctest -j 2 --output-on-failure) | tee "$RESULTS/unit.log"
u_total=$(grep -Eo 'tests passed, [0-9]+ tests failed out of [0-9]+' "$RESULTS/unit.log" | awk '{print $8}')
u_failed=$(grep -Eo 'tests passed, [0-9]+ tests failed out of [0-9]+' "$RESULTS/unit.log" | awk '{print $3}')
if [[ -z $u_total ]]; then u_total=1; u_failed=1; fi
u_skipped=$(grep -c '(Skipped)$' "$RESULTS/unit.log" || true)
passed=$((passed + u_total - u_failed - u_skipped)); failed=$((failed + u_failed)); skipped=$((skipped + u_skipped))
echo "== unit: $((u_total - u_failed - u_skipped)) passed, $u_failed failed, $u_skipped skipped"

for db in sqlite postgres; do
  echo "== API tests on $db"
  KIOREX_TEST_DB=$db node --test --test-concurrency=3 --test-timeout=120000 \
    --test-reporter=spec --test-reporter-destination=stdout \
    --test-reporter=tap --test-reporter-destination="$RESULTS/api-$db.tap" tests/api/*.test.mjs
  tally_node "API ($db)" "$RESULTS/api-$db.tap"
done

echo "== browser tests"
E2E_DATA=$(mktemp -d /tmp/kiorex-e2e.XXXXXX)
export KIOREX_DATA_DIR=$E2E_DATA KIOREX_PORT=0 KIOREX_BIND=127.0.0.1 KIOREX_ARGON2=test KIOREX_DEMO=true \
  KIOREX_LOG_FILE=$E2E_DATA/server.log KIOREX_OUTBOX_POLL_MS=50 KIOREX_RATE_LOGIN_PER_15MIN=1000 KIOREX_RATE_IP_PER_MIN=100000
"$BUILD/kiorex" demo-data >/dev/null
"$BUILD/kiorex" serve >"$E2E_DATA/stdout" 2>&1 &
E2E_PID=$!
for _ in $(seq 100); do grep -q 'listening on' "$E2E_DATA/stdout" && break; sleep 0.1; done
E2E_PORT=$(grep -Eo 'listening on https?://[^:]+:[0-9]+' "$E2E_DATA/stdout" | grep -Eo '[0-9]+$' || true)
if [[ -z $E2E_PORT ]]; then echo "the server for the browser tests did not start:"; cat "$E2E_DATA/stdout"; fi
export KIOREX_BASE_URL=http://127.0.0.1:$E2E_PORT
unset KIOREX_DATA_DIR KIOREX_PORT KIOREX_BIND KIOREX_ARGON2 KIOREX_DEMO KIOREX_LOG_FILE KIOREX_OUTBOX_POLL_MS KIOREX_RATE_LOGIN_PER_15MIN KIOREX_RATE_IP_PER_MIN

echo "== OpenAPI lint (spectral)"
curl -sf "$KIOREX_BASE_URL/v1/openapi.json" -o "$RESULTS/openapi.json"
if (cd tests/api && npx --no-install spectral lint --fail-severity=warn -r .spectral.yaml "$RESULTS/openapi.json"); then
  passed=$((passed + 1)); echo "== spectral: passed"
else
  failed=$((failed + 1)); echo "== spectral: FAILED"
fi

(cd tests/e2e && node --test --test-concurrency=1 --test-timeout=180000 \
  --test-reporter=spec --test-reporter-destination=stdout \
  --test-reporter=tap --test-reporter-destination="$RESULTS/e2e.tap" ./*.test.mjs)
tally_node "browser" "$RESULTS/e2e.tap"

echo
echo "$passed passed, $failed failed, $skipped skipped"
[[ $failed -eq 0 ]]
