// The hot read-only raw SQL (review queue, statistics read) goes through db/prepared.ts: a named prepared statement
// on PostgreSQL, Prisma's $queryRaw on PGlite and inside a transaction. Either way it returns what $queryRaw
// returns for the values the callers select (json, text, arrays of parameters, null), again on the second run (when
// PostgreSQL executes the already prepared statement), and a statement inside a transaction sees the
// transaction's own writes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { queryPrepared } from '../../server/src/db/prepared.ts'
import { Prisma } from '../../server/src/generated/prisma/client.ts'
import { parseJsonColumn } from '../../server/src/lib/jsonRows.ts'
import { createTestDatabase, type TestDatabase } from '../testkit/database.ts'

let db: TestDatabase
beforeAll(async () => {
  db = await createTestDatabase()
})
afterAll(() => db?.destroy())

const statement = (codes: string[] | null, limit: number) => Prisma.sql`
  SELECT jsonb_build_object('code', r.code, 'name', r.name, 'level', r.level) AS "row", r.path AS "path"
    FROM regions r
   WHERE (${codes}::text[] IS NULL OR r.code = ANY (${codes}::text[]))
   ORDER BY r.code
   LIMIT ${limit}`

describe('queryPrepared', () => {
  it('returns the rows $queryRaw returns, on the first and the repeated run', async () => {
    for (const [codes, limit] of [
      [['410922', '410923', '410900'], 10],
      [null, 5],
      [['410922'], 1],
      [[], 3],
    ] as const) {
      const sql = statement(codes as string[] | null, limit)
      const viaPrisma = await db.prisma.$queryRaw<{ row: unknown; path: string }[]>(sql)
      const normalise = (rows: { row: unknown; path: string }[]) =>
        rows.map(({ row, path }) => ({ row: parseJsonColumn(row), path }))
      for (let run = 0; run < 3; run++)
        expect(normalise(await queryPrepared<{ row: unknown; path: string }>(db.prisma, sql))).toEqual(
          normalise(viaPrisma),
        )
    }
    const [some] = await queryPrepared<{ row: unknown }>(db.prisma, statement(['410922'], 1))
    expect(parseJsonColumn(some!.row)).toMatchObject({ code: '410922', level: 'COUNTY' })
  })

  it('runs inside the transaction it is given', async () => {
    await db.prisma
      .$transaction(async (tx) => {
        await tx.$executeRaw`UPDATE regions SET name = name || '（事务内）' WHERE code = '410922'`
        const [inside] = await queryPrepared<{ row: unknown }>(tx, statement(['410922'], 1))
        expect(parseJsonColumn<{ name: string }>(inside!.row).name).toContain('（事务内）')
        throw new Error('roll back')
      })
      .catch((error: Error) => expect(error.message).toBe('roll back'))
    const [after] = await queryPrepared<{ row: unknown }>(db.prisma, statement(['410922'], 1))
    expect(parseJsonColumn<{ name: string }>(after!.row).name).not.toContain('（事务内）')
  })
})
