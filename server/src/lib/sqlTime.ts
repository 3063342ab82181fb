// Timestamps in raw SQL: Prisma stores DateTime as UTC in timestamp(3) columns (no time zone), so a JS Date goes in
// as its ISO text converted to UTC, whatever the session's time zone is.
import { Prisma } from '../generated/prisma/client.ts'

export function sqlTimestamp(date: Date): Prisma.Sql {
  return Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`
}
