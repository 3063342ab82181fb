// Alias / IDOR pairs: every field that takes an id as an argument, asked twice in one operation — once for an
// object the viewer may see and once for one it may not — in both orders. A permission rule cached per request
// on its arguments (graphql-shield's 'contextual' cache) or a lookup without the scope would answer the second
// alias like the first. The list of by-id fields comes from the schema; a new one without pairs here fails.
import { getNamedType, isNonNullType, type GraphQLArgument } from 'graphql'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { schema } from '../../../server/src/schema/index.ts'
import { sha256Hex } from '../../../server/src/lib/tokens.ts'
import { createTestApp, type TestApp } from '../../testkit/app.ts'
import { makeUserLike } from '../../testkit/accounts.ts'
import { createDomain, createUnit } from '../../testkit/fixtures.ts'
import { freshMobile } from '../../testkit/registration.ts'
import { EXPECTED } from './expectations.ts'
import { classify, TARGETED_PROBES, type Outcome } from './probes.ts'
import {
  buildWorld,
  PRINCIPALS,
  TARGET_UNITS,
  type Credentials,
  type Principal,
  type Target,
  type World,
} from './world.ts'

/** By-id fields that are public by design: they answer anyone, with public facts only. */
const PUBLIC_BY_DESIGN = new Set(['Query.publicMicroSite'])
/** By-id mutations, with the pairs below. */
const MUTATION_PAIRS = new Set([
  'Mutation.revokeApiToken',
  'Mutation.deleteMicroSiteNewsItem',
  'Mutation.deleteDnsRecord',
  'Mutation.setDomainNameResolves',
  'Mutation.withdrawDomainApplication',
  'Mutation.checkBadgeInstallation',
  'Mutation.markNotificationsRead',
  'Mutation.resendActivation',
  'Mutation.resendClaimInvitation',
  'Mutation.resendClaimInvitations',
  'Mutation.cancelHandover',
  'Mutation.endSession',
  'Mutation.forgetDevice',
  'Mutation.helpResetPassword',
  'Mutation.withdrawReorganisationBatch',
  'Mutation.withdrawReorganisation',
  'Mutation.reviewReorganisation',
  'Mutation.withdrawDomainCancellation',
  'Mutation.reviewDomainCancellation',
  'Mutation.withdrawDomainTransfer',
  'Mutation.decideDomainTransfer',
])
/** By-id filters of scoped lists, with the pairs below: another unit's id answers like an id that does not exist. */
const LIST_FILTER_PAIRS = new Set(['Query.unitChangeRequests', 'Query.unitHandovers', 'Query.domainTransfers'])

const takesId = (arg: GraphQLArgument) =>
  getNamedType(arg.type).name === 'ID' || (arg.name.endsWith('Code') && isNonNullType(arg.type))
const byIdFields = [schema.getQueryType()!, schema.getMutationType()!].flatMap((type) =>
  Object.values(type.getFields())
    .filter((field) => field.args.some(takesId))
    .map((field) => `${type.name}.${field.name}`),
)

let t: TestApp
let world: World
beforeAll(async () => {
  t = await createTestApp()
  world = await buildWorld(t)
}, 120_000)
afterAll(() => t?.close())

it('covers every field that takes an id', () => {
  const covered = (key: string) =>
    (key in TARGETED_PROBES && !TARGETED_PROBES[key]!.contains) ||
    MUTATION_PAIRS.has(key) ||
    PUBLIC_BY_DESIGN.has(key) ||
    LIST_FILTER_PAIRS.has(key)
  // Filters by id on lists are scoped lists (the matrix covers them); region(code) is public reference data.
  // officeUsers(officeId) refuses another office outright (OUTSIDE_OFFICE) and unitUsers(unitId) only narrows the
  // viewer's scoped list: tests/api/accounts.test.ts covers both.
  const lists = new Set([
    'Query.ledgerEntries',
    'Query.region',
    'Query.regions',
    'Query.officeUsers',
    'Query.unitUsers',
    // reorganisationBatch(id): a batch is the office's own or its review office's; tests/api/reorganisation-batch
    // asks for one as another province's office (NOT_FOUND) and a city office (NOT_FOUND on review).
    'Query.reorganisationBatch',
    // 机构改革 by source unit: a scoped list, probed per target by the matrix (probes.ts).
    'Query.unitReorganisations',
    // 数据迁移 runs are national and CONAC 管理员's alone: no office or unit has a run of its own to alias with,
    // and every other principal is FORBIDDEN on each (the matrix; tests/api/migration-run.test.ts).
    'Query.migrationRun',
    'Mutation.validateMigrationRun',
    'Mutation.commitMigrationRun',
    'Mutation.removeMigrationUpload',
  ])
  expect(byIdFields.filter((key) => !covered(key) && !lists.has(key))).toEqual([])
})

