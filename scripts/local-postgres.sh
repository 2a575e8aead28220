#!/usr/bin/env bash
# Starts (or reuses) a PostgreSQL server for local runs and tests: loopback only, data under .data/,
# never as root. Prints the Npgsql connection string on stdout; everything else goes to stderr.
#
#   scripts/local-postgres.sh start   # idempotent; installs the Debian package if the binaries are missing
#   scripts/local-postgres.sh stop
#
# Environment: REMINDERS_PG_PORT (default 54329), REMINDERS_PG_DATA (default <repo>/.data/postgres),
# REMINDERS_PG_STOP_MODE (pg_ctl's shutdown mode: fast by default; immediate is a crash, for fault tests).
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
port=${REMINDERS_PG_PORT:-54329}
data=${REMINDERS_PG_DATA:-$repo/.data/postgres}
database=reminders
log() { printf 'local-postgres: %s\n' "$*" >&2; }

find_bindir() {
  local dir
  for dir in /usr/lib/postgresql/*/bin; do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

ensure_binaries() {
  bindir=$(find_bindir) && return 0
  log "PostgreSQL binaries not found; installing the Debian package"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq postgresql >&2
  bindir=$(find_bindir) || { log "PostgreSQL is still missing after apt-get install"; exit 1; }
}

# PostgreSQL refuses to run as root, so root runs it as the 'postgres' account.
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    id postgres >/dev/null 2>&1 || useradd --system --home-dir /var/lib/postgresql --shell /bin/bash postgres
    (cd / && runuser -u postgres -- "$@") # from /, as the working folder may be closed to postgres
  else
    "$@"
  fi
}

pg_is_running() { as_owner "$bindir/pg_ctl" -D "$data" status >/dev/null 2>&1; }

# When root runs this from a checkout the postgres account cannot reach (under /root, say), the data
# folder moves to a per-checkout folder under /var/tmp instead of loosening permissions on the way there.
choose_data_dir() {
  [ "$(id -u)" -eq 0 ] || return 0
  [ -z "${REMINDERS_PG_DATA:-}" ] || return 0
  mkdir -p "$repo/.data"
  chmod o+x "$repo/.data" 2>/dev/null || true
  if ! runuser -u postgres -- test -x "$repo/.data"; then
    data="/var/tmp/reminders-postgres-$(printf '%s' "$repo" | md5sum | cut -c1-12)"
    log "the postgres account cannot reach $repo/.data; using $data"
  fi
}

start() {
  ensure_binaries
  as_owner true
  choose_data_dir
  mkdir -p "$data"
  if [ "$(id -u)" -eq 0 ]; then
    chown postgres:postgres "$data"
    chmod 700 "$data"
  fi
  if [ ! -f "$data/PG_VERSION" ]; then
    log "initialising a new cluster in $data"
    as_owner "$bindir/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  if ! pg_is_running; then
    log "starting PostgreSQL on 127.0.0.1:$port"
    as_owner "$bindir/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $data -c max_connections=300 -c fsync=${REMINDERS_PG_FSYNC:-on}" \
      start >/dev/null
  fi
  local psql=("$bindir/psql" -h 127.0.0.1 -p "$port" -U postgres -X -q -t -A)
  if [ "$(as_owner "${psql[@]}" -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$database'")" != "1" ]; then
    as_owner "${psql[@]}" -d postgres -c "CREATE DATABASE $database" >/dev/null
  fi
  echo "Host=127.0.0.1;Port=$port;Database=$database;Username=postgres"
}

stop() {
  ensure_binaries
  choose_data_dir
  if [ -f "$data/PG_VERSION" ] && pg_is_running; then
    as_owner "$bindir/pg_ctl" -D "$data" -m "${REMINDERS_PG_STOP_MODE:-fast}" -w stop >/dev/null
    log "stopped"
  fi
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
