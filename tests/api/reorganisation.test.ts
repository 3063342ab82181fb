// 机构改革: rename, merge (into a new unit, or one source absorbing the others), split and abolish, each one reviewed
// request listing where every domain, badge, site application, micro-site and user goes. The dry run finds an object
// listed twice or left out, units outside the office's area, suffix mismatches; filing refuses the same plan; the
// same office approves with four eyes, the office above for a cross-area plan (CONAC across provinces); approval
// carries the plan out atomically (an injected failure mid-way leaves nothing moved); the verification page shows
// the new unit and the date; the audit trail has the event under old and new units; statistics keep counts dated
// before the effective date with the old region; a domain with an open renewal cannot be planned, and the other way.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { beijingDay } from '../../server/src/lib/workdays.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { ReorganisationPlanInput } from '../graphql/generated/graphql.ts'
import { makeUserLike } from '../testkit/accounts.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit, makeCreditCode } from '../testkit/fixtures.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

const DryRun = graphql(`
  query TestReorgDryRun($plan: ReorganisationPlanInput!) {
    reorganisationDryRun(plan: $plan) {
      valid
      problems {
        path
        code
        message
      }
      objects {
        objectType
        objectId
        label
        unitId
        action
        targetRef
        listedTimes
      }
      reviewOffice {
        name
        crossArea
      }
    }
  }
`)

const Propose = graphql(`
  mutation TestReorgPropose($input: ReorganisationPlanInput!) {
    proposeReorganisation(input: $input) {
      id
      status
      version
      kind
      reviewOffice {
        name
      }
      viewerMayReview
      viewerMayWithdraw
    }
  }
`)

const Review = graphql(`
  mutation TestReorgReview($input: ReviewReorganisationInput!) {
    reviewReorganisation(input: $input) {
      id
      status
      movedCount
      cancelledCount
      targets {
        ref
        unitId
        name
        isNew
      }
      objects {
        objectType
        objectId
        action
        targetName
      }
    }
  }
`)

const Withdraw = graphql(`
  mutation TestReorgWithdraw($input: WithdrawReorganisationInput!) {
    withdrawReorganisation(input: $input) {
      id
      status
    }
  }
`)

const List = graphql(`
  query TestReorgList {
    unitReorganisations(first: 50) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
  }
`)

const Verify = graphql(`
  query TestReorgVerify($badgeNumber: String!) {
    badgeVerification(badgeNumber: $badgeNumber) {
      unitName
      reorganisation {
        kind
        formerUnitName
        effectiveDate
      }
    }
  }
`)