describe('by-id queries: one visible and one out-of-scope object in one operation, both orders', () => {
  const byIdQueries = Object.entries(TARGETED_PROBES).filter(([, probe]) => !probe.contains)
  const cases = byIdQueries.flatMap(([key]) => PRINCIPALS.map((principal) => [key, principal] as const))

  it.each(cases)('%s as %s', async (key, principal) => {
    const probe = TARGETED_PROBES[key]!
    const expected = EXPECTED[key]![principal]
    if (typeof expected === 'string') return // the same for every target: no pair to make
    const targets = Object.keys(TARGET_UNITS[principal]) as Target[]
    const visible = targets.filter((target) => expected[target] === 'allowed')
    const outOfScope = targets.filter((target) => expected[target] === 'hidden' || expected[target] === 'denied')
    for (const mine of visible) {
      for (const theirs of outOfScope) {
        const a = world.targetOf(principal, mine)!
        const b = world.targetOf(principal, theirs)!
        for (const [first, second, firstWant, secondWant] of [
          [a, b, 'allowed', expected[theirs]],
          [b, a, expected[theirs], 'allowed'],
        ] as const) {
          const body = await post(
            `query { first: ${probe.field(first)} second: ${probe.field(second)} }`,
            world.credentials[principal],
          )
          const outcome = (alias: 'first' | 'second', target: typeof a): Outcome => {
            const errors = (body.errors ?? []).filter((error) => error.path?.[0] === alias)
            // A non-null root field's error nulls all of data: an alias without an error of its own resolved.
            if (!errors.length && body.data === null) return 'allowed'
            return classify({ data: { result: body.data?.[alias] ?? null }, errors }, probe, target)
          }
          expect([outcome('first', first), outcome('second', second)], `${mine}/${theirs}`).toEqual([
            firstWant,
            secondWant,
          ])
        }
      }
    }
  })
})

describe('by-id list filters: another unit’s id answers like an id that does not exist, aliased with one’s own', () => {
  /** Each list asked for one unit: the ids of the rows it answered (no errors expected). */
  const lists = {
    'Query.unitChangeRequests': {
      field: (unitId: number) =>
        `unitChangeRequests(unitId: "${unitId}", first: 100) { totalCount edges { node { id } } }`,
      ids: (data: any) => data.edges.map((edge: { node: { id: string } }) => edge.node.id),
      fixture: changeRequestOf,
    },
    'Query.unitHandovers': {
      field: (unitId: number) => `unitHandovers(unitId: "${unitId}") { id unitId }`,
      ids: (data: any) => data.map((row: { id: string }) => row.id),
      fixture: pendingHandoverOf,
    },
    'Query.domainTransfers': {
      field: (unitId: number) => `domainTransfers(unitId: "${unitId}", first: 100) { edges { node { id } } }`,
      ids: (data: any) => data.edges.map((edge: { node: { id: string } }) => edge.node.id),
      fixture: transferOf,
    },
  } as const
  /** Who asks, for which of its own (or its subtree's) units, and for which unit outside its scope. */
  const askers: [Principal, TargetUnitKeyOf, TargetUnitKeyOf][] = [
    ['unit', 'qfzf', 'qfyy'],
    ['county', 'qfzf', 'nanle'],
    ['city', 'qfzf', 'sjzsl'],
  ]
  const cases = Object.keys(lists).flatMap((key) =>
    askers.map((asker) => [key as keyof typeof lists, ...asker] as const),
  )

  it('has a pair for every listed filter', () => {
    expect(Object.keys(lists).sort()).toEqual([...LIST_FILTER_PAIRS].sort())
  })
  it.each(cases)('%s as %s (%s vs %s)', async (key, principal, mineKey, theirsKey) => {
    const list = lists[key]
    const mine = await list.fixture(world.targets[mineKey].unitId)
    await list.fixture(world.targets[theirsKey].unitId)
    const missing = 2_000_000_000
    for (const [first, second] of [
      [mineKey, theirsKey],
      [theirsKey, mineKey],
    ] as const) {
      const body = await post(
        `query { first: ${list.field(world.targets[first].unitId)} second: ${list.field(world.targets[second].unitId)}` +
          ` missing: ${list.field(missing)} }`,
        world.credentials[principal],
      )
      expect(body.errors, `${first}/${second}`).toBeUndefined()
      const answer = { [first]: body.data.first, [second]: body.data.second }
      expect(list.ids(answer[mineKey])).toContain(String(mine.id))
      // "Not yours" and "does not exist" are the same answer: nothing, and no error that tells them apart.
      expect(answer[theirsKey]).toEqual(body.data.missing)
      expect(list.ids(answer[theirsKey])).toEqual([])
    }
  })
})

