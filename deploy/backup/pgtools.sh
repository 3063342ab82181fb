# Sourced by backup.sh and restore.sh: finds the PostgreSQL client tools. PG_BIN (a directory) wins; else the
# tools on PATH; else the newest Debian cluster's binaries (/usr/lib/postgresql/<version>/bin). pg_dump must be at
# least the server's major version, so PG_BIN is the way to pick one when several are installed.
pg_tool() {
  if [ -n "${PG_BIN:-}" ]; then
    [ -x "$PG_BIN/$1" ] || { echo "$1 not found in PG_BIN=$PG_BIN" >&2; exit 2; }
    echo "$PG_BIN/$1"
  elif command -v "$1" >/dev/null 2>&1; then
    command -v "$1"
  else
    found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$found" ] && [ -x "$found/$1" ] || { echo "$1 not found: install postgresql-client or set PG_BIN" >&2; exit 2; }
    echo "$found/$1"
  fi
}
