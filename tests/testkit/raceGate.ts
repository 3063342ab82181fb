// Makes concurrent requests really overlap on PostgreSQL, without depending on timing: a SHARE lock on a table that
// each request writes is held while they start, so each one does its reads and checks and then waits at its first
// write (or earlier, at a lock the fix added); once `waiting` of them wait on a lock, the table is released and they
// finish in whatever order. Without the fix every request has checked before any has written: both pass. On PGlite
// (one connection) the requests simply run one after the other.
import pg from 'pg'
import type { TestDatabase } from './database.ts'

const POLL_MS = 50
const WAIT_LIMIT_MS = 120_000

export async function raceAtFirstWrite<T>(
  db: TestDatabase,
  options: { table: string; waiting: number },
  start: () => Promise<T>[],
): Promise<T[]> {
  if (!db.url) return Promise.all(start())
  const client = new pg.Client({ connectionString: db.url })
  await client.connect()
  try {
    await client.query('BEGIN')
    await client.query(`LOCK TABLE "${options.table}" IN SHARE MODE`)
    const running = Promise.all(start())
    running.catch(() => undefined) // awaited below, after the table is released
    const deadline = Date.now() + WAIT_LIMIT_MS
    for (;;) {
      // pg_stat_activity is read once per transaction unless its snapshot is cleared: this one stays open.
      await client.query('SELECT pg_stat_clear_snapshot()')
      const { rows } = await client.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
      )
      if (rows[0]!.n >= options.waiting) break
      if (Date.now() > deadline) {
        const activity = await client.query(
          `SELECT state, wait_event_type, wait_event, left(query, 80) AS query FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        )
        throw new Error(
          `fewer than ${options.waiting} requests came to wait on a lock: ${JSON.stringify(activity.rows, null, 1)}`,
        )
      }
      await new Promise((resolve) => setTimeout(resolve, POLL_MS))
    }
    await client.query('COMMIT')
    return await running
  } finally {
    await client.end()
  }
}
