#!/usr/bin/env bash
# Ensures PostgreSQL and Redis for Latent Atelier, then writes their URLs to
# $ATELIER_DATA_DIR/services.env. Uses DATABASE_URL / REDIS_URL when they are set;
# otherwise starts private instances in the data folder on free ports.
#   scripts/services.sh start   -> ensure both, print the env file path
#   scripts/services.sh stop    -> stop what this script started
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
DATA_DIR="${ATELIER_DATA_DIR:-$ROOT/.data}"
mkdir -p "$DATA_DIR"
ENV_FILE="$DATA_DIR/services.env"
PG_BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"

log() { echo "[services] $*" >&2; }

free_port() {
  node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# PostgreSQL refuses to run as root: as root we run it as the 'postgres' user,
# in a folder that user can reach.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_dir() {
  local dir="$DATA_DIR/pg"
  if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -x "$DATA_DIR" 2>/dev/null; then
    # The checkout is not reachable by 'postgres' (e.g. under /root): use a private folder elsewhere.
    dir="/var/tmp/latent-atelier-$(echo -n "$ROOT" | sha1sum | cut -c1-12)/pg"
  fi
  echo "$dir"
}

start_postgres() {
  if [ -n "${DATABASE_URL:-}" ]; then log "using DATABASE_URL from the environment"; echo "$DATABASE_URL"; return; fi
  if [ -z "$PG_BIN" ] || [ ! -x "$PG_BIN/pg_ctl" ]; then
    log "PostgreSQL binaries not found. Install them (apt-get install -y postgresql) or set DATABASE_URL."; exit 1
  fi
  local dir; dir="$(pg_dir)"
  local port_file="$DATA_DIR/pg.port"
  if [ ! -s "$dir/PG_VERSION" ]; then
    log "initialising a private PostgreSQL cluster in $dir"
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown -R postgres: "$(dirname "$dir")" "$dir"
    chmod 700 "$dir"
    as_pg "$PG_BIN/initdb" -D "$dir" -U atelier --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  fi
  local port=""
  [ -s "$port_file" ] && port="$(cat "$port_file")"
  if ! as_pg "$PG_BIN/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    if [ -z "$port" ] || port_open "$port"; then port="$(free_port)"; fi
    echo "$port" > "$port_file"
    log "starting PostgreSQL on 127.0.0.1:$port"
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
      -o "-p $port -c listen_addresses=127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    echo "$dir" > "$DATA_DIR/pg.started"
  fi
  if ! "$PG_BIN/psql" -h 127.0.0.1 -p "$port" -U atelier -d postgres -Atqc "select 1 from pg_database where datname='atelier'" | grep -q 1; then
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$port" -U atelier atelier
  fi
  echo "postgresql://atelier:atelier@127.0.0.1:$port/atelier"
}

ensure_redis_binary() {
  command -v redis-server >/dev/null 2>&1 && return
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    log "installing redis-server with apt"
    (apt-get install -y -qq redis-server >/dev/null 2>&1 || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq redis-server >/dev/null; })
  else
    log "redis-server is missing. Install it (sudo apt-get install -y redis-server) or set REDIS_URL."; exit 1
  fi
}

start_redis() {
  if [ -n "${REDIS_URL:-}" ]; then log "using REDIS_URL from the environment"; echo "$REDIS_URL"; return; fi
  ensure_redis_binary
  local dir="$DATA_DIR/redis"; mkdir -p "$dir"
  local port=""
  [ -s "$dir/port" ] && port="$(cat "$dir/port")"
  if [ -n "$port" ] && [ -s "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; then
    # One started before scripts/redis.conf existed kept nothing on disk: turn persistence on.
    redis-cli -p "$port" config set appendonly yes >/dev/null 2>&1 || true
    redis-cli -p "$port" config set maxmemory-policy noeviction >/dev/null 2>&1 || true
    echo "redis://127.0.0.1:$port"; return
  fi
  # The same port as last time when it is free: running workers reconnect to it by themselves.
  if [ -z "$port" ] || port_open "$port"; then port="$(free_port)"; fi
  echo "$port" > "$dir/port"
  log "starting Redis on 127.0.0.1:$port (append-only file in $dir)"
  redis-server "$ROOT/scripts/redis.conf" --daemonize yes --port "$port" \
    --dir "$dir" --pidfile "$dir/redis.pid" --logfile "$dir/redis.log"
  for _ in $(seq 1 50); do port_open "$port" && break; sleep 0.1; done
  echo "redis://127.0.0.1:$port"
}

stop_services() {
  if [ -s "$DATA_DIR/pg.started" ]; then
    local dir; dir="$(cat "$DATA_DIR/pg.started")"
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -m fast -w stop >/dev/null 2>&1 && log "stopped PostgreSQL"
    rm -f "$DATA_DIR/pg.started"
  fi
  local pidfile="$DATA_DIR/redis/redis.pid"
  if [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    local pid; pid="$(cat "$pidfile")"
    # SIGTERM: Redis writes out its append-only file before it exits; wait for that.
    kill "$pid" && for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    log "stopped Redis"
    rm -f "$pidfile"
  fi
}

case "${1:-start}" in
  start)
    db_url="$(start_postgres)"
    redis_url="$(start_redis)"
    printf 'DATABASE_URL=%s\nREDIS_URL=%s\n' "$db_url" "$redis_url" > "$ENV_FILE"
    echo "$ENV_FILE"
    ;;
  stop) stop_services ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
