// The national dataset generator (issue 8, server/scripts/national) at a tiny scale on a real PostgreSQL: the counts
// follow the scale, the data keeps every rule the database and the app rely on, the ledger adds up, and a seed gives
// the same data twice. Needs TEST_DATABASE_URL (COPY and dropping foreign keys are PostgreSQL things).
import { openIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { randomBytes } from 'node:crypto'
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isValidCreditCode, isValidIdNumber } from '../../server/src/lib/identifiers.ts'
import { prepareFreshDatabase } from '../../server/scripts/national/fresh.ts'
import { loadNationalDataset, type LoadResult } from '../../server/scripts/national/load.ts'
import { postgresUrl, withAdminClient } from '../testkit/database.ts'

const SCALE = 0.002
const NOW = new Date('2026-11-23T00:00:00Z')
const quiet = () => {}

describe.skipIf(!process.env.TEST_DATABASE_URL)('national dataset', () => {
  const names = [0, 1].map((i) => `conac_national_${process.pid}_${randomBytes(3).toString('hex')}_${i}`)
  // Built in beforeAll: the describe body runs even when skipped, and there is no TEST_DATABASE_URL then.
  let urls: string[] = []
  let result: LoadResult
  let client: pg.Client
  const rows = async <R extends pg.QueryResultRow>(sql: string) => (await client.query<R>(sql)).rows
  const count = async (sql: string) => Number((await rows<{ n: string }>(sql))[0]!.n)

  beforeAll(async () => {
    urls = names.map(postgresUrl)
    await prepareFreshDatabase(urls[0]!, quiet)
    result = await loadNationalDataset({ url: urls[0]!, scale: SCALE, seed: 7, now: NOW, log: quiet })
    client = new pg.Client({ connectionString: urls[0] })
    await client.connect()
  }, 120_000)

  afterAll(async () => {
    await client?.end()
    await withAdminClient(async (admin) => {
      for (const name of names) await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
    })
  })

  it('has the counts the scale asks for, at every region level', async () => {
    expect(result.rows.units).toBe(2000)
    expect(result.rows.domains).toBe(4000)
    expect(result.rows.site_applications).toBe(600)
    expect(await count('SELECT count(*) AS n FROM units')).toBe(2000)
    expect(await count('SELECT count(*) AS n FROM domains')).toBe(4000)
    expect(await count('SELECT count(*) AS n FROM site_applications')).toBe(600)
    for (const table of [
      'review_decisions',
      'domain_renewals',
      'fee_collections',
      'remittances',
      'ledger_entries',
      'badges',
      'paper_submissions',
    ]) {
      expect(await count(`SELECT count(*) AS n FROM ${table}`), table).toBe(result.rows[table])
      expect(result.rows[table], table).toBeGreaterThan(0)
    }
    const levels = await rows<{ level: string }>(
      'SELECT DISTINCT r.level::text FROM units u JOIN regions r ON r.code = u."regionCode" ORDER BY 1',
    )
    expect(levels.map((r) => r.level)).toEqual(['CITY', 'COUNTY', 'PROVINCE'])
    // Every unit is in a division with an office of its own (placeholders such as 市辖区 have none).
    expect(
      await count(
        'SELECT count(*) AS n FROM units u LEFT JOIN offices o ON o."regionCode" = u."regionCode" WHERE o.id IS NULL',
      ),
    ).toBe(0)
    const statuses = await rows<{ status: string }>('SELECT DISTINCT status::text FROM domains')
    expect(statuses.length).toBeGreaterThanOrEqual(8)
  })

  it('has valid identifiers and contacts', async () => {
    const units = await rows<{ creditCode: string; handlerIdNumberEnc: string | null; handlerMobile: string }>(
      'SELECT "creditCode", "handlerIdNumberEnc", "handlerMobile" FROM units',
    )
    expect(units.filter((u) => !isValidCreditCode(u.creditCode))).toEqual([])
    const unitIds = units.map((u) => openIdNumber('unit', u.handlerIdNumberEnc))
    expect(unitIds.filter((id) => id && !isValidIdNumber(id))).toEqual([])
    const sites = await rows<{ handlerIdNumberEnc: string }>('SELECT "handlerIdNumberEnc" FROM site_applications')
    const siteIds = sites.map((s) => openIdNumber('siteApplication', s.handlerIdNumberEnc))
    expect(siteIds.filter((id) => !id || !isValidIdNumber(id))).toEqual([])
  })

  it('keeps the relations the app relies on', async () => {
    // Foreign keys were re-added validated; none is left NOT VALID and the ledger triggers are on again.
    expect(await count(`SELECT count(*) AS n FROM pg_constraint WHERE contype = 'f' AND NOT convalidated`)).toBe(0)
    expect(
      await count(
        `SELECT count(*) AS n FROM pg_trigger WHERE tgrelid = 'ledger_entries'::regclass AND NOT tgisinternal AND tgenabled = 'D'`,
      ),
    ).toBe(0)
    expect(
      await count('SELECT count(*) AS n FROM domains d LEFT JOIN units u ON u.id = d."unitId" WHERE u.id IS NULL'),
    ).toBe(0)
    // The zone-serial trigger the load turned off is on again, and every pending domain is in its unit's region's
    // office queue (the trigger that sets it could not see the units while they were being copied).
    expect(
      await count(
        `SELECT count(*) AS n FROM pg_trigger WHERE tgrelid = 'domain_names'::regclass AND NOT tgisinternal AND tgenabled = 'D'`,
      ),
    ).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM domains WHERE status = 'PENDING_OFFICE_REVIEW'`)).toBeGreaterThan(0)
    expect(
      await count(
        `SELECT count(*) AS n FROM domains d JOIN units u ON u.id = d."unitId"
          WHERE d."queueRegionCode" IS DISTINCT FROM CASE WHEN d.status = 'PENDING_OFFICE_REVIEW' THEN u."regionCode" END`,
      ),
    ).toBe(0)
    // A site application is for a REGISTERED domain of its own unit, and at most one live application per domain.
    expect(
      await count(
        `SELECT count(*) AS n FROM site_applications s JOIN domains d ON d.id = s."chineseDomainId" WHERE d."unitId" <> s."unitId" OR d.status <> 'REGISTERED'`,
      ),
    ).toBe(0)
    expect(
      await count(
        `SELECT count(*) AS n FROM site_applications s JOIN site_application_domains b ON b."siteApplicationId" = s.id JOIN domains d ON d.id = b."domainId" WHERE d."unitId" <> s."unitId"`,
      ),
    ).toBe(0)
    expect(
      await count(
        `SELECT count(*) AS n FROM (SELECT "chineseDomainId" FROM site_applications WHERE status NOT IN ('DRAFT', 'WITHDRAWN', 'BADGE_CANCELLED') GROUP BY 1 HAVING count(*) > 1) x`,
      ),
    ).toBe(0)
    // Badges exactly for issued (ACTIVE) and cancelled (CANCELLED) applications.
    expect(
      await count(
        `SELECT count(*) AS n FROM site_applications s LEFT JOIN badges b ON b."siteApplicationId" = s.id WHERE (s.status IN ('BADGE_ISSUED', 'BADGE_CANCELLED')) <> (b.id IS NOT NULL) OR (s.status = 'BADGE_CANCELLED') <> (b.status = 'CANCELLED')`,
      ),
    ).toBe(0)
    // A registered domain was reviewed at both levels and paid for, and its charge is in the ledger.
    expect(
      await count(
        `SELECT count(*) AS n FROM domains d WHERE d.status IN ('REGISTERED', 'EXPIRED') AND (SELECT count(*) FROM review_decisions r WHERE r."domainId" = d.id AND r.result = 'APPROVED') <> 2`,
      ),
    ).toBe(0)
    expect(
      await count(
        `SELECT count(*) AS n FROM domains d LEFT JOIN fee_collection_items i ON i."domainId" = d.id AND i.kind = 'REGISTRATION' WHERE d.status IN ('REGISTERED', 'EXPIRED') AND i."chargeTransactionId" IS NULL`,
      ),
    ).toBe(0)
    expect(
      await count(
        `SELECT count(*) AS n FROM domains WHERE status = 'REGISTERED' AND "expiresAt" <= '2026-11-23 02:00'`,
      ),
    ).toBe(0)
    expect(
      await count(`SELECT count(*) AS n FROM domains WHERE status = 'EXPIRED' AND "expiresAt" > '2026-11-23 02:00'`),
    ).toBe(0)
    // Nothing happened after "now".
    expect(await count(`SELECT count(*) AS n FROM review_decisions WHERE "decidedAt" > '2026-11-23 02:00'`)).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM ledger_transactions WHERE "createdAt" > '2026-11-23 02:00'`)).toBe(0)
  })

  it('keeps the ledger: postings balance, remittances match their collections, balances are the sums of entries', async () => {
    expect(
      await count(
        'SELECT count(*) AS n FROM (SELECT "transactionId" FROM ledger_entries GROUP BY 1 HAVING sum("amountFen") <> 0) x',
      ),
    ).toBe(0)
    expect(
      await count(
        'SELECT count(*) AS n FROM accounts a LEFT JOIN (SELECT "accountId", sum("amountFen") AS s FROM ledger_entries GROUP BY 1) e ON e."accountId" = a.id WHERE a."balanceFen" <> coalesce(e.s, 0)',
      ),
    ).toBe(0)
    expect(
      await count(
        'SELECT count(*) AS n FROM remittances r WHERE r."amountFen" <> (SELECT sum("amountFen") FROM fee_collections c WHERE c."remittanceId" = r.id)',
      ),
    ).toBe(0)
    expect(
      await count(
        'SELECT count(*) AS n FROM fee_collections c WHERE c."amountFen" <> (SELECT sum("amountFen") FROM fee_collection_items i WHERE i."feeCollectionId" = c.id)',
      ),
    ).toBe(0)
    expect(await count(`SELECT count(*) AS n FROM accounts WHERE "balanceFen" <> 0`)).toBeGreaterThan(0)
    // The triggers are live again: a new entry moves its balance.
    const account = (
      await rows<{ id: number; balanceFen: string }>(
        `SELECT a.id, a."balanceFen" FROM accounts a JOIN offices o ON o.id = a."officeId" WHERE o.level = 'CENTRAL' AND a.kind = 'CONAC_REVENUE'`,
      )
    )[0]!
    const payments = (await rows<{ id: number }>(`SELECT a.id FROM accounts a WHERE a.kind = 'UNIT_PAYMENTS'`))[0]!
    await client.query('BEGIN')
    const { id } = (
      await client.query<{ id: number }>(
        `INSERT INTO ledger_transactions (kind, memo) VALUES ('CHARGE', 'test') RETURNING id`,
      )
    ).rows[0]!
    await client.query(
      `INSERT INTO ledger_entries ("transactionId", "accountId", "amountFen") VALUES (${id}, ${account.id}, 100), (${id}, ${payments.id}, -100)`,
    )
    const after = (await rows<{ balanceFen: string }>(`SELECT "balanceFen" FROM accounts WHERE id = ${account.id}`))[0]!
    await client.query('ROLLBACK')
    expect(BigInt(after.balanceFen) - BigInt(account.balanceFen)).toBe(100n)
  })

  it('gives the same data for the same seed', async () => {
    await prepareFreshDatabase(urls[1]!, quiet)
    await loadNationalDataset({ url: urls[1]!, scale: SCALE, seed: 7, now: NOW, log: quiet })
    const checksum = async (url: string) => {
      const other = new pg.Client({ connectionString: url })
      await other.connect()
      try {
        const sql = `SELECT md5(string_agg(u."creditCode" || u.name, ',' ORDER BY u.id)) || md5(string_agg(d.name || d.status || coalesce(d."expiresAt"::text, ''), ',' ORDER BY d.id)) AS sum
                       FROM units u JOIN domains d ON d."unitId" = u.id`
        return (await other.query<{ sum: string }>(sql)).rows[0]!.sum
      } finally {
        await other.end()
      }
    }
    expect(await checksum(urls[1]!)).toBe(await checksum(urls[0]!))
  }, 240_000)
})
