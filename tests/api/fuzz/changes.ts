// Detects rows changed by a request, for the schema fuzz: a test-only trigger on every table counts inserted,
// updated and deleted rows in fuzz_changes, inside the same transaction as the change (so a rolled-back change is
// not counted). An UPDATE that changes no column (or only the bookkeeping columns listed below) is not a change.
import type { SqlRunner } from '../../../server/src/db/connect.ts'

/**
 * What a refused request may legitimately change, and why. Everything else must stay as it was.
 * `columns` ignores updates of those columns only, `inserted` inserted rows that match the condition; an entry with
 * neither ignores the whole table.
 */
export const BOOKKEEPING: { table: string; columns?: string[]; inserted?: string; why: string }[] = [
  {
    table: 'sessions',
    columns: ['lastSeenAt'],
    why: 'every authenticated request renews its session (idle timeout), refused or not',
  },
  {
    table: 'login_attempts',
    why: 'every login attempt is recorded (a refused one as not counting) for the address throttle and the addresses a name knows',
  },
  {
    table: 'login_address_failures',
    why: "a wrong password counts against its (name, address) pair: five lock that address out of the name; it times the pair's next try",
  },
  {
    table: 'login_account_throttles',
    why: 'a wrong password counts against the name: beyond the free allowance each guessing address waits longer between tries',
  },
  { table: 'api_tokens', columns: ['lastUsedAt'], why: 'a token records its last use on every request' },
  {
    table: 'verification_codes',
    columns: ['attempts'],
    why: 'every guess at an SMS code is counted before it is compared, and stays counted when the request is refused (a code dies after 5): brute-force and probing protection',
  },
  {
    table: 'audit_logs',
    inserted: `"action" IN ('auth.lockAddress', 'auth.slowDownAccount', 'verification.budgetReached')`,
    why: 'security events a refusal causes are audited: an address locked out of a name, an account slowed down, the SMS budget reached',
  },
  {
    table: 'sms_budget_periods',
    columns: ['reachedAt', 'budget', 'anonymousReachedAt', 'anonymousBudget'],
    why: 'the first send refused by the global SMS budget (or its anonymous share) marks its period reached (the alert on the jobs page)',
  },
]

const IGNORED_TABLES = new Set(['_prisma_migrations', 'fuzz_changes'])

export async function installChangeCounter(sql: SqlRunner): Promise<void> {
  await sql.exec(`
    CREATE TABLE fuzz_changes (table_name text PRIMARY KEY, n bigint NOT NULL);
    CREATE FUNCTION fuzz_count() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND (to_jsonb(OLD) - TG_ARGV) = (to_jsonb(NEW) - TG_ARGV) THEN RETURN NULL; END IF;
      INSERT INTO fuzz_changes (table_name, n) VALUES (TG_TABLE_NAME, 1)
        ON CONFLICT (table_name) DO UPDATE SET n = fuzz_changes.n + 1;
      RETURN NULL;
    END $$;
  `)
  const tables = await sql.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  )
  for (const { table_name: table } of tables) {
    if (IGNORED_TABLES.has(table)) continue
    const rule = BOOKKEEPING.find((entry) => entry.table === table)
    if (rule && !rule.columns && !rule.inserted) continue
    const ignored = (rule?.columns ?? []).map((column) => `'${column}'`).join(', ')
    const insertedWhen = rule?.inserted ? ` WHEN (NOT (${rule.inserted.replace(/"(\w+)"/g, 'NEW."$1"')}))` : ''
    await sql.exec(`
      CREATE TRIGGER fuzz_count_insert AFTER INSERT ON "${table}" FOR EACH ROW${insertedWhen} EXECUTE FUNCTION fuzz_count(${ignored});
      CREATE TRIGGER fuzz_count AFTER UPDATE OR DELETE ON "${table}" FOR EACH ROW EXECUTE FUNCTION fuzz_count(${ignored});
    `)
  }
}

export type ChangeCounts = Map<string, number>

export async function changeCounts(sql: SqlRunner): Promise<ChangeCounts> {
  const rows = await sql.query<{ table_name: string; n: string | number }>('SELECT table_name, n FROM fuzz_changes')
  return new Map(rows.map((row) => [row.table_name, Number(row.n)]))
}

/** Tables whose count moved between two readings, e.g. { notifications: 2 }. */
export function changedBetween(before: ChangeCounts, after: ChangeCounts): Record<string, number> {
  const changed: Record<string, number> = {}
  for (const [table, n] of after) if (n !== (before.get(table) ?? 0)) changed[table] = n - (before.get(table) ?? 0)
  return changed
}