describe('by-id mutations: the out-of-scope alias changes nothing, in either order', () => {
  const mutationCases = [
    ['Mutation.revokeApiToken', revokeApiTokenPair],
    ['Mutation.deleteMicroSiteNewsItem', deleteNewsItemPair],
    ['Mutation.deleteDnsRecord', deleteDnsRecordPair],
    ['Mutation.setDomainNameResolves', setDomainNameResolvesPair],
    ['Mutation.withdrawDomainApplication', withdrawDomainPair],
    ['Mutation.checkBadgeInstallation', checkInstallationPair],
    ['Mutation.markNotificationsRead', markReadPair],
    ['Mutation.resendActivation', resendActivationPair],
    ['Mutation.resendClaimInvitation', resendClaimInvitationPair],
    ['Mutation.resendClaimInvitations', resendClaimInvitationsPair],
    ['Mutation.cancelHandover', cancelHandoverPair],
    ['Mutation.endSession', endSessionPair],
    ['Mutation.forgetDevice', forgetDevicePair],
    ['Mutation.helpResetPassword', helpResetPasswordPair],
    ['Mutation.withdrawReorganisationBatch', withdrawBatchPair],
    ['Mutation.withdrawReorganisation', withdrawReorganisationPair],
    ['Mutation.reviewReorganisation', reviewReorganisationPair],
    ['Mutation.withdrawDomainCancellation', withdrawDomainCancellationPair],
    ['Mutation.reviewDomainCancellation', reviewDomainCancellationPair],
    ['Mutation.withdrawDomainTransfer', withdrawTransferPair],
    ['Mutation.decideDomainTransfer', decideTransferPair],
  ] as const
  it('has a pair for every listed mutation', () => {
    expect(mutationCases.map(([key]) => key).sort()).toEqual([...MUTATION_PAIRS].sort())
  })
  it.each(mutationCases)('%s', async (_key, pair) => {
    for (const order of ['mine first', 'theirs first'] as const) await pair(order)
  })
})

type Order = 'mine first' | 'theirs first'

/**
 * Mutation fields run one after another, and an error in a non-null one ends the operation: with "theirs" first,
 * "mine" never runs. So: theirs is NOT_FOUND in both orders; mine succeeds when it runs first.
 */
function expectOnlyMine(order: Order, result: { mine: string | null; theirs: string | null }) {
  expect(result.theirs).toBe('NOT_FOUND')
  expect(result.mine).toBeNull()
}

/** Runs `mutation { mine: … theirs: … }` in the given order and returns each alias's error code (or null). */
async function pairOf(order: Order, mine: string, theirs: string, credentials: Credentials) {
  const query =
    order === 'mine first'
      ? `mutation { mine: ${mine} theirs: ${theirs} }`
      : `mutation { theirs: ${theirs} mine: ${mine} }`
  const body = await post(query, credentials)
  const codeOf = (alias: string) => body.errors?.find((error) => error.path?.[0] === alias)?.extensions?.code ?? null
  return { body, mine: codeOf('mine'), theirs: codeOf('theirs') }
}

/** The 濮阳市 office revokes one of its own tokens and one of 南乐县's. */
async function revokeApiTokenPair(order: Order) {
  const prisma = t.db.prisma
  const tokenOf = async (username: string) => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username } })
    const secret = `idor-${username}-${Math.random().toString(36).slice(2)}`
    return prisma.apiToken.create({
      data: {
        name: 'IDOR',
        access: 'READ_ONLY',
        prefix: secret.slice(0, 12),
        tokenHash: sha256Hex(secret),
        officeId: user.officeId!,
        createdById: user.id,
      },
    })
  }
  const mine = await tokenOf('puyang')
  const theirs = await tokenOf('nanle')
  const result = await pairOf(
    order,
    `revokeApiToken(id: "${mine.id}") { id }`,
    `revokeApiToken(id: "${theirs.id}") { id }`,
    world.credentials.city,
  )
  expectOnlyMine(order, result)
  expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: mine.id } })).revokedAt !== null).toBe(
    order === 'mine first',
  )
  expect((await prisma.apiToken.findUniqueOrThrow({ where: { id: theirs.id } })).revokedAt).toBeNull()
}

