// 域名生命周期期限 as dated settings (issue 19: "Periods are dated settings like the price list"): CONAC's 管理员 adds
// an entry from a later day on (setDomainLifecyclePeriods), every office reads the entries with the one in force
// today marked (domainLifecyclePeriods); bad input changes nothing; and a new entry governs only the domains that
// expire from its day on, never one that expired before it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import { beijingDay } from '../../server/src/lib/workdays.ts'
import { runDomainLifecycle } from '../../server/src/modules/lifecycle/advance.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'

const Periods = graphql(`
  query TestLifecyclePeriods {
    domainLifecyclePeriods {
      id
      graceDays
      redemptionDays
      holdDays
      effectiveFrom
      inForce
    }
  }
`)

const SetPeriods = graphql(`
  mutation TestSetLifecyclePeriods($input: SetDomainLifecyclePeriodsInput!) {
    setDomainLifecyclePeriods(input: $input) {
      id
      graceDays
      redemptionDays
      holdDays
      effectiveFrom
      inForce
    }
  }
`)

const NextStep = graphql(`
  query TestLifecyclePeriodsNextStep($id: ID!) {
    domain(id: $id) {
      nextLifecycleStep {
        status
        at
      }
    }
  }
`)

const DAY = 86_400_000
let t: TestApp
let prisma: PrismaClient
const cookies: Record<string, string> = {}

beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
  for (const name of ['conac', 'puyang', 'py-admin']) cookies[name] = await t.login(name)
})
afterAll(() => t?.close())

const as = (name: string) => ({ cookie: cookies[name] })
/** The Beijing calendar day `days` from today. */
const dayFromToday = (days: number) => beijingDay(new Date(Date.now() + days * DAY))
const entryCount = () => prisma.domainLifecyclePeriods.count()

