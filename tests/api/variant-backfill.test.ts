// 简繁变体补留 (modules/domainNames/backfill.ts, the scheduled job variantBackfill): domains that reached the database
// without their 简繁 variants (imported by 数据迁移, or older than variants) get them a chunk at a time, each run going
// on from where the last stopped. The rule is reserveVariants': a variant another live domain holds stays with it, a
// rejected domain gets none, an ASCII name has none; the lower domain id wins between two domains of one chunk.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { reserveMissingVariants } from '../../server/src/modules/domainNames/backfill.ts'
import { variantsOf } from '../../server/src/modules/domainNames/variants.ts'
import { jobByName, runJob } from '../../server/src/modules/jobs/registry.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

let t: TestApp

beforeAll(async () => {
  t = await createTestApp()
})

afterAll(async () => {
  await t?.close()
})

const variantRows = async (domainId: number) =>
  (
    await t.db.prisma.domainName.findMany({
      where: { domainId, kind: 'VARIANT' },
      select: { uLabel: true, resolves: true, live: true },
      orderBy: { uLabel: 'asc' },
    })
  ).map((row) => [row.uLabel, row.resolves, row.live])

describe('简繁变体补留', () => {
  it('reserves the missing variants run by run from its cursor, leaving names other domains hold', async () => {
    const [first, second] = [
      await createUnit(t.db.prisma, { regionCode: '410922' }),
      await createUnit(t.db.prisma, { regionCode: '410923' }),
    ]
    const name = '清丰县人民政府门户网'
    const variants = variantsOf(name)
    expect(variants.length).toBeGreaterThan(1)
    // Written straight into the database, as the import writes them: PRIMARY names only.
    const imported = await createDomain(t.db.prisma, { unitId: first.id, name, status: 'REGISTERED' })
    // Another unit's live domain already has one of the variants as its own name: it keeps it.
    const holder = await createDomain(t.db.prisma, { unitId: second.id, name: variants[0]!, status: 'REGISTERED' })
    const ascii = await createDomain(t.db.prisma, { unitId: first.id, name: 'qingfeng-backfill', status: 'REGISTERED' })
    const rejected = await createDomain(t.db.prisma, {
      unitId: first.id,
      name: '南乐县门户网',
      status: 'OFFICE_REJECTED',
    })
    const other = await createDomain(t.db.prisma, { unitId: second.id, name: '南乐县门户网', status: 'REGISTERED' })
    for (const domain of [imported, holder, ascii, rejected, other]) expect(await variantRows(domain.id)).toEqual([])

    const job = jobByName('variantBackfill')!
    expect(job.title).toBe('简繁变体补留')
    const options = { variantBackfill: { domainsPerRun: 2, chunk: 1 } }
    const results: { scanned: number; reserved: number; lastDomainId: number }[] = []
    // One run per 5-minute slot, two domains each, until a run finds none left.
    for (let slot = 0; slot < 50; slot++) {
      const now = new Date(Date.UTC(2026, 11, 7, 2, 0) + slot * 5 * 60_000)
      const { run, alreadyRan } = await runJob(t.db.prisma, job, { now, options })
      expect(alreadyRan).toBe(false)
      expect(run.status).toBe('SUCCEEDED')
      const result = run.result as (typeof results)[number]
      results.push(result)
      if (result.scanned === 0) break
    }
    // Every run went on after the last one's cursor: no domain was looked at twice.
    expect(results.at(-1)!.scanned).toBe(0)
    for (let i = 1; i < results.length; i++) {
      expect(results[i]!.lastDomainId).toBeGreaterThanOrEqual(results[i - 1]!.lastDomainId)
      expect(results[i - 1]!.scanned).toBeLessThanOrEqual(2)
    }

    expect(await variantRows(imported.id)).toEqual(
      variants
        .filter((variant) => variant !== holder.name)
        .sort()
        .map((variant) => [variant, false, true]),
    )
    expect(await variantRows(holder.id)).not.toContainEqual([name, false, true])
    expect(await variantRows(ascii.id)).toEqual([])
    expect(await variantRows(rejected.id)).toEqual([])
    expect((await variantRows(other.id)).map(([uLabel]) => uLabel)).toEqual(variantsOf('南乐县门户网').sort())

    // Again from the start: nothing more to reserve.
    const again = await reserveMissingVariants(t.db.prisma, { afterId: 0, maxDomains: 1_000_000 })
    expect(again.reserved).toBe(0)
    expect(again.done).toBe(true)
  })

  it('gives a variant two domains of one chunk share to the lower id, as one by one', async () => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    // 清丰县发展 and the half-traditional 清丰县發展 share the variant 清豐縣發展; each is also the other's variant.
    const [a, b] = ['清丰县发展', '清丰县發展']
    const shared = variantsOf(a).filter((variant) => variantsOf(b).includes(variant) && variant !== b)
    expect(shared).toEqual(['清豐縣發展'])
    const lower = await createDomain(t.db.prisma, { unitId: unit.id, name: a, status: 'REGISTERED' })
    const higher = await createDomain(t.db.prisma, { unitId: unit.id, name: b, status: 'REGISTERED' })
    await reserveMissingVariants(t.db.prisma, { afterId: lower.id - 1, maxDomains: 10, chunk: 10 })
    const lowerRows = (await variantRows(lower.id)).map(([uLabel]) => uLabel)
    const higherRows = (await variantRows(higher.id)).map(([uLabel]) => uLabel)
    // Each holds its own name, so neither gets the other's as a variant.
    expect(lowerRows).not.toContain(b)
    expect(higherRows).not.toContain(a)
    for (const variant of shared) {
      expect(lowerRows).toContain(variant)
      expect(higherRows).not.toContain(variant)
    }
  })
})
