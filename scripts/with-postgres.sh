#!/usr/bin/env bash
# Runs a command with a throwaway PostgreSQL server: WAYMARK_TEST_POSTGRES_URL points at an empty
# database on it. The server lives in a temporary folder, listens on a Unix socket there (no TCP,
# no network), trades durability for speed (fsync off: its data dies with it anyway), and is
# stopped and removed when the command ends, whether it passed, failed or was interrupted.
# Autovacuum is off: test databases live seconds, and its workers (the superuser's) would keep
# `drop database … with (force)` from ending their connections.
#   scripts/with-postgres.sh npm test
set -euo pipefail

if [ "$#" -eq 0 ]; then
  echo "usage: scripts/with-postgres.sh <command> [args…]" >&2
  exit 2
fi

find_bindir() {
  local initdb
  initdb="$(ls -1 /usr/lib/postgresql/*/bin/initdb 2>/dev/null | sort -V | tail -n 1 || true)"
  [ -n "$initdb" ] && dirname "$initdb"
}

bindir="$(find_bindir || true)"
if [ -z "$bindir" ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "with-postgres: PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin); run: sudo apt-get install -y postgresql" >&2
    exit 1
  fi
  echo "with-postgres: installing PostgreSQL (apt-get install -y postgresql)" >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2 ||
    { apt-get update -q >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >&2; }
  bindir="$(find_bindir)"
fi

dir="$(mktemp -d /tmp/waymark-pg.XXXXXX)"
# As root the server runs as `postgres` (it refuses to run as root); otherwise as ourselves.
if [ "$(id -u)" -eq 0 ]; then
  chown postgres:postgres "$dir"
  as_server() { runuser -u postgres -- "$@"; }
else
  as_server() { "$@"; }
fi

stop() {
  as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

as_server "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
  { cat "$dir/initdb.log" >&2; exit 1; }
as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -s start -o "\
  -c listen_addresses='' -c unix_socket_directories='$dir' \
  -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
  -c autovacuum=off -c max_connections=200 -c shared_buffers=128MB" ||
  { cat "$dir/server.log" >&2; exit 1; }

as_server "$bindir/psql" -h "$dir" -U postgres -d postgres -q -v ON_ERROR_STOP=1 \
  -c "create role waymark login createdb password 'waymark'" \
  -c "create database waymark owner waymark" >/dev/null

export WAYMARK_TEST_POSTGRES_URL="postgresql:///waymark?host=${dir}&user=waymark"
status=0
"$@" || status=$?
exit "$status"
