#!/bin/sh
# 恢复: restores a dump made by backup.sh into a NEW, empty database (TARGET_URL), in one transaction: all or
# nothing, stopping at the first error. It refuses a database that already holds tables, so a mistyped URL cannot
# mix a backup into the live database. Create the database first (createdb, or CREATE DATABASE as an administrator);
# owners and grants of the old server are not restored (--no-owner --no-privileges): the restoring user owns it all.
#   deploy/backup/restore.sh backups/conac-20261207T020000Z.dump postgresql://user@host:5432/conac_restored
# Then point the API at it (DATABASE_URL) and check it: npm run audit:verify -w server. See README, "Backups (备份与恢复)".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pgtools.sh"

if [ $# -ne 2 ]; then
  echo "usage: $0 <dump file> <target database URL>" >&2
  exit 2
fi
file=$1
target=$2
[ -r "$file" ] || { echo "cannot read the dump $file" >&2; exit 2; }

psql=$(pg_tool psql)
pg_restore=$(pg_tool pg_restore)
"$pg_restore" --list "$file" >/dev/null || { echo "$file is not a pg_dump custom-format file" >&2; exit 2; }

relations=$("$psql" --no-psqlrc --tuples-only --no-align --dbname="$target" --command="
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
   WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg_toast%'
     AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')") || {
  echo "cannot connect to the target database (create it first: createdb ...)" >&2
  exit 2
}
if [ "$relations" != "0" ]; then
  echo "refusing to restore: the target database is not empty ($relations tables, views or sequences); restore into a new database" >&2
  exit 3
fi

"$pg_restore" --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$target" "$file"
# pg_dump carries no planner statistics: gather them before the API's first queries.
"$psql" --no-psqlrc --quiet --dbname="$target" --command="ANALYZE"
echo "restored $file"
