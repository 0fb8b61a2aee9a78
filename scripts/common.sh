# Shared by up.sh and test.sh: dependencies, services, database, secrets.
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NEXT_TELEMETRY_DISABLED=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
export ATELIER_DATA_DIR="${ATELIER_DATA_DIR:-$ROOT/.data}"
mkdir -p "$ATELIER_DATA_DIR"

step() { echo "==> $*" >&2; }

install_deps() {
  step "installing dependencies (npm install)"
  npm install --no-audit --no-fund --loglevel=error >&2
}

start_services() {
  step "ensuring PostgreSQL and Redis"
  local envfile
  # 9>&-: the daemons must not inherit npm test's lock (fd 9), or a run killed before its
  # cleanup would leave PostgreSQL holding the lock and every later run waiting forever.
  envfile="$(bash scripts/services.sh start 9>&-)"
  set -a; . "$envfile"; set +a
}

ensure_auth_secret() {
  if [ -z "${AUTH_SECRET:-}" ]; then
    local f="$ATELIER_DATA_DIR/auth-secret"
    [ -s "$f" ] || node -e "process.stdout.write(require('crypto').randomBytes(32).toString('base64url'))" > "$f"
    AUTH_SECRET="$(cat "$f")"
    export AUTH_SECRET
  fi
  export AUTH_TRUST_HOST=true
}

migrate() {
  step "applying migrations"
  npx prisma generate >/dev/null
  npx prisma migrate deploy 2>&1 | grep -E "applied|No pending|Error|error" >&2 || true
  npx prisma migrate status >/dev/null 2>&1 || { echo "migrations failed" >&2; return 1; }
}

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

wait_for_http() {
  local url="$1" tries="${2:-120}"
  for _ in $(seq 1 "$tries"); do
    curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
    sleep 0.5
  done
  echo "timed out waiting for $url" >&2
  return 1
}

# Mesa's EGL/GLES and llvmpipe: the software GPU adapter on which the tests run the webgpu
# backend (Dawn's OpenGL ES backend) on machines without a GPU.
ensure_mesa() {
  local have=1
  ldconfig -p 2>/dev/null | grep -q 'libEGL_mesa.so.0' || have=0
  ldconfig -p 2>/dev/null | grep -q 'libGLESv2.so.2' || have=0
  ls /usr/lib/*/dri/swrast_dri.so >/dev/null 2>&1 || have=0
  [ "$have" = 1 ] && return 0
  step "installing Mesa (EGL, GLES, llvmpipe) for the webgpu backend's software adapter"
  if [ "$(id -u)" = 0 ]; then
    local pkgs="libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri"
    apt-get install -y -qq --no-install-recommends $pkgs >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends $pkgs >/dev/null; }
  else
    echo "Mesa is missing: sudo apt-get install -y libegl1 libegl-mesa0 libgles2 libgl1-mesa-dri" >&2
  fi
}

# ffmpeg encodes videos. A worker without it leaves video jobs waiting (worker/capabilities.ts),
# so install it before the worker starts: with apt when running as root, else say how.
ensure_ffmpeg() {
  if [ -n "${FFMPEG_PATH:-}" ]; then
    "$FFMPEG_PATH" -hide_banner -version >/dev/null 2>&1 && return 0
    echo "FFMPEG_PATH=$FFMPEG_PATH does not run: video jobs will wait for a worker with ffmpeg" >&2; return 0
  fi
  command -v ffmpeg >/dev/null 2>&1 && return 0
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    step "installing ffmpeg (apt) for video encoding"
    apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null 2>&1 ||
      { apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends ffmpeg >/dev/null; } ||
      echo "could not install ffmpeg: video jobs will wait for a worker with ffmpeg" >&2
  else
    echo "ffmpeg is missing: video jobs will wait for a worker with ffmpeg (sudo apt-get install -y ffmpeg, or set FFMPEG_PATH)" >&2
  fi
}