/** 清丰县人民政府办公室 deletes a news item of its own micro-site and one of 清丰县人民医院's. */
async function deleteNewsItemPair(order: Order) {
  const prisma = t.db.prisma
  const itemOf = async (unitId: number) => {
    const site = await prisma.microSite.findUniqueOrThrow({ where: { unitId } })
    return prisma.microSiteNewsItem.create({ data: { microSiteId: site.id, title: 'IDOR 测试', body: '正文' } })
  }
  const mine = await itemOf(world.targets.qfzf.unitId)
  const theirs = await itemOf(world.targets.qfyy.unitId)
  const result = await pairOf(
    order,
    `deleteMicroSiteNewsItem(id: "${mine.id}")`,
    `deleteMicroSiteNewsItem(id: "${theirs.id}")`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  expect((await prisma.microSiteNewsItem.findUnique({ where: { id: mine.id } })) === null).toBe(order === 'mine first')
  expect(await prisma.microSiteNewsItem.findUnique({ where: { id: theirs.id } })).not.toBeNull()
}

/** 清丰县人民政府办公室 deletes a DNS record of its own domain and one of 清丰县人民医院's domain. */
async function deleteDnsRecordPair(order: Order) {
  const prisma = t.db.prisma
  const recordOf = (domainId: number) =>
    prisma.dnsRecord.create({
      data: { domainId, type: 'A', host: `idor${Math.floor(Math.random() * 1e6)}`, value: '192.0.2.1' },
    })
  const mine = await recordOf(world.targets.qfzf.domainId)
  const theirs = await recordOf(world.targets.qfyy.domainId)
  const result = await pairOf(
    order,
    `deleteDnsRecord(id: "${mine.id}")`,
    `deleteDnsRecord(id: "${theirs.id}")`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  expect((await prisma.dnsRecord.findUnique({ where: { id: mine.id } })) === null).toBe(order === 'mine first')
  expect(await prisma.dnsRecord.findUnique({ where: { id: theirs.id } })).not.toBeNull()
}

/** 清丰县人民政府办公室 lets a 简繁 variant of its own domain resolve, and one of 清丰县人民医院's. */
async function setDomainNameResolvesPair(order: Order) {
  const prisma = t.db.prisma
  const variantOf = (domainId: number) =>
    prisma.domainName.create({
      data: {
        domainId,
        suffix: 'ZHENGWU',
        uLabel: `idorv${Math.floor(Math.random() * 1e9)}`,
        aLabel: `idorv${Math.floor(Math.random() * 1e9)}`,
        kind: 'VARIANT',
      },
    })
  const mine = await variantOf(world.targets.qfzf.domainId)
  const theirs = await variantOf(world.targets.qfyy.domainId)
  const result = await pairOf(
    order,
    `setDomainNameResolves(id: "${mine.id}", resolves: true) { id }`,
    `setDomainNameResolves(id: "${theirs.id}", resolves: true) { id }`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  expect((await prisma.domainName.findUniqueOrThrow({ where: { id: mine.id } })).resolves).toBe(order === 'mine first')
  expect((await prisma.domainName.findUniqueOrThrow({ where: { id: theirs.id } })).resolves).toBe(false)
}

/** 清丰县人民政府办公室 withdraws its own pending domain application and one of a 南乐县 unit. */
async function withdrawDomainPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await createDomain(prisma, { unitId: world.targets.qfzf.unitId })
  const theirs = await createDomain(prisma, { unitId: world.targets.nanle.unitId })
  const result = await pairOf(
    order,
    `withdrawDomainApplication(id: "${mine.id}", version: ${mine.version}) { id }`,
    `withdrawDomainApplication(id: "${theirs.id}", version: ${theirs.version}) { id }`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  expect((await prisma.domain.findUniqueOrThrow({ where: { id: mine.id } })).status !== 'PENDING_OFFICE_REVIEW').toBe(
    order === 'mine first',
  )
  expect((await prisma.domain.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('PENDING_OFFICE_REVIEW')
}

/** A PENDING 注销 of a new registered domain of the unit. */
async function pendingCancellationOf(unitId: number) {
  const prisma = t.db.prisma
  const domain = await createDomain(prisma, { unitId, status: 'REGISTERED' })
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } })
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: unit.regionCode } })
  return prisma.domainCancellationRequest.create({
    data: {
      domainId: domain.id,
      unitId,
      reason: 'IDOR 测试',
      dependents: { badges: [], siteApplications: [] },
      requestedById: (await actorFor(unitId)).id,
      reviewOfficeId: office.id,
    },
  })
}

/** 清丰县人民政府办公室 withdraws its own 注销 and one of 清丰县人民医院's. */
async function withdrawDomainCancellationPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await pendingCancellationOf(world.targets.qfzf.unitId)
  const theirs = await pendingCancellationOf(world.targets.qfyy.unitId)
  const result = await pairOf(
    order,
    `withdrawDomainCancellation(input: { id: "${mine.id}" }) { id }`,
    `withdrawDomainCancellation(input: { id: "${theirs.id}" }) { id }`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  const status = async (id: number) =>
    (await prisma.domainCancellationRequest.findUniqueOrThrow({ where: { id } })).status
  expect(await status(mine.id)).toBe(order === 'mine first' ? 'WITHDRAWN' : 'PENDING')
  expect(await status(theirs.id)).toBe('PENDING')
}

