# Sourced by scripts/test.sh: a throw-away PostgreSQL cluster for one test run, so the server
# integration suite also runs on PostgreSQL (docs/ARCHITECTURE.md §1: one query layer for SQLite and PostgreSQL).
# It listens on 127.0.0.1 only, on a free port, with its data in a temp dir, and is removed at exit.
# An existing CLIENTDECK_TEST_POSTGRES_URL is used as it is. When no cluster can be started the URL
# stays unset, and the PostgreSQL tests fail saying what to install: they are never skipped.

TEST_PG_DIR=""
TEST_PG_BIN=""

test_pg_as_owner() {
  # initdb and postgres refuse to run as root: run them as the postgres user then.
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start_test_postgres() {
  if [ -n "${CLIENTDECK_TEST_POSTGRES_URL:-}" ]; then
    echo "PostgreSQL for the tests: CLIENTDECK_TEST_POSTGRES_URL from the environment"
    return 0
  fi
  TEST_PG_BIN="${CLIENTDECK_PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
  if [ -z "$TEST_PG_BIN" ] || [ ! -x "$TEST_PG_BIN/initdb" ]; then
    echo "PostgreSQL is not installed (no initdb under /usr/lib/postgresql/*/bin): run 'bash scripts/install-system-packages.sh' (package postgresql). The PostgreSQL tests will fail." >&2
    return 1
  fi
  if [ "$(id -u)" -eq 0 ] && ! id postgres >/dev/null 2>&1; then
    echo "Running as root, but there is no 'postgres' user to run PostgreSQL as: install the postgresql package. The PostgreSQL tests will fail." >&2
    return 1
  fi
  TEST_PG_DIR="$(mktemp -d "${TMPDIR:-/tmp}/clientdeck-pg.XXXXXX")"
  chmod 700 "$TEST_PG_DIR"
  [ "$(id -u)" -eq 0 ] && chown postgres: "$TEST_PG_DIR"
  if ! test_pg_as_owner "$TEST_PG_BIN/initdb" -D "$TEST_PG_DIR/data" -U postgres --auth=trust --no-locale -E UTF8 >"$TEST_PG_DIR/initdb.log" 2>&1; then
    echo "initdb failed; see below. The PostgreSQL tests will fail." >&2
    cat "$TEST_PG_DIR/initdb.log" >&2
    return 1
  fi
  local attempt port
  for attempt in 1 2 3; do
    port="$(node -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")"
    # A throw-away cluster: durability settings off for speed, room for the tests' connection pools.
    if test_pg_as_owner "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -l "$TEST_PG_DIR/server.log" -w -t 30 \
      -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$TEST_PG_DIR -c max_connections=200 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
      start >/dev/null; then
      export CLIENTDECK_TEST_POSTGRES_URL="postgres://postgres@127.0.0.1:$port/postgres"
      echo "PostgreSQL for the tests: $("$TEST_PG_BIN/postgres" --version) on 127.0.0.1:$port (data in $TEST_PG_DIR)"
      return 0
    fi
  done
  echo "PostgreSQL did not start; its log follows. The PostgreSQL tests will fail." >&2
  cat "$TEST_PG_DIR/server.log" >&2
  return 1
}

stop_test_postgres() {
  [ -n "$TEST_PG_DIR" ] || return 0
  if [ -f "$TEST_PG_DIR/data/postmaster.pid" ]; then
    test_pg_as_owner "$TEST_PG_BIN/pg_ctl" -D "$TEST_PG_DIR/data" -m immediate -w stop >/dev/null 2>&1
  fi
  rm -rf "$TEST_PG_DIR"
  TEST_PG_DIR=""
}
