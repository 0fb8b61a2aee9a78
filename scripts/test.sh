#!/usr/bin/env bash
# Runs every suite against real services: type check, unit + integration tests (Vitest,
# real PostgreSQL, Redis and worker behind the built web app), end-to-end tests
# (Playwright in Debian Chromium). Ends with one line: `N passed, N failed`.
# Extra arguments are passed to Vitest as filters (e2e is then skipped);
# ATELIER_TEST_SUITES=e2e runs only Playwright, =vitest only Vitest; ATELIER_E2E_FILES="e2e/x.spec.ts …"
# limits Playwright to those files.
set -uo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"
set -e

# One run at a time per data folder: runs share the test database, the build and the services.
exec 9>"$ATELIER_DATA_DIR/test.lock"
if ! flock -n 9; then step "another npm test is running here; waiting for it"; flock 9; fi

install_deps
start_services
ensure_auth_secret

# A throw-away database and storage folder for this run.
TEST_DB="atelier_test"
export DATABASE_URL="${DATABASE_URL%/*}/$TEST_DB"
PGURL_ADMIN="${DATABASE_URL%/*}/postgres"
psql "$PGURL_ADMIN" -qc "DROP DATABASE IF EXISTS $TEST_DB WITH (FORCE)" >/dev/null
psql "$PGURL_ADMIN" -qc "CREATE DATABASE $TEST_DB" >/dev/null
export DATA_DIR="$ATELIER_DATA_DIR/test"
rm -rf "$DATA_DIR"; mkdir -p "$DATA_DIR"
export QUEUE_PREFIX="atelier-test-$$"
# The suites sign up hundreds of users from loopback; the per-address sign-up limit is tested
# on its own (lib/auth/throttle.test.ts), the other limits keep their defaults.
export SIGNUP_MAX_PER_ADDRESS=100000
migrate

if ! command -v chromium >/dev/null 2>&1 && [ $# -eq 0 ]; then
  step "installing Debian chromium for end-to-end tests"
  if [ "$(id -u)" = 0 ]; then
    (apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 || { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends chromium >/dev/null; })
  else
    echo "chromium is missing: sudo apt-get install -y chromium" >&2
  fi
fi
ensure_mesa
ensure_ffmpeg

RESULTS="$ATELIER_DATA_DIR/test-results"
rm -rf "$RESULTS"; mkdir -p "$RESULTS"
set +e

step "type checking"
if npx tsc --noEmit -p . > "$RESULTS/tsc.log" 2>&1; then echo '{"passed":1,"failed":0}' > "$RESULTS/tsc.json"; else cat "$RESULTS/tsc.log" >&2; echo '{"passed":0,"failed":1}' > "$RESULTS/tsc.json"; fi

step "building the web app"
if ! npx next build > "$RESULTS/build.log" 2>&1; then
  cat "$RESULTS/build.log" >&2
  echo '{"passed":0,"failed":1}' > "$RESULTS/build.json"
fi

PORT="$(free_port)"
export ATELIER_WEB_LOG="$RESULTS/web.log"
export ATELIER_BASE_URL="http://127.0.0.1:$PORT" APP_URL="http://127.0.0.1:$PORT" AUTH_URL="http://127.0.0.1:$PORT"
pids=()
cleanup() {
  # Each was started in its own process group: npx does not pass signals on to next-server.
  for p in "${pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done
  sleep 1
  for p in "${pids[@]}"; do kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true; done
  bash scripts/services.sh stop
}
trap cleanup EXIT
if [ ! -s "$RESULTS/build.json" ]; then
  # setsid: a process group to stop as a whole; 9>&-: a leftover process never holds the test lock.
  NODE_ENV=production setsid npx next start -p "$PORT" -H 127.0.0.1 > "$RESULTS/web.log" 2>&1 9>&- &
  pids+=($!)
  NODE_ENV=production setsid node --import tsx worker/index.ts > "$RESULTS/worker.log" 2>&1 9>&- &
  pids+=($!)
  wait_for_http "$ATELIER_BASE_URL/" 240 || cat "$RESULTS/web.log" >&2
fi

SUITES="${ATELIER_TEST_SUITES:-all}"
[ $# -gt 0 ] && SUITES=vitest
expected=()
if [ "$SUITES" = all ] || [ "$SUITES" = vitest ]; then
  step "unit and integration tests (vitest)"
  npx vitest run --reporter=default --reporter=json --outputFile="$RESULTS/vitest.json" "$@"
  expected+=(vitest)
fi
if [ "$SUITES" = all ] || [ "$SUITES" = e2e ]; then
  step "end-to-end tests (playwright, chromium)"
  PLAYWRIGHT_JSON_OUTPUT_NAME="$RESULTS/playwright.json" npx playwright test --reporter=list,json ${ATELIER_E2E_FILES:-}
  expected+=(playwright)
fi

node scripts/summarize-tests.mjs "$RESULTS" "${expected[@]}"