/** The 清丰县 office rejects a 注销 of a unit in its county and one of a unit in 南乐县. */
async function reviewDomainCancellationPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await pendingCancellationOf(world.targets.qfzf.unitId)
  const theirs = await pendingCancellationOf(world.targets.nanle.unitId)
  const reject = (id: number) =>
    `reviewDomainCancellation(input: { id: "${id}", approve: false, note: "IDOR 测试" }) { id }`
  const result = await pairOf(order, reject(mine.id), reject(theirs.id), world.credentials.county)
  expectOnlyMine(order, result)
  const status = async (id: number) =>
    (await prisma.domainCancellationRequest.findUniqueOrThrow({ where: { id } })).status
  expect(await status(mine.id)).toBe(order === 'mine first' ? 'REJECTED' : 'PENDING')
  expect(await status(theirs.id)).toBe('PENDING')
}

/** The 清丰县 office withdraws its own 批量机构改革 batch and one of 南乐县's: only its own changes. */
async function withdrawBatchPair(order: Order) {
  const prisma = t.db.prisma
  const batchOf = async (regionCode: string) => {
    const office = await prisma.office.findUniqueOrThrow({ where: { regionCode } })
    const uploader = await prisma.user.findFirstOrThrow({ where: { officeId: office.id } })
    return prisma.reorganisationBatch.create({
      data: {
        fileName: 'idor.xlsx',
        officeId: office.id,
        uploadedById: uploader.id,
        reviewOfficeId: office.id,
        rowCount: 1,
        report: {},
      },
    })
  }
  const mine = await batchOf('410922')
  const theirs = await batchOf('410923')
  const result = await pairOf(
    order,
    `withdrawReorganisationBatch(id: "${mine.id}") { id }`,
    `withdrawReorganisationBatch(id: "${theirs.id}") { id }`,
    world.credentials.county,
  )
  expectOnlyMine(order, result)
  const statusOf = async (id: number) => (await prisma.reorganisationBatch.findUniqueOrThrow({ where: { id } })).status
  expect(await statusOf(mine.id)).toBe(order === 'mine first' ? 'WITHDRAWN' : 'PENDING_REVIEW')
  expect(await statusOf(theirs.id)).toBe('PENDING_REVIEW')
}

/** The 清丰县 office asks for an installation check of a badge in its county and of one in 河北. */
async function checkInstallationPair(order: Order) {
  const mine = world.targets.qfzf.badgeId
  const theirs = world.targets.sjzsl.badgeId
  const before = await t.db.prisma.badgeInstallCheck.count({ where: { badgeId: theirs } })
  const result = await pairOf(
    order,
    `checkBadgeInstallation(badgeId: "${mine}") { id }`,
    `checkBadgeInstallation(badgeId: "${theirs}") { id }`,
    world.credentials.county,
  )
  expect(result.theirs).toBe('NOT_FOUND')
  expect(result.mine).not.toBe('NOT_FOUND')
  expect(await t.db.prisma.badgeInstallCheck.count({ where: { badgeId: theirs } })).toBe(before)
}

/** A unit user marks read one of its own notifications and one of another user's: only its own changes. */
async function markReadPair(order: Order) {
  const prisma = t.db.prisma
  const notificationFor = async (username: string) => {
    const user = await prisma.user.findUniqueOrThrow({ where: { username } })
    return prisma.notification.create({
      data: {
        channel: 'IN_APP',
        userId: user.id,
        template: 'idor.test',
        body: 'IDOR',
        status: 'SENT',
        dedupeKey: `idor-${username}-${Math.random()}`,
      },
    })
  }
  const mine = await notificationFor('qfzf')
  const theirs = await notificationFor('qfyy')
  const result = await pairOf(
    order,
    `markNotificationsRead(ids: ["${mine.id}"])`,
    `markNotificationsRead(ids: ["${theirs.id}"])`,
    world.credentials.unit,
  )
  expect([result.mine, result.theirs]).toEqual([null, null])
  expect(result.body.data).toEqual({ mine: 1, theirs: 0 })
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: mine.id } })).readAt).not.toBeNull()
  expect((await prisma.notification.findUniqueOrThrow({ where: { id: theirs.id } })).readAt).toBeNull()
}

async function post(query: string, credentials: Credentials) {
  const headers: Record<string, string> = {}
  if (credentials.cookie) headers.cookie = credentials.cookie
  if (credentials.token) headers.authorization = `Bearer ${credentials.token}`
  const response = await t.post(JSON.stringify({ query }), headers)
  return (await response.json()) as {
    data?: any
    errors?: { message: string; path?: (string | number)[]; extensions?: { code?: string } }[]
  }
}

export type { Principal }

