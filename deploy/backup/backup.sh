#!/bin/sh
# 备份: a consistent logical backup of the registry's PostgreSQL database (DATABASE_URL) with pg_dump's custom
# format (-Fc: compressed, restorable table by table, checked with pg_restore --list before it counts), written to
# BACKUP_DIR as conac-<UTC time>.dump; the oldest beyond BACKUP_KEEP (default 14) are removed. pg_dump reads one
# snapshot, so the API keeps running. Prints the file's path.
#   DATABASE_URL=postgresql://user@host:5432/conac deploy/backup/backup.sh [BACKUP_DIR]
# See README, "Backups (备份与恢复)".
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/pgtools.sh"

: "${DATABASE_URL:?set DATABASE_URL to the database to back up}"
dir=${1:-${BACKUP_DIR:-backups}}
keep=${BACKUP_KEEP:-14}
case "$keep" in '' | *[!0-9]* | 0) echo "BACKUP_KEEP must be a whole number of at least 1, got \"$keep\"" >&2; exit 2 ;; esac

pg_dump=$(pg_tool pg_dump)
pg_restore=$(pg_tool pg_restore)
mkdir -p "$dir"
umask 077 # the dump holds personal data (encrypted ID numbers, phone numbers) and password hashes
file="$dir/conac-$(date -u +%Y%m%dT%H%M%SZ).dump"
partial="$file.partial"
trap 'rm -f "$partial"' EXIT

"$pg_dump" --format=custom --file="$partial" --dbname="$DATABASE_URL"
# A dump that pg_restore cannot read is no backup: list its table of contents before keeping it.
"$pg_restore" --list "$partial" >/dev/null
mv "$partial" "$file"
trap - EXIT

# Retention: keep the newest $keep dumps (names sort by time).
ls -1 "$dir" | grep -E '^conac-[0-9]{8}T[0-9]{6}Z\.dump$' | sort | head -n "-$keep" | while read -r old; do
  rm -f "$dir/$old"
done
echo "$file"