const Quote = graphql(`
  query TestReorgRenewalQuote($domainIds: [ID!]!) {
    renewalQuote(domainIds: $domainIds, years: 1) {
      count
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
const today = beijingDay(new Date())

beforeAll(async () => {
  t = await createTestApp()
  for (const login of ['qingfeng', 'nanle', 'puyang', 'henan', 'conac']) cookies[login] = await t.login(login)
  // A second 审核员 in 清丰县 and in 濮阳市 for the four-eyes rule.
  for (const like of ['qingfeng', 'puyang']) {
    const second = await makeUserLike(t, like, { officeRoles: ['REVIEWER'] })
    cookies[`${like}2`] = await t.login(second.username)
  }
}, 120_000)

afterAll(async () => {
  await t?.close()
})

/** A unit with a registered domain, an issued badge (with its own domain), a primary user and a deputy. */
async function unitWithObjects(
  regionCode: string,
  type: 'PARTY_GOVERNMENT' | 'PUBLIC_INSTITUTION' = 'PARTY_GOVERNMENT',
) {
  const unit = await createUnit(t.db.prisma, { regionCode, type })
  const suffix = type === 'PARTY_GOVERNMENT' ? 'ZHENGWU' : 'GONGYI'
  const domain = await createDomain(t.db.prisma, { unitId: unit.id, suffix, status: 'REGISTERED' })
  const { badge } = await createIssuedBadge(t.db.prisma, { unitId: unit.id })
  const stamp = `${unit.id}${Math.floor(Math.random() * 1e6)}`
  const { passwordHash } = await t.db.prisma.user.findUniqueOrThrow({ where: { username: 'qfzf' } })
  const primary = await t.db.prisma.user.create({
    data: {
      username: `reorg-p${stamp}`,
      displayName: '主账号',
      role: 'UNIT_USER',
      unitId: unit.id,
      unitRole: 'PRIMARY',
      passwordHash,
    },
  })
  const deputy = await t.db.prisma.user.create({
    data: {
      username: `reorg-d${stamp}`,
      displayName: '其他用户',
      role: 'UNIT_USER',
      unitId: unit.id,
      unitRole: 'DEPUTY',
      status: 'PENDING_ACTIVATION',
    },
  })
  return { unit, domain, badge, primary, deputy }
}

function newUnitFacts(
  regionCode: string,
  name: string,
  type: 'PARTY_GOVERNMENT' | 'PUBLIC_INSTITUTION' = 'PARTY_GOVERNMENT',
) {
  return {
    name,
    creditCode: makeCreditCode(regionCode, type === 'PUBLIC_INSTITUTION' ? '12' : '11'),
    regionCode,
    type,
    systemCategory: type === 'PUBLIC_INSTITUTION' ? ('PUBLIC_INSTITUTION' as const) : ('GOVERNMENT' as const),
    address: '河南省濮阳市测试路 1 号',
    postcode: '457300',
    handlerName: '张经办',
    handlerMobile: '13900001111',
    handlerEmail: 'reorg@example.com',
  }
}

const uniqueName = (prefix: string) => `${prefix}${Date.now() % 1_000_000}${Math.floor(Math.random() * 1000)}`

type Plan = ReorganisationPlanInput

/** The objects of the plan's sources (a dry run with no assignments), each placed by `place` (a ref or CANCEL). */
async function complete(
  login: string,
  plan: Plan,
  place: (o: { objectType: string; unitId: string }) => string,
): Promise<Plan> {
  const result = await t.execute(DryRun, { plan: { ...plan, assignments: [] } }, { cookie: cookies[login] })
  expect(result.errors).toBeUndefined()
  const assignments = result.data!.reorganisationDryRun.objects.map((o) => {
    const where = place(o)
    return where === 'CANCEL'
      ? { objectType: o.objectType, objectId: o.objectId, action: 'CANCEL' as const }
      : { objectType: o.objectType, objectId: o.objectId, action: 'MOVE' as const, targetRef: where }
  })
  return { ...plan, assignments }
}

async function dryRun(login: string, plan: Plan) {
  const result = await t.execute(DryRun, { plan }, { cookie: cookies[login] })
  expect(result.errors).toBeUndefined()
  return result.data!.reorganisationDryRun
}

async function propose(login: string, plan: Plan) {
  return t.execute(Propose, { input: plan }, { cookie: cookies[login] })
}

async function approve(login: string, id: string, note?: string) {
  return t.execute(Review, { input: { id, approve: true, ...(note ? { note } : {}) } }, { cookie: cookies[login] })
}

const unitRow = (id: number) => t.db.prisma.unit.findUniqueOrThrow({ where: { id } })

describe('rename', () => {
  it('keeps the unit’s id, changes its name, keeps the old one in history and on the verification page', async () => {
    const { unit, badge } = await unitWithObjects('410922')
    const newName = uniqueName('清丰县更名后单位')
    const plan: Plan = {
      kind: 'RENAME',
      effectiveDate: today,
      sourceUnitIds: [String(unit.id)],
      targets: [],
      newName,
      assignments: [],
      note: '清编〔2026〕1 号',
    }
    const run = await dryRun('qingfeng', plan)
    expect(run.problems).toEqual([])
    expect(run.reviewOffice).toMatchObject({ crossArea: false })

    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const id = filed.data!.proposeReorganisation.id
    expect(filed.data!.proposeReorganisation.viewerMayReview).toBe(false)

    // Four eyes: the person who filed it may not approve it.
    const own = await approve('qingfeng', id)
    expect(errorCodes(own)).toEqual(['FORBIDDEN'])
    expect(own.errors![0]!.extensions).toMatchObject({ reason: 'FOUR_EYES' })

    const done = await approve('qingfeng2', id)
    expect(done.errors).toBeUndefined()
    expect(done.data!.reviewReorganisation.status).toBe('CARRIED_OUT')
    const after = await unitRow(unit.id)
    expect(after.name).toBe(newName)
    expect(after.status).toBe('ACTIVE')
    const succession = await t.db.prisma.unitSuccession.findFirstOrThrow({ where: { predecessorUnitId: unit.id } })
    expect(succession).toMatchObject({ kind: 'RENAME', predecessorName: unit.name, successorName: newName })

    const verified = await t.execute(Verify, { badgeNumber: badge.badgeNumber })
    expect(verified.data!.badgeVerification).toMatchObject({
      unitName: newName,
      reorganisation: { kind: 'RENAME', formerUnitName: unit.name, effectiveDate: today },
    })
  })

  it('refuses a name another unit holds', async () => {
    const { unit } = await unitWithObjects('410922')
    const other = await createUnit(t.db.prisma, { regionCode: '410922' })
    const run = await dryRun('qingfeng', {
      kind: 'RENAME',
      effectiveDate: today,
      sourceUnitIds: [String(unit.id)],
      targets: [],
      newName: other.name,
      assignments: [],
      note: '更名',
    })
    expect(run.problems.map((p) => p.code)).toContain('NAME_TAKEN')
  })
})

describe('merge into a new unit', () => {
  it('moves every object of both sources, deactivates them, and records the event under every unit', async () => {
    const a = await unitWithObjects('410922')
    const b = await unitWithObjects('410922')
    const dnsBefore = await t.db.prisma.dnsRecord.count({ where: { domainId: { in: [a.domain.id, b.domain.id] } } })
    const name = uniqueName('清丰县合并新设单位')
    const plan = await complete(
      'qingfeng',
      {
        kind: 'MERGE',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id), String(b.unit.id)],
        targets: [{ ref: 'T1', newUnit: newUnitFacts('410922', name) }],
        assignments: [],
        note: '清编〔2026〕2 号',
      },
      () => 'T1',
    )
    expect(plan.assignments.length).toBe(2 * (1 + 2 + 2)) // a domain, the badge and its domain, two users each
    expect((await dryRun('qingfeng', plan)).problems).toEqual([])
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const done = await approve('qingfeng2', filed.data!.proposeReorganisation.id)
    expect(done.errors).toBeUndefined()
    const result = done.data!.reviewReorganisation
    expect(result.movedCount).toBe(10)
    const c = result.targets[0]!
    expect(c).toMatchObject({ name, isNew: true })
    const cId = Number(c.unitId)

    for (const source of [a, b]) {
      expect((await unitRow(source.unit.id)).status).toBe('INACTIVE')
      expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: source.domain.id } })).unitId).toBe(cId)
      const badge = await t.db.prisma.badge.findUniqueOrThrow({
        where: { id: source.badge.id },
        include: { siteApplication: true },
      })
      expect(badge.unitId).toBe(cId)
      expect(badge.siteApplication.unitId).toBe(cId)
    }
    // One primary account per unit: the first to arrive stays primary, the other becomes one of its other users.
    const users = await t.db.prisma.user.findMany({ where: { unitId: cId }, orderBy: { id: 'asc' } })
    expect(users.map((u) => u.unitRole).sort()).toEqual(['DEPUTY', 'DEPUTY', 'DEPUTY', 'PRIMARY'])
    // DNS records stay with their domains.
    expect(await t.db.prisma.dnsRecord.count({ where: { domainId: { in: [a.domain.id, b.domain.id] } } })).toBe(
      dnsBefore,
    )

    const audits = await t.db.prisma.auditLog.findMany({ where: { action: 'unit.reorganise', subjectType: 'Unit' } })
    const subjects = audits.map((row) => Number(row.subjectId))
    expect(subjects).toEqual(expect.arrayContaining([a.unit.id, b.unit.id, cId]))
    const successions = await t.db.prisma.unitSuccession.findMany({ where: { successorUnitId: cId } })
    expect(successions.map((s) => s.predecessorUnitId).sort()).toEqual([a.unit.id, b.unit.id].sort())

    const verified = await t.execute(Verify, { badgeNumber: a.badge.badgeNumber })
    expect(verified.data!.badgeVerification).toMatchObject({
      unitName: name,
      reorganisation: { kind: 'MERGE', formerUnitName: a.unit.name, effectiveDate: today },
    })
  })

  it('A absorbs B: A stays active and takes B’s objects', async () => {
    const a = await unitWithObjects('410922')
    const b = await unitWithObjects('410922')
    const plan = await complete(
      'qingfeng',
      {
        kind: 'MERGE',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id), String(b.unit.id)],
        targets: [{ ref: 'T1', existingUnitId: String(a.unit.id) }],
        assignments: [],
        note: '并入',
      },
      () => 'T1',
    )
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    expect((await approve('qingfeng2', filed.data!.proposeReorganisation.id)).errors).toBeUndefined()
    expect((await unitRow(a.unit.id)).status).toBe('ACTIVE')
    expect((await unitRow(b.unit.id)).status).toBe('INACTIVE')
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: b.domain.id } })).unitId).toBe(a.unit.id)
  })
})

describe('split', () => {
  it('refuses a domain sent to a unit of the wrong type, then sends each object where listed', async () => {
    const a = await unitWithObjects('410922')
    const left = uniqueName('清丰县拆分甲')
    const right = uniqueName('清丰县拆分乙')
    const base: Plan = {
      kind: 'SPLIT',
      effectiveDate: today,
      sourceUnitIds: [String(a.unit.id)],
      targets: [
        { ref: 'T1', newUnit: newUnitFacts('410922', left) },
        { ref: 'T2', newUnit: newUnitFacts('410922', right, 'PUBLIC_INSTITUTION') },
      ],
      assignments: [],
      note: '拆分',
    }
    // A .政务 domain cannot go to a 事业单位 (.公益).
    const wrong = await complete('qingfeng', base, (o) => (o.objectType === 'DOMAIN' ? 'T2' : 'T1'))
    const problems = (await dryRun('qingfeng', wrong)).problems
    expect(problems.map((p) => p.code)).toContain('SUFFIX')

    const plan = await complete('qingfeng', base, (o) => (o.objectType === 'USER' ? 'T2' : 'T1'))
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const done = await approve('qingfeng2', filed.data!.proposeReorganisation.id)
    expect(done.errors).toBeUndefined()
    const targets = done.data!.reviewReorganisation.targets
    const t1 = Number(targets.find((x) => x.ref === 'T1')!.unitId)
    const t2 = Number(targets.find((x) => x.ref === 'T2')!.unitId)
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: a.domain.id } })).unitId).toBe(t1)
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: a.primary.id } })).unitId).toBe(t2)
    expect((await unitRow(a.unit.id)).status).toBe('INACTIVE')
    const successors = await t.db.prisma.unitSuccession.findMany({ where: { predecessorUnitId: a.unit.id } })
    expect(successors.map((s) => s.successorUnitId).sort()).toEqual([t1, t2].sort())
  })
})

describe('abolish', () => {
  it('cancels every object and disables the users', async () => {
    const a = await unitWithObjects('410922')
    // The badge's forward on its Chinese domain, as issuing it writes: it goes with the badge, as a badge 注销 does.
    const { chineseDomainId } = await t.db.prisma.siteApplication.findUniqueOrThrow({
      where: { id: a.badge.siteApplicationId },
    })
    const group = `badge-${a.badge.id}`
    await t.db.prisma.dnsRecord.createMany({
      data: [
        {
          domainId: chineseDomainId!,
          host: '@',
          type: 'URL_FORWARD',
          value: 'http://portal.example/m/1',
          forwardGroup: group,
          forwardRedirect: 'TEMPORARY',
          forwardKeepPath: false,
        },
        { domainId: chineseDomainId!, host: '@', type: 'A', value: '192.0.2.50', forwardGroup: group },
      ],
    })
    const plan = await complete(
      'qingfeng',
      {
        kind: 'ABOLISH',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id)],
        targets: [],
        assignments: [],
        note: '撤销',
      },
      () => 'CANCEL',
    )
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const done = await approve('qingfeng2', filed.data!.proposeReorganisation.id)
    expect(done.errors).toBeUndefined()
    expect(done.data!.reviewReorganisation.cancelledCount).toBe(5)
    expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: a.domain.id } })).status).toBe('CANCELLED')
    expect((await t.db.prisma.badge.findUniqueOrThrow({ where: { id: a.badge.id } })).status).toBe('CANCELLED')
    expect(await t.db.prisma.dnsRecord.count({ where: { forwardGroup: group } })).toBe(0)
    const history = await t.db.prisma.dnsRecordChange.findMany({ where: { badgeId: a.badge.id } })
    expect(history.map((row) => [row.cause, row.action, row.reorganisationId])).toEqual([
      ['BADGE_CANCELLED', 'DELETED', Number(filed.data!.proposeReorganisation.id)],
      ['BADGE_CANCELLED', 'DELETED', Number(filed.data!.proposeReorganisation.id)],
    ])
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: a.primary.id } })).status).toBe('DISABLED')
    // The deputy never activated: it keeps its status but is marked disabled and can no longer be placed.
    expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: a.deputy.id } })).disabledAt).not.toBeNull()
    expect((await unitRow(a.unit.id)).status).toBe('INACTIVE')
  })
})

describe('the dry run and filing refuse an incomplete or inconsistent plan', () => {
  it('names an object listed twice and one left out, and filing writes nothing', async () => {
    const a = await unitWithObjects('410922')
    const b = await unitWithObjects('410922')
    const plan = await complete(
      'qingfeng',
      {
        kind: 'MERGE',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id), String(b.unit.id)],
        targets: [{ ref: 'T1', existingUnitId: String(a.unit.id) }],
        assignments: [],
        note: '合并',
      },
      () => 'T1',
    )
    const broken = { ...plan, assignments: [...plan.assignments.slice(1), plan.assignments[2]!] }
    const run = await dryRun('qingfeng', broken)
    expect(run.valid).toBe(false)
    const codes = run.problems.map((p) => p.code)
    expect(codes).toContain('LISTED_TWICE')
    expect(codes).toContain('LEFT_OUT')
    expect(run.objects.find((o) => o.listedTimes === 2)).toBeTruthy()
    expect(run.objects.find((o) => o.listedTimes === 0)).toBeTruthy()

    const before = await t.db.prisma.unitReorganisation.count()
    const filed = await propose('qingfeng', broken)
    expect(errorCodes(filed)).toEqual(['BAD_USER_INPUT'])
    const problems = filed.errors![0]!.extensions!.problems as { code: string }[]
    expect(problems.map((p) => p.code)).toEqual(expect.arrayContaining(['LISTED_TWICE', 'LEFT_OUT']))
    expect(await t.db.prisma.unitReorganisation.count()).toBe(before)
    const domain = await t.db.prisma.domain.findUniqueOrThrow({ where: { id: a.domain.id } })
    expect(domain.version).toBe(a.domain.version)
  })

  it('refuses a future date, a missing note and another area’s units', async () => {
    const a = await unitWithObjects('410922')
    const run = await dryRun('nanle', {
      kind: 'ABOLISH',
      effectiveDate: '2999-01-01',
      sourceUnitIds: [String(a.unit.id)],
      targets: [],
      assignments: [],
      note: '',
    })
    const codes = run.problems.map((p) => p.code)
    expect(codes).toEqual(expect.arrayContaining(['DATE_FUTURE', 'NOTE', 'OUTSIDE_AREA']))
    // The other county's objects are not listed to it.
    expect(run.objects).toEqual([])
    const filed = await propose('nanle', {
      kind: 'ABOLISH',
      effectiveDate: today,
      sourceUnitIds: [String(a.unit.id)],
      targets: [],
      assignments: [],
      note: '撤销',
    })
    expect(errorCodes(filed)).toEqual(['BAD_USER_INPUT'])
  })
})

describe('cross-area review', () => {
  it('a target in another county is approved by the city office, not by the county', async () => {
    const a = await unitWithObjects('410922')
    const b = await unitWithObjects('410922')
    const plan = await complete(
      'qingfeng',
      {
        kind: 'MERGE',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id), String(b.unit.id)],
        targets: [{ ref: 'T1', newUnit: newUnitFacts('410923', uniqueName('南乐县合并新设')) }],
        assignments: [],
        note: '跨县合并',
      },
      () => 'T1',
    )
    const run = await dryRun('qingfeng', plan)
    expect(run.reviewOffice).toMatchObject({ crossArea: true })
    expect(run.reviewOffice!.name).toContain('濮阳')
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const id = filed.data!.proposeReorganisation.id
    expect(errorCodes(await approve('qingfeng2', id))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await approve('nanle', id))).toEqual(['NOT_FOUND'])
    const done = await approve('puyang', id)
    expect(done.errors).toBeUndefined()
    expect(done.data!.reviewReorganisation.status).toBe('CARRIED_OUT')
  })

  it('a target in another province is approved by CONAC', async () => {
    const a = await unitWithObjects('410922')
    const plan = await complete(
      'qingfeng',
      {
        kind: 'SPLIT',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id)],
        targets: [
          { ref: 'T1', newUnit: newUnitFacts('410922', uniqueName('清丰拆分留本地')) },
          { ref: 'T2', newUnit: newUnitFacts('130000', uniqueName('河北拆分新设')) },
        ],
        assignments: [],
        note: '跨省拆分',
      },
      (o) => (o.objectType === 'USER' ? 'T2' : 'T1'),
    )
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    expect(filed.data!.proposeReorganisation.reviewOffice.name).not.toContain('濮阳')
    const id = filed.data!.proposeReorganisation.id
    expect(errorCodes(await approve('henan', id))).not.toEqual([])
    const done = await approve('conac', id)
    expect(done.errors).toBeUndefined()
  })
})

describe('all or nothing', () => {
  it('a failure mid-way through the carry-out leaves every object where it was', async () => {
    const a = await unitWithObjects('410922')
    const b = await unitWithObjects('410922')
    const plan = await complete(
      'qingfeng',
      {
        kind: 'MERGE',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id), String(b.unit.id)],
        targets: [{ ref: 'T1', newUnit: newUnitFacts('410922', uniqueName('清丰失败合并')) }],
        assignments: [],
        note: '合并',
      },
      () => 'T1',
    )
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const id = filed.data!.proposeReorganisation.id
    // The last source's deputy cannot be updated: the domains, badges and the first users have moved by then.
    await t.db.prisma.$executeRawUnsafe(`
      CREATE FUNCTION test_reorg_fail() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'injected failure'; END $$`)
    await t.db.prisma.$executeRawUnsafe(
      `CREATE TRIGGER test_reorg_fail BEFORE UPDATE ON "users" FOR EACH ROW WHEN (OLD."id" = ${b.deputy.id}) EXECUTE FUNCTION test_reorg_fail()`,
    )
    try {
      const failed = await approve('qingfeng2', id)
      expect(failed.errors).toBeDefined()
    } finally {
      await t.db.prisma.$executeRawUnsafe(`DROP TRIGGER test_reorg_fail ON "users"`)
      await t.db.prisma.$executeRawUnsafe(`DROP FUNCTION test_reorg_fail()`)
    }
    for (const source of [a, b]) {
      expect((await unitRow(source.unit.id)).status).toBe('ACTIVE')
      expect((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: source.domain.id } })).unitId).toBe(
        source.unit.id,
      )
      expect((await t.db.prisma.badge.findUniqueOrThrow({ where: { id: source.badge.id } })).unitId).toBe(
        source.unit.id,
      )
      expect((await t.db.prisma.user.findUniqueOrThrow({ where: { id: source.primary.id } })).unitId).toBe(
        source.unit.id,
      )
    }
    expect((await t.db.prisma.unitReorganisation.findUniqueOrThrow({ where: { id: Number(id) } })).status).toBe(
      'PENDING',
    )
    expect(await t.db.prisma.unitSuccession.count({ where: { reorganisationId: Number(id) } })).toBe(0)
    // Once the failure is gone the same request goes through.
    expect((await approve('qingfeng2', id)).errors).toBeUndefined()
  })
})

describe('one open request per domain', () => {
  it('a domain with an open renewal cannot be planned, and a planned domain cannot be renewed', async () => {
    const a = await unitWithObjects('410922')
    const requester = await t.db.prisma.user.findFirstOrThrow({ where: { username: 'qingfeng' } })
    const renewal = await t.db.prisma.domainRenewal.create({
      data: { domainId: a.domain.id, years: 1, status: 'REQUESTED', requestedById: requester.id },
    })
    const plan = await complete(
      'qingfeng',
      {
        kind: 'ABOLISH',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id)],
        targets: [],
        assignments: [],
        note: '撤销',
      },
      () => 'CANCEL',
    )
    const refused = await propose('qingfeng', plan)
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    expect(refused.errors![0]!.extensions).toMatchObject({ reason: 'DOMAIN_REQUEST_OPEN', openKind: 'RENEWAL' })

    await t.db.prisma.domainRenewal.update({ where: { id: renewal.id }, data: { status: 'CANCELLED' } })
    const filed = await propose('qingfeng', plan)
    expect(filed.errors).toBeUndefined()
    const quote = await t.execute(Quote, { domainIds: [String(a.domain.id)] }, { cookie: cookies.qingfeng })
    expect(errorCodes(quote)).toEqual(['CONFLICT'])
    expect(quote.errors![0]!.extensions).toMatchObject({ reason: 'DOMAIN_REQUEST_OPEN', openKind: 'REORGANISATION' })

    // Withdrawn, the domain is free again.
    const withdrawn = await t.execute(
      Withdraw,
      { input: { id: filed.data!.proposeReorganisation.id } },
      { cookie: cookies.qingfeng },
    )
    expect(withdrawn.data!.withdrawReorganisation.status).toBe('WITHDRAWN')
    const again = await t.execute(Quote, { domainIds: [String(a.domain.id)] }, { cookie: cookies.qingfeng })
    expect(again.errors).toBeUndefined()
  })
})

describe('lists', () => {
  it('the filing office and the office above see a request, another county does not', async () => {
    const ids = async (login: string) => {
      const result = await t.execute(List, {}, { cookie: cookies[login] })
      expect(result.errors).toBeUndefined()
      return result.data!.unitReorganisations.edges.map((e) => e.node.id)
    }
    const mine = await ids('qingfeng')
    expect(mine.length).toBeGreaterThan(0)
    const city = await ids('puyang')
    for (const id of mine) expect(city).toContain(id)
    const other = await ids('nanle')
    // 南乐 sees none of 清丰's own requests (only, if any, ones it reviews: none here).
    for (const id of mine) expect(other).not.toContain(id)
  })
})

describe('statistics over time', () => {
  async function counts(metric: string, bucket: string, child: string) {
    const rows = await t.db.prisma.$queryRawUnsafe<{ n: bigint | null }[]>(
      `SELECT SUM(n) AS n FROM (
         SELECT n FROM region_statistics WHERE root = '410900' AND metric = $1 AND bucket = $2 AND child = $3
         UNION ALL SELECT n FROM region_statistic_deltas WHERE root = '410900' AND metric = $1 AND bucket = $2 AND child = $3) x`,
      metric,
      bucket,
      child,
    )
    return Number(rows[0]?.n ?? 0)
  }
  const monthOf = (date: Date) => beijingDay(date).slice(0, 7)

  it('a merge across two counties keeps earlier months with the old county and moves the current counts', async () => {
    const a = await unitWithObjects('410922')
    const b = await unitWithObjects('410923')
    // B's domain was registered a year ago (createDomain), its badge issued now.
    const oldMonth = monthOf((await t.db.prisma.domain.findUniqueOrThrow({ where: { id: b.domain.id } })).registeredAt!)
    const thisMonth = monthOf(new Date())
    // B's domain was renewed (charged) a year ago and again now: the old renewal stays counted with 南乐.
    const registeredAt = (await t.db.prisma.domain.findUniqueOrThrow({ where: { id: b.domain.id } })).registeredAt!
    const requestedById = (await t.db.prisma.user.findFirstOrThrow({ where: { unitId: b.unit.id } })).id
    for (const requestedAt of [registeredAt, new Date()])
      await t.db.prisma.domainRenewal.create({
        data: { domainId: b.domain.id, years: 1, status: 'CHARGED', requestedById, requestedAt },
      })
    const snapshot = async () => ({
      renewalsOldMonthNanle: await counts('renewals', oldMonth, '410923'),
      renewalsOldMonthQingfeng: await counts('renewals', oldMonth, '410922'),
      renewalsThisMonthNanle: await counts('renewals', thisMonth, '410923'),
      renewalsThisMonthQingfeng: await counts('renewals', thisMonth, '410922'),
      oldMonthNanle: await counts('registrations', oldMonth, '410923'),
      oldMonthQingfeng: await counts('registrations', oldMonth, '410922'),
      badgesThisMonthNanle: await counts('badges_issued', thisMonth, '410923'),
      badgesThisMonthQingfeng: await counts('badges_issued', thisMonth, '410922'),
      suffixAllTimeNanle: await counts('domains_suffix', '', '410923'),
      suffixAllTimeQingfeng: await counts('domains_suffix', '', '410922'),
    })
    const before = await snapshot()

    const plan = await complete(
      'puyang',
      {
        kind: 'MERGE',
        effectiveDate: today,
        sourceUnitIds: [String(a.unit.id), String(b.unit.id)],
        targets: [{ ref: 'T1', existingUnitId: String(a.unit.id) }],
        assignments: [],
        note: '跨县合并',
      },
      () => 'T1',
    )
    const filed = await propose('puyang', plan)
    expect(filed.errors).toBeUndefined()
    expect((await approve(`puyang2`, filed.data!.proposeReorganisation.id)).errors).toBeUndefined()
    const after = await snapshot()

    // Registered a year ago in 南乐: that month stays with 南乐.
    expect(after.oldMonthNanle).toBe(before.oldMonthNanle)
    expect(after.oldMonthQingfeng).toBe(before.oldMonthQingfeng)
    // The renewal charged a year ago stays with 南乐; today's moves with the domain.
    expect(after.renewalsOldMonthNanle).toBe(before.renewalsOldMonthNanle)
    expect(after.renewalsOldMonthQingfeng).toBe(before.renewalsOldMonthQingfeng)
    expect(after.renewalsThisMonthNanle).toBe(before.renewalsThisMonthNanle - 1)
    expect(after.renewalsThisMonthQingfeng).toBe(before.renewalsThisMonthQingfeng + 1)
    // Issued today, on the effective date: counted with 清丰 from the date on.
    expect(after.badgesThisMonthNanle).toBe(before.badgesThisMonthNanle - 1)
    expect(after.badgesThisMonthQingfeng).toBe(before.badgesThisMonthQingfeng + 1)
    // All time, by suffix: B's two domains (its own and its badge's) now count with 清丰.
    expect(after.suffixAllTimeNanle).toBe(before.suffixAllTimeNanle - 2)
    expect(after.suffixAllTimeQingfeng).toBe(before.suffixAllTimeQingfeng + 2)

    // The rebuild from the data alone says the same as the running totals.
    await t.db.prisma.$queryRawUnsafe(`SELECT rebuild_region_statistics()::text`)
    expect(await snapshot()).toEqual(after)
  })
})
