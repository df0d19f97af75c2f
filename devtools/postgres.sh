#!/usr/bin/env bash
# Starts (or reuses) a PostgreSQL 15 from Debian's packages on 127.0.0.1, data under .devdata/postgres.
# Usage: devtools/postgres.sh start|stop|status.  Writes DATABASE_URL to .devdata/services.env.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
PGPORT=${PGPORT:-54329}
PGDATA="$ROOT/.devdata/postgres"
DBNAME=${PGDATABASE_NAME:-techtransfer}
ENV_FILE="$ROOT/.devdata/services.env"
mkdir -p "$ROOT/.devdata"

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

write_env() {
  touch "$ENV_FILE"
  grep -v '^export DATABASE_URL=' "$ENV_FILE" > "$ENV_FILE.tmp" || true
  echo "export DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/$DBNAME" >> "$ENV_FILE.tmp"
  mv "$ENV_FILE.tmp" "$ENV_FILE"
}

ready() { "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT"; }

case "${1:-start}" in
  start)
    if ready; then
      echo "PostgreSQL 已在运行: 127.0.0.1:$PGPORT"
    else
      if [ ! -f "$PGDATA/PG_VERSION" ]; then
        mkdir -p "$PGDATA"
        [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$PGDATA"
        chmod 700 "$PGDATA"
        as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
      fi
      [ "$(id -u)" -ne 0 ] || chown -R postgres:postgres "$PGDATA"
      # Tuned for a throw-away test cluster: durability is not needed, speed is.
      as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -l "$PGDATA/server.log" -w -t 60 \
        -o "-h 127.0.0.1 -p $PGPORT -k /tmp -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" start >/dev/null
      echo "PostgreSQL 已启动: 127.0.0.1:$PGPORT"
    fi
    if ! "$PGBIN/../bin/psql" -h 127.0.0.1 -p "$PGPORT" -U postgres -tAc "select 1 from pg_database where datname='$DBNAME'" | grep -q 1; then
      "$PGBIN/createdb" -h 127.0.0.1 -p "$PGPORT" -U postgres "$DBNAME"
    fi
    write_env
    echo "DATABASE_URL=postgres://postgres@127.0.0.1:$PGPORT/$DBNAME"
    ;;
  stop)
    if [ -f "$PGDATA/postmaster.pid" ]; then as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast -w stop >/dev/null && echo "PostgreSQL 已停止"; fi
    ;;
  status)
    ready && echo "running on 127.0.0.1:$PGPORT" || { echo "not running"; exit 1; }
    ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