describe('lifecycle periods as dated settings', () => {
  it('CONAC adds an entry from a later day; the list shows it beside the entry in force today; audited', async () => {
    const effectiveFrom = dayFromToday(20)
    const set = await t.execute(
      SetPeriods,
      { input: { graceDays: 15, redemptionDays: 20, holdDays: 60, effectiveFrom } },
      as('conac'),
    )
    expect(set.errors).toBeUndefined()
    expect(set.data!.setDomainLifecyclePeriods).toMatchObject({
      graceDays: 15,
      redemptionDays: 20,
      holdDays: 60,
      effectiveFrom,
      inForce: false,
    })
    const audit = await prisma.auditLog.findFirstOrThrow({
      where: { action: 'domainLifecyclePeriods.set', subjectId: set.data!.setDomainLifecyclePeriods.id },
    })
    expect(audit.actorUserId).not.toBeNull()

    // Every office reads them (a city office here), newest first, the migration's entry of 2000 in force today.
    const list = await t.execute(Periods, {}, as('puyang'))
    expect(list.errors).toBeUndefined()
    const entries = list.data!.domainLifecyclePeriods
    expect(entries[0]).toMatchObject({ effectiveFrom, inForce: false })
    expect(entries.filter((entry) => entry.inForce)).toEqual([
      expect.objectContaining({ effectiveFrom: '2000-01-01', graceDays: 30, redemptionDays: 30, holdDays: 30 }),
    ])
  })

  it.each([
    ['no grace', { graceDays: 0 }, 'graceDays'],
    ['a redemption of 366 days', { redemptionDays: 366 }, 'redemptionDays'],
    ['a negative hold', { holdDays: -1 }, 'holdDays'],
    ['a hold of 3651 days', { holdDays: 3651 }, 'holdDays'],
    ['yesterday', { effectiveFrom: dayFromToday(-1) }, 'effectiveFrom'],
    ['today (domains expiring today may have moved already)', { effectiveFrom: dayFromToday(0) }, 'effectiveFrom'],
    ['a day that does not exist', { effectiveFrom: '2031-02-30' }, 'effectiveFrom'],
    ['a date and time', { effectiveFrom: `${dayFromToday(5)}T00:00:00Z` }, 'effectiveFrom'],
    ['no date', { effectiveFrom: '' }, 'effectiveFrom'],
  ])('refuses %s with BAD_USER_INPUT naming the field, writing nothing', async (_case, change, field) => {
    const before = await entryCount()
    const input = { graceDays: 30, redemptionDays: 30, holdDays: 30, effectiveFrom: dayFromToday(40), ...change }
    const result = await t.execute(SetPeriods, { input }, as('conac'))
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys((result.errors![0]!.extensions as { fields: object }).fields)).toContain(field)
    expect(await entryCount()).toBe(before)
  })

  it('refuses a second entry on the same day with CONFLICT (an entry is never edited)', async () => {
    const input = { graceDays: 30, redemptionDays: 30, holdDays: 30, effectiveFrom: dayFromToday(50) }
    expect((await t.execute(SetPeriods, { input }, as('conac'))).errors).toBeUndefined()
    const again = await t.execute(SetPeriods, { input: { ...input, graceDays: 10 } }, as('conac'))
    expect(errorCodes(again)).toEqual(['CONFLICT'])
    const stored = await prisma.domainLifecyclePeriods.findMany({
      where: { effectiveFrom: new Date(`${input.effectiveFrom}T00:00:00Z`) },
    })
    expect(stored.map((entry) => entry.graceDays)).toEqual([30])
  })

  it('refuses every office below CONAC, its 管理员 too', async () => {
    const before = await entryCount()
    for (const name of ['puyang', 'py-admin']) {
      const input = { graceDays: 30, redemptionDays: 30, holdDays: 30, effectiveFrom: dayFromToday(60) }
      expect(errorCodes(await t.execute(SetPeriods, { input }, as(name))), name).toEqual(['FORBIDDEN'])
    }
    expect(await entryCount()).toBe(before)
  })

  it('a new entry governs domains expiring from its day on, never one that expired before it', async () => {
    const unit = await createUnit(prisma, { regionCode: '410922' })
    const effectiveFrom = dayFromToday(2)
    // Expired three days ago (01:00 Beijing): under the entry of 2000, 30 days of grace.
    const expiredBefore = await createDomain(prisma, {
      unitId: unit.id,
      status: 'REGISTERED',
      name: '生命周期期限测试甲',
      expiresAt: new Date(`${dayFromToday(-3)}T01:00:00+08:00`),
    })
    // Expires at 00:30 Beijing on the entry's first day: the new entry's.
    const expiresOnTheDay = await createDomain(prisma, {
      unitId: unit.id,
      status: 'REGISTERED',
      name: '生命周期期限测试乙',
      expiresAt: new Date(`${effectiveFrom}T00:30:00+08:00`),
    })
    const stepBefore = (await t.execute(NextStep, { id: String(expiredBefore.id) }, as('conac'))).data!.domain
    const set = await t.execute(
      SetPeriods,
      { input: { graceDays: 2, redemptionDays: 3, holdDays: 4, effectiveFrom } },
      as('conac'),
    )
    expect(set.errors).toBeUndefined()
    expect((await t.execute(NextStep, { id: String(expiredBefore.id) }, as('conac'))).data!.domain).toEqual(stepBefore)

    // Ten days after the entry's first day: the domain under it has been through all of 2 + 3 + 4 days.
    await runDomainLifecycle(prisma, new Date(`${dayFromToday(12)}T02:00:00+08:00`))
    const status = async (id: number) => (await prisma.domain.findUniqueOrThrow({ where: { id } })).status
    expect(await status(expiredBefore.id)).toBe('GRACE')
    expect(await status(expiresOnTheDay.id)).toBe('RELEASED')
    const release = await prisma.auditLog.findFirstOrThrow({
      where: { subjectType: 'Domain', subjectId: String(expiresOnTheDay.id), action: 'domain.release' },
    })
    expect((release.after as { periodsFrom: string }).periodsFrom).toBe(`${effectiveFrom}T00:00:00.000Z`)
  })
})