/** The 濮阳市 office resends the activation of one of its own pending accounts and of one of 南乐县's. */
async function resendActivationPair(order: Order) {
  const prisma = t.db.prisma
  const pendingOf = async (username: string) => {
    const office = await prisma.user.findUniqueOrThrow({ where: { username } })
    const name = `idor-${Math.random().toString(36).slice(2, 10)}`
    const mobile = `1370${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`
    return prisma.user.create({
      data: {
        username: name,
        displayName: '待激活',
        role: 'OFFICE_STAFF',
        officeId: office.officeId,
        officeRoles: ['REVIEWER'],
        status: 'PENDING_ACTIVATION',
        mobile,
        email: `${name}@example.com`,
      },
    })
  }
  const mine = await pendingOf('puyang')
  const theirs = await pendingOf('nanle')
  const result = await pairOf(
    order,
    `resendActivation(userId: "${mine.id}") { id }`,
    `resendActivation(userId: "${theirs.id}") { id }`,
    world.credentials.city,
  )
  expectOnlyMine(order, result)
  expect(await prisma.accountToken.count({ where: { userId: theirs.id } })).toBe(0)
  expect(await prisma.accountToken.count({ where: { userId: mine.id } })).toBe(order === 'mine first' ? 1 : 0)
}

/** An account imported from the old system for a unit of the region, not yet claimed (账号认领). */
async function importedAccountIn(regionCode: string) {
  const prisma = t.db.prisma
  const unit = await createUnit(prisma, { regionCode })
  const name = `idor-claim-${Math.random().toString(36).slice(2, 10)}`
  return prisma.user.create({
    data: {
      username: name,
      displayName: '迁移经办人',
      role: 'UNIT_USER',
      unitId: unit.id,
      unitRole: 'PRIMARY',
      status: 'PENDING_ACTIVATION',
      mobile: freshMobile(),
      email: `${name}@example.com`,
      importedAt: new Date(),
    },
  })
}

/** The 濮阳市 office re-sends the claim invitation of an imported account of 清丰县 and of one of 石家庄市. */
async function resendClaimInvitationPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await importedAccountIn('410922')
  const theirs = await importedAccountIn('130100')
  const result = await pairOf(
    order,
    `resendClaimInvitation(userId: "${mine.id}") { id }`,
    `resendClaimInvitation(userId: "${theirs.id}") { id }`,
    world.credentials.city,
  )
  expectOnlyMine(order, result)
  expect(await prisma.accountToken.count({ where: { userId: theirs.id } })).toBe(0)
  expect(await prisma.accountToken.count({ where: { userId: mine.id } })).toBe(order === 'mine first' ? 1 : 0)
}

/** The same as a bulk re-send naming one account each. */
async function resendClaimInvitationsPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await importedAccountIn('410922')
  const theirs = await importedAccountIn('130100')
  const result = await pairOf(
    order,
    `resendClaimInvitations(userIds: ["${mine.id}"]) { sent }`,
    `resendClaimInvitations(userIds: ["${theirs.id}"]) { sent }`,
    world.credentials.city,
  )
  expectOnlyMine(order, result)
  expect(await prisma.accountToken.count({ where: { userId: theirs.id } })).toBe(0)
  expect(await prisma.accountToken.count({ where: { userId: mine.id } })).toBe(order === 'mine first' ? 1 : 0)
}

type TargetUnitKeyOf = keyof World['targets']

/** The unit's primary account, or (for the matrix's units made without users) CONAC's demo account as a stand-in. */
async function actorFor(unitId: number) {
  const prisma = t.db.prisma
  return (
    (await prisma.user.findFirst({ where: { unitId, unitRole: 'PRIMARY' } })) ??
    (await prisma.user.findUniqueOrThrow({ where: { username: 'conac' } }))
  )
}

/** A 单位信息变更 request of the unit (any status: the list shows history). */
async function changeRequestOf(unitId: number) {
  const prisma = t.db.prisma
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } })
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: unit.regionCode } })
  return prisma.unitChangeRequest.create({
    data: {
      unitId,
      status: 'WITHDRAWN',
      before: { address: unit.address },
      after: { address: 'IDOR 测试地址' },
      reason: 'IDOR 测试',
      requestedById: (await actorFor(unitId)).id,
      reviewOfficeId: office.id,
    },
  })
}

/** The unit's PENDING 经办人交接 (a database index allows one per unit): the one there is, or a new one. */
async function pendingHandoverOf(unitId: number) {
  const prisma = t.db.prisma
  const pending = await prisma.unitHandover.findFirst({ where: { unitId, status: 'PENDING' } })
  if (pending) return pending
  const starter = await actorFor(unitId)
  return prisma.unitHandover.create({
    data: {
      unitId,
      startedById: starter.id,
      oldName: '旧经办人',
      oldMobile: '13900000000',
      newName: '新经办人',
      newMobile: freshMobile(),
      newEmail: 'idor-handover@example.com',
      expiresAt: new Date(Date.now() + 86_400_000),
    },
  })
}

