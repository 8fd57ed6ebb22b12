#!/usr/bin/env bash
# A throwaway PostgreSQL server on loopback for the tests (make test starts and stops it).
#   scripts/test-postgres.sh start   → prints the URL to give COTEJO_TEST_POSTGRES
#   scripts/test-postgres.sh stop
# It lives in one directory (PGTEST_DIR, default /tmp/cotejo-test-postgres) with trust
# authentication on 127.0.0.1 only; root runs it as the `postgres` user, as initdb requires.
set -euo pipefail
dir="${PGTEST_DIR:-/tmp/cotejo-test-postgres}"
port="${PGTEST_PORT:-55432}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[ -x "$bin/pg_ctl" ] || { echo "test-postgres: PostgreSQL's server programs are not installed (Debian: postgresql)" >&2; exit 1; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
case "${1:-}" in
start)
  if [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
    echo "postgresql://cotejo@127.0.0.1:$port/cotejo_test"; exit 0
  fi
  rm -rf "$dir"; mkdir -p "$dir"
  [ "$(id -u)" -eq 0 ] && chown postgres "$dir"
  as_owner "$bin/initdb" -D "$dir/data" -U cotejo --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; exit 1; }
  as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=50" start >/dev/null \
    || { cat "$dir/server.log" >&2; exit 1; }
  as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U cotejo cotejo_test
  echo "postgresql://cotejo@127.0.0.1:$port/cotejo_test"
  ;;
stop)
  [ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
  rm -rf "$dir"
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
