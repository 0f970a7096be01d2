#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for tests (ADR 025), no service manager needed.
#   scripts/pg-cluster.sh start DIR   initdb into DIR, start on a free 127.0.0.1 port (socket in DIR), create the
#                                     database `stepwise` with unaccent; prints the URL and writes it to DIR/url
#   scripts/pg-cluster.sh stop DIR    stop it and remove DIR
# Binaries: $PG_BIN, else initdb on PATH, else the newest /usr/lib/postgresql/*/bin (Debian's `postgresql` package).
# As root (initdb refuses it) the cluster runs as the `postgres` user that package creates.
set -euo pipefail

cmd="${1:-}"
dir="${2:-}"
if [ -z "$cmd" ] || [ -z "$dir" ]; then
  echo "usage: $0 start|stop DIR" >&2
  exit 2
fi

find_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  if command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
    dirname "$(readlink -f "$(command -v pg_ctl)")"
    return
  fi
  local d
  d="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  if [ -z "$d" ]; then
    echo "PostgreSQL not found: install it (apt-get install postgresql) or set PG_BIN" >&2
    exit 1
  fi
  echo "$d"
}

# run as the cluster's owner: ourselves, or `postgres` when we are root
as_owner() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

bin="$(find_bin)"

case "$cmd" in
  start)
    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [ "$(id -u)" -eq 0 ]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || {
      cat "$dir/initdb.log" >&2
      exit 1
    }
    port="$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c full_page_writes=off" start >/dev/null || {
      cat "$dir/server.log" >&2
      exit 1
    }
    psql() { as_owner "$bin/psql" -h "$dir" -p "$port" -U postgres -v ON_ERROR_STOP=1 -q "$@"; }
    psql -d postgres -c "CREATE DATABASE stepwise"
    psql -d stepwise -c "CREATE EXTENSION IF NOT EXISTS unaccent"
    url="postgres://postgres@127.0.0.1:$port/stepwise"
    echo "$url" >"$dir/url"
    echo "$url"
    ;;
  stop)
    if [ -d "$dir/data" ]; then
      as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true
    fi
    rm -rf "$dir"
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
