#!/usr/bin/env bash
# Sets up and runs Latent Atelier on its embedded defaults: dependencies, PostgreSQL and
# Redis (private local instances unless DATABASE_URL / REDIS_URL are set), migrations,
# seed, build, then web + worker. Ctrl-C stops everything it started.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/common.sh"

install_deps
start_services
ensure_auth_secret
migrate
step "seeding"
npx tsx prisma/seed.ts
step "building the web app"
npx next build >/dev/null

PORT="${PORT:-3000}"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then PORT="$(free_port)"; fi
export APP_URL="${APP_URL:-http://localhost:$PORT}" AUTH_URL="${AUTH_URL:-http://localhost:$PORT}"

pids=()
cleanup() {
  trap - INT TERM EXIT
  step "stopping"
  # The web server runs in its own process group: npx does not pass signals on to next-server.
  for p in "${pids[@]}"; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  bash scripts/services.sh stop
}
trap cleanup INT TERM EXIT

NODE_ENV=production setsid npx next start -p "$PORT" -H 0.0.0.0 &
pids+=($!)
NODE_ENV=production node --import tsx worker/index.ts &
pids+=($!)
wait_for_http "http://127.0.0.1:$PORT/" 240
echo ""
echo "  Latent Atelier is running at http://localhost:$PORT  (Ctrl-C to stop)"
echo ""
wait -n "${pids[@]}"
