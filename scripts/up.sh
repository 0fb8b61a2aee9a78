#!/usr/bin/env bash
# Sets up and runs Latent Atelier on its embedded defaults: dependencies, PostgreSQL and
# Redis (private local instances unless DATABASE_URL / REDIS_URL are set), migrations,
# seed, build, ffmpeg, then web + worker under a supervisor (scripts/supervise.mjs) that
# restarts either when it dies. Only Ctrl-C (or SIGINT/SIGTERM to this script) stops everything.
# PORT (default 3000, the next free one when taken) is the web app's port.
# ATELIER_UP_SKIP="install migrate seed build" skips setup steps already done (tests use it).
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

skip() { [[ " ${ATELIER_UP_SKIP:-} " == *" $1 "* ]]; }

skip install || install_deps
start_services
ensure_auth_secret
skip migrate || migrate
if ! skip seed; then step "seeding"; npx tsx prisma/seed.ts; fi
if ! skip build; then step "building the web app"; npx next build >/dev/null; fi
ensure_ffmpeg

PORT="${PORT:-3000}"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then PORT="$(free_port)"; fi
export APP_URL="${APP_URL:-http://localhost:$PORT}" AUTH_URL="${AUTH_URL:-http://localhost:$PORT}"

sup=""
cleanup() {
  trap - INT TERM HUP EXIT
  step "stopping"
  if [ -n "$sup" ]; then kill -TERM "$sup" 2>/dev/null || true; wait "$sup" 2>/dev/null || true; fi
  bash scripts/services.sh stop
}
trap cleanup INT TERM HUP EXIT

export NODE_ENV=production
node scripts/supervise.mjs "web=npx next start -p $PORT -H 0.0.0.0" "worker=node --import tsx worker/index.ts" &
sup=$!
if wait_for_http "http://127.0.0.1:$PORT/" 240; then
  echo ""
  echo "  Latent Atelier is running at http://localhost:$PORT  (Ctrl-C to stop)"
  echo ""
fi
# Returns when the supervisor ends (it only does when stopped) or a signal arrives (trap).
wait "$sup"
