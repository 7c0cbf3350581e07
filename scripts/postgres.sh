#!/usr/bin/env bash
# Private PostgreSQL cluster for EmulationApi: installs Debian's postgresql if missing, initialises a cluster under
# .data/pg (git-ignored), starts it on 127.0.0.1:${EMULATION_PG_PORT:-55432} as the postgres user, and creates the
# database. Safe to run again: it does only what is missing.
#   scripts/postgres.sh start [dbname]   start (and create) — the default
#   scripts/postgres.sh stop             stop the cluster
#   scripts/postgres.sh reset            stop and delete the cluster's data (the next start begins empty)
#   scripts/postgres.sh url [dbname]     print the connection string
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
port="${EMULATION_PG_PORT:-55432}"
data="$root/.data/pg"
action="${1:-start}"
db="${2:-emulation}"

log() { printf '[postgres] %s\n' "$*" >&2; }

as_postgres() {
  if [ "$(id -un)" = postgres ]; then "$@"
  elif command -v runuser >/dev/null 2>&1; then runuser -u postgres -- "$@"
  else su postgres -s /bin/sh -c "$(printf '%q ' "$@")"
  fi
}

bindir() {
  local dir
  dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
  [ -n "$dir" ] && [ -x "$dir/initdb" ] && { echo "$dir"; return; }
  return 1
}

install_postgres() {
  bindir >/dev/null && return
  [ "$(id -u)" = 0 ] || { log "PostgreSQL is not installed and installing needs root: apt-get install postgresql"; exit 1; }
  log "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  # The package's own default cluster is not used; policy-rc.d keeps it from being started.
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d
  apt-get install -y -qq postgresql postgresql-contrib >/dev/null || apt-get install -y -qq postgresql >/dev/null
  rm -f /usr/sbin/policy-rc.d
}

# The data folder must be reachable by the postgres user. When the checkout sits under a private home (e.g. /root),
# the cluster lives under /var/lib/emulationapi and .data/pg links to it.
prepare_data_dir() {
  mkdir -p "$root/.data"
  if [ -L "$data" ] || [ -d "$data" ]; then return; fi
  if as_postgres test -x "$root/.data"; then
    mkdir -p "$data"
  else
    local alt="/var/lib/emulationapi/$(printf '%s' "$root" | sha1sum | cut -c1-12)"
    mkdir -p "$alt"
    ln -s "$alt" "$data"
    log "the checkout is not reachable by the postgres user; keeping the cluster in $alt"
  fi
  chown postgres:postgres "$(readlink -f "$data")"
  chmod 700 "$(readlink -f "$data")"
}

# init_cluster <dir> <port> <max_connections> [extra setting…]: a new cluster in <dir> that listens on loopback only,
# trusts local connections, keeps its socket in <dir> and syncs its writes (also used by scripts/fault-test.sh).
init_cluster() {
  local dir="$1" port="$2" connections="$3" bin; shift 3
  bin=$(bindir)
  as_postgres "$bin/initdb" -D "$dir" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  {
    echo "listen_addresses = '127.0.0.1'"
    echo "port = $port"
    echo "unix_socket_directories = '$dir'"
    echo "max_connections = $connections"
    echo "fsync = on"
    printf '%s\n' "$@"
  } >>"$dir/postgresql.conf"
}

start() {
  install_postgres
  local bin; bin=$(bindir)
  prepare_data_dir
  local dir; dir=$(readlink -f "$data")
  if [ ! -f "$dir/PG_VERSION" ]; then
    log "initialising a private cluster in $dir"
    init_cluster "$dir" "$port" 200 "shared_buffers = 256MB"
  fi
  if ! as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    log "starting on 127.0.0.1:$port"
    as_postgres "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 start >/dev/null
  fi
  if ! as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" | grep -q 1; then
    log "creating database $db"
    as_postgres "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE \"$db\"" >/dev/null
  fi
}

stop() {
  local bin; bin=$(bindir) || return 0
  [ -e "$data" ] || return 0
  local dir; dir=$(readlink -f "$data")
  if [ -f "$dir/PG_VERSION" ] && as_postgres "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
    as_postgres "$bin/pg_ctl" -D "$dir" -m fast -w stop >/dev/null
    log "stopped"
  fi
}

# Sourced (scripts/fault-test.sh does, for as_postgres, bindir and install_postgres), it only defines the functions.
[ "${BASH_SOURCE[0]}" = "$0" ] || return 0

case "$action" in
  start) start ;;
  stop) stop ;;
  reset) stop; if [ -e "$data" ]; then rm -rf "$(readlink -f "$data")"; rm -rf "$data"; fi; log "cluster data deleted" ;;
  url) echo "Host=127.0.0.1;Port=$port;Database=$db;Username=postgres" ;;
  *) echo "usage: $0 start|stop|reset|url [dbname]" >&2; exit 2 ;;
esac