/** 清丰县人民政府办公室's primary account cancels its own unit's pending handover and one of 清丰县人民医院. */
async function cancelHandoverPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await pendingHandoverOf(world.targets.qfzf.unitId)
  const theirs = await pendingHandoverOf(world.targets.qfyy.unitId)
  const result = await pairOf(
    order,
    `cancelHandover(id: "${mine.id}")`,
    `cancelHandover(id: "${theirs.id}")`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  expect((await prisma.unitHandover.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
    order === 'mine first' ? 'CANCELLED' : 'PENDING',
  )
  expect((await prisma.unitHandover.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('PENDING')
}

/** The newest session of a login, opened now (not the one the matrix signs in with). */
async function freshSessionOf(username: string) {
  await t.login(username)
  const user = await t.db.prisma.user.findUniqueOrThrow({ where: { username } })
  return t.db.prisma.session.findFirstOrThrow({ where: { userId: user.id }, orderBy: { id: 'desc' } })
}

/**
 * qfzf ends or forgets one of its own rows and one of qfyy's, by `field(id)`: its own row carries revokedAt only
 * when its alias ran (first), qfyy's never.
 */
async function revokeOwnRowPair(
  order: Order,
  field: (id: number) => string,
  rows: { mine: { id: number }; theirs: { id: number } },
  revokedAt: (id: number) => Promise<Date | null>,
) {
  const result = await pairOf(order, field(rows.mine.id), field(rows.theirs.id), world.credentials.unit)
  expectOnlyMine(order, result)
  expect((await revokedAt(rows.mine.id)) !== null).toBe(order === 'mine first')
  expect(await revokedAt(rows.theirs.id)).toBeNull()
}

/** qfzf ends another of its own sessions and one of qfyy's: only its own ends. */
async function endSessionPair(order: Order) {
  const rows = { mine: await freshSessionOf('qfzf'), theirs: await freshSessionOf('qfyy') }
  await revokeOwnRowPair(
    order,
    (id) => `endSession(id: "${id}")`,
    rows,
    async (id) => (await t.db.prisma.session.findUniqueOrThrow({ where: { id } })).revokedAt,
  )
}

/** qfzf forgets one of its own remembered devices and one of qfyy's: only its own is forgotten. */
async function forgetDevicePair(order: Order) {
  const prisma = t.db.prisma
  const deviceOf = async (username: string) =>
    prisma.trustedDevice.create({
      data: {
        userId: (await prisma.user.findUniqueOrThrow({ where: { username } })).id,
        tokenHash: sha256Hex(`idor-device-${username}-${Math.random()}`),
        expiresAt: new Date(Date.now() + 86_400_000),
      },
    })
  const rows = { mine: await deviceOf('qfzf'), theirs: await deviceOf('qfyy') }
  await revokeOwnRowPair(
    order,
    (id) => `forgetDevice(id: "${id}")`,
    rows,
    async (id) => (await prisma.trustedDevice.findUniqueOrThrow({ where: { id } })).revokedAt,
  )
}

/**
 * The 濮阳市 office helps reset the password of a unit account in its subtree (清丰县) and of one in 河北: only its
 * own gets a code and a link. Fresh accounts each time, so the number limits of one run do not meet the next.
 */
async function helpResetPasswordPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await makeUserLike(t, 'qfzf')
  const theirs = await makeUserLike(t, 'sjzsl')
  const result = await pairOf(
    order,
    `helpResetPassword(userId: "${mine.id}") { maskedMobile }`,
    `helpResetPassword(userId: "${theirs.id}") { maskedMobile }`,
    world.credentials.city,
  )
  expectOnlyMine(order, result)
  const sentTo = async (user: { id: number; mobile: string | null }) => ({
    codes: await prisma.verificationCode.count({ where: { mobile: user.mobile! } }),
    links: await prisma.accountToken.count({ where: { userId: user.id } }),
  })
  expect(await sentTo(theirs)).toEqual({ codes: 0, links: 0 })
  expect(await sentTo(mine)).toEqual(order === 'mine first' ? { codes: 1, links: 1 } : { codes: 0, links: 0 })
}

/** A PENDING 机构改革 (rename) of a target unit, filed by its own office (by `requestedById`, or its first clerk). */
async function pendingReorganisationOf(unitId: number, requestedById?: number) {
  const prisma = t.db.prisma
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } })
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: unit.regionCode } })
  const clerk = requestedById ?? (await prisma.user.findFirstOrThrow({ where: { officeId: office.id } })).id
  return prisma.unitReorganisation.create({
    data: {
      kind: 'RENAME',
      plan: { kind: 'RENAME', sourceUnitIds: [unitId], targets: [], assignments: [], newName: `${unit.name}（新）` },
      sourceUnitIds: [unitId],
      initiatingOfficeId: office.id,
      reviewOfficeId: office.id,
      effectiveDate: new Date('2026-01-01'),
      note: 'IDOR',
      requestedById: clerk,
    },
  })
}

/** The 清丰县 office withdraws its own pending reorganisation and one of 南乐县's. */
async function withdrawReorganisationPair(order: Order) {
  const mine = await pendingReorganisationOf(world.targets.qfzf.unitId)
  const theirs = await pendingReorganisationOf(world.targets.nanle.unitId)
  const result = await pairOf(
    order,
    `withdrawReorganisation(input: { id: "${mine.id}" }) { id }`,
    `withdrawReorganisation(input: { id: "${theirs.id}" }) { id }`,
    world.credentials.county,
  )
  expectOnlyMine(order, result)
  const status = async (id: number) =>
    (await t.db.prisma.unitReorganisation.findUniqueOrThrow({ where: { id } })).status
  expect(await status(mine.id)).toBe(order === 'mine first' ? 'WITHDRAWN' : 'PENDING')
  expect(await status(theirs.id)).toBe('PENDING')
}

/** The 清丰县 office rejects a reorganisation another of its clerks filed, and one of 南乐县's. */
async function reviewReorganisationPair(order: Order) {
  const colleague = await makeUserLike(t, 'qingfeng', { officeRoles: ['REVIEWER'] })
  const mine = await pendingReorganisationOf(world.targets.qfzf.unitId, colleague.id)
  const theirs = await pendingReorganisationOf(world.targets.nanle.unitId)
  const review = (id: number) =>
    `reviewReorganisation(input: { id: "${id}", approve: false, note: "方案不完整" }) { id }`
  const result = await pairOf(order, review(mine.id), review(theirs.id), world.credentials.county)
  expectOnlyMine(order, result)
  const status = async (id: number) =>
    (await t.db.prisma.unitReorganisation.findUniqueOrThrow({ where: { id } })).status
  expect(await status(mine.id)).toBe(order === 'mine first' ? 'REJECTED' : 'PENDING')
  expect(await status(theirs.id)).toBe('PENDING')
}

/** A PENDING 过户 of one of the unit's domains to a new unit of its region, its same-level office the only approver. */
async function transferOf(unitId: number) {
  const prisma = t.db.prisma
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } })
  const suffix = unit.type === 'PARTY_GOVERNMENT' || unit.type === 'MASS_ORGANIZATION' ? 'ZHENGWU' : 'GONGYI'
  const domain = await createDomain(prisma, { unitId, suffix, status: 'REGISTERED' })
  const to = await createUnit(prisma, { regionCode: unit.regionCode, type: unit.type })
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode: unit.regionCode } })
  return prisma.domainTransferRequest.create({
    data: {
      domainId: domain.id,
      fromUnitId: unitId,
      toUnitId: to.id,
      reason: '越权测试',
      requestedById: (await actorFor(unitId)).id,
      approvals: { create: [{ officeId: office.id, position: 0 }] },
    },
  })
}

/** 清丰县人民政府办公室 withdraws its own pending transfer and one of 清丰县人民医院. */
async function withdrawTransferPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await transferOf(world.targets.qfzf.unitId)
  const theirs = await transferOf(world.targets.qfyy.unitId)
  const result = await pairOf(
    order,
    `withdrawDomainTransfer(input: { id: "${mine.id}" }) { id }`,
    `withdrawDomainTransfer(input: { id: "${theirs.id}" }) { id }`,
    world.credentials.unit,
  )
  expectOnlyMine(order, result)
  expect((await prisma.domainTransferRequest.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
    order === 'mine first' ? 'WITHDRAWN' : 'PENDING',
  )
  expect((await prisma.domainTransferRequest.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('PENDING')
}

/** 清丰县编办 approves a transfer of its own county's unit and one of 南乐县's (another county's chain). */
async function decideTransferPair(order: Order) {
  const prisma = t.db.prisma
  const mine = await transferOf(world.targets.qfzf.unitId)
  const theirs = await transferOf(world.targets.nanle.unitId)
  const result = await pairOf(
    order,
    `decideDomainTransfer(input: { id: "${mine.id}", approve: true }) { id }`,
    `decideDomainTransfer(input: { id: "${theirs.id}", approve: true }) { id }`,
    world.credentials.county,
  )
  expectOnlyMine(order, result)
  expect((await prisma.domainTransferRequest.findUniqueOrThrow({ where: { id: mine.id } })).status).toBe(
    order === 'mine first' ? 'APPROVED' : 'PENDING',
  )
  expect((await prisma.domainTransferRequest.findUniqueOrThrow({ where: { id: theirs.id } })).status).toBe('PENDING')
}
