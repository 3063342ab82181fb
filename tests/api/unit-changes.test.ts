// 单位信息变更: a unit asks to change its registered facts, the same-level office approves or rejects with a note,
// the unit withdraws; one request waits per unit, a stale unit version or a name / credit code taken meanwhile is a
// CONFLICT, offices and units outside the request are refused, every step leaves an audit row and notices, and an
// approved change shows on the public verification page (/verify) while a pending one does not.
// With TEST_DATABASE_URL the concurrent requests really race on PostgreSQL; on PGlite the calls are serialized.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { creditCodeCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { DEMO_BADGE_NUMBER } from '../../server/src/seed/demoSites.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { UnitFactsInput } from '../graphql/generated/graphql.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'

const MyUnit = graphql(`
  query TestUnitChangeMyUnit {
    me {
      unit {
        id
        name
        address
        creditCode
        version
        pendingChangeRequest {
          id
        }
      }
    }
  }
`)

const RequestChange = graphql(`
  mutation TestUnitChangeRequest($input: RequestUnitChangeInput!) {
    requestUnitChange(input: $input) {
      id
      status
      version
      reason
      requestedByName
      changes {
        field
        before
        after
      }
      reviewOffice {
        name
      }
      unit {
        id
        pendingChangeRequest {
          id
        }
      }
    }
  }
`)

const Withdraw = graphql(`
  mutation TestUnitChangeWithdraw($input: WithdrawUnitChangeInput!) {
    withdrawUnitChange(input: $input) {
      id
      status
    }
  }
`)

const Review = graphql(`
  mutation TestUnitChangeReview($input: ReviewUnitChangeInput!) {
    reviewUnitChange(input: $input) {
      id
      status
      reviewNote
      reviewedAt
      reviewedByName
      unit {
        id
        name
        address
        version
      }
    }
  }
`)

const Queue = graphql(`
  query TestUnitChangeQueue {
    unitChangeReviewQueue(first: 100) {
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

const History = graphql(`
  query TestUnitChangeHistory($unitId: ID) {
    unitChangeRequests(first: 100, unitId: $unitId) {
      totalCount
      edges {
        node {
          id
          status
          unit {
            id
          }
        }
      }
    }
  }
`)

const Verify = graphql(`
  query TestUnitChangeVerify($badgeNumber: String!) {
    badgeVerification(badgeNumber: $badgeNumber) {
      unitName
      address
      functions
    }
  }
`)

let t: TestApp
const cookies: Record<string, string> = {}
let hospitalId: number
let governmentId: number

beforeAll(async () => {
  t = await createTestApp()
  for (const login of ['qfyy', 'qfzf', 'qingfeng', 'nanle', 'puyang', 'conac']) cookies[login] = await t.login(login)
  hospitalId = await demoUnitId(t, '清丰县人民医院')
  governmentId = await demoUnitId(t, '清丰县人民政府办公室')
}, 120_000)

afterAll(async () => {
  await t?.close()
})

async function myUnit(login: string) {
  const result = await t.execute(MyUnit, {}, { cookie: cookies[login] })
  return result.data!.me!.unit!
}

async function request(login: string, after: UnitFactsInput, reason = '单位地址搬迁') {
  const unit = await myUnit(login)
  return t.execute(RequestChange, { input: { after, reason, unitVersion: unit.version } }, { cookie: cookies[login] })
}

async function review(login: string, id: string, approve: boolean, note?: string) {
  return t.execute(Review, { input: { id, approve, ...(note ? { note } : {}) } }, { cookie: cookies[login] })
}

const verifiedAddress = async () =>
  (await t.execute(Verify, { badgeNumber: DEMO_BADGE_NUMBER })).data!.badgeVerification!.address

async function qingfengStaffIds() {
  const staff = await t.db.prisma.user.findMany({
    where: { office: { region: { name: '清丰县' } }, status: 'ACTIVE' },
    select: { id: true },
  })
  return staff.map((user) => user.id)
}

/** A valid credit code nobody has yet. */
function freshCreditCode(seed: number) {
  const first17 = `12410922MB${String(seed).padStart(7, '0')}`
  return first17 + creditCodeCheckCharacter(first17)
}

describe('a change the office approves', () => {
  let requestId: string
  let oldAddress: string
  const newAddress = '河南省濮阳市清丰县健康路 88 号'

  it('files only the changed facts, tells the same-level office in the portal and audits before → after', async () => {
    oldAddress = (await myUnit('qfyy')).address
    const result = await request('qfyy', {
      address: newAddress,
      postcode: (await t.db.prisma.unit.findUniqueOrThrow({ where: { id: hospitalId } })).postcode,
    })
    expect(result.errors).toBeUndefined()
    const filed = result.data!.requestUnitChange
    requestId = filed.id
    expect(filed.status).toBe('PENDING')
    // The postcode was sent unchanged, so only the address is a change.
    expect(filed.changes).toEqual([{ field: 'address', before: oldAddress, after: newAddress }])
    expect(filed.reviewOffice.name).toContain('清丰县')
    expect(filed.unit.pendingChangeRequest?.id).toBe(requestId)

    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'unitChange.request', subjectType: 'UnitChangeRequest', subjectId: requestId },
    })
    expect(audit.before).toMatchObject({ unitId: hospitalId, address: oldAddress })
    expect(audit.after).toMatchObject({ status: 'PENDING', address: newAddress })

    const notices = await t.db.prisma.notification.findMany({
      where: {
        template: 'unitChange.awaitingOfficeReview',
        payload: { path: ['unitChangeId'], equals: Number(requestId) },
      },
    })
    const staff = await qingfengStaffIds()
    expect(staff.length).toBeGreaterThan(0)
    expect(notices.map((notice) => notice.channel)).toEqual(staff.map(() => 'IN_APP'))
    expect(notices.map((notice) => notice.userId).sort()).toEqual([...staff].sort())
    expect(notices[0]!.body).toContain('单位地址')
  })

  it('does not show on /verify while it waits', async () => {
    expect(await verifiedAddress()).toBe(oldAddress)
  })

  it('refuses a second request while one waits (CONFLICT)', async () => {
    const second = await request('qfyy', { address: '河南省濮阳市清丰县另一条路 1 号' })
    expect(errorCodes(second)).toEqual(['CONFLICT'])
    expect(second.errors![0]!.message).toContain('待审核')
  })

  it('is in the same-level office’s queue, and in the unit’s history, but not another unit’s', async () => {
    const queue = await t.execute(Queue, {}, { cookie: cookies.qingfeng })
    expect(queue.data!.unitChangeReviewQueue.edges.map((edge) => edge.node.id)).toContain(requestId)
    expect(queue.data!.unitChangeReviewQueue.edges[0]!.node.status).toBe('PENDING')
    const nanle = await t.execute(Queue, {}, { cookie: cookies.nanle })
    expect(nanle.data!.unitChangeReviewQueue.edges.map((edge) => edge.node.id)).not.toContain(requestId)
    const own = await t.execute(History, {}, { cookie: cookies.qfyy })
    expect(own.data!.unitChangeRequests.edges.map((edge) => edge.node.id)).toContain(requestId)
    const other = await t.execute(History, { unitId: String(hospitalId) }, { cookie: cookies.qfzf })
    expect(other.data!.unitChangeRequests.totalCount).toBe(0)
    const city = await t.execute(History, { unitId: String(hospitalId) }, { cookie: cookies.puyang })
    expect(city.data!.unitChangeRequests.edges.map((edge) => edge.node.id)).toContain(requestId)
  })

  it('cannot be withdrawn by another unit, nor reviewed by another office or CONAC; nothing changes', async () => {
    const byOtherUnit = await t.execute(Withdraw, { input: { id: requestId } }, { cookie: cookies.qfzf })
    expect(errorCodes(byOtherUnit)).toEqual(['NOT_FOUND'])
    // 南乐县 is a sibling county: the request is outside its scope.
    expect(errorCodes(await review('nanle', requestId, true))).toEqual(['NOT_FOUND'])
    // 濮阳市 sees the county's unit, but it is not the unit's same-level office.
    const city = await review('puyang', requestId, true)
    expect(errorCodes(city)).toEqual(['FORBIDDEN'])
    expect(city.errors![0]!.message).toBe('只有单位的同级编办可以审核单位信息变更')
    expect(errorCodes(await review('conac', requestId, true))).toEqual(['FORBIDDEN'])
    // A unit cannot review its own request.
    expect(errorCodes(await review('qfyy', requestId, true))).toEqual(['FORBIDDEN'])
    const row = await t.db.prisma.unitChangeRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })
    expect(row.status).toBe('PENDING')
    expect((await myUnit('qfyy')).address).toBe(oldAddress)
  })

  it('a rejection needs a note (BAD_USER_INPUT, nothing changes)', async () => {
    const result = await review('qingfeng', requestId, false)
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    const row = await t.db.prisma.unitChangeRequest.findUniqueOrThrow({ where: { id: Number(requestId) } })
    expect(row.status).toBe('PENDING')
  })

  it('approval updates the unit under its version, audits it, tells the unit by SMS, email and in the portal, and shows on /verify', async () => {
    const before = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: hospitalId } })
    const result = await review('qingfeng', requestId, true)
    expect(result.errors).toBeUndefined()
    const reviewed = result.data!.reviewUnitChange
    expect(reviewed.status).toBe('APPROVED')
    expect(reviewed.reviewedAt).toBeTruthy()
    expect(reviewed.reviewedByName).toBeTruthy()
    expect(reviewed.unit.address).toBe(newAddress)
    expect(reviewed.unit.version).toBe(before.version + 1)

    expect(await verifiedAddress()).toBe(newAddress)
    // The site application keeps the snapshot it was reviewed with.
    const application = await t.db.prisma.siteApplication.findFirstOrThrow({
      where: { badge: { badgeNumber: DEMO_BADGE_NUMBER } },
    })
    expect(application.address).toBe(oldAddress)

    const audits = await t.db.prisma.auditLog.findMany({
      where: {
        OR: [
          { action: 'unitChange.review', subjectId: requestId },
          { action: 'unit.changeFacts', subjectId: String(hospitalId) },
        ],
      },
      orderBy: { id: 'asc' },
    })
    expect(audits.map((audit) => audit.action)).toEqual(['unitChange.review', 'unit.changeFacts'])
    expect(audits[0]!.before).toMatchObject({ status: 'PENDING' })
    expect(audits[0]!.after).toMatchObject({ status: 'APPROVED' })
    expect(audits[1]!.before).toMatchObject({ address: oldAddress, version: before.version })
    expect(audits[1]!.after).toMatchObject({ address: newAddress, version: before.version + 1 })

    const notices = await t.db.prisma.notification.findMany({
      where: { template: 'unitChange.approved', payload: { path: ['unitChangeId'], equals: Number(requestId) } },
    })
    const channels = notices.map((notice) => notice.channel)
    expect(channels).toContain('SMS')
    expect(channels).toContain('EMAIL')
    expect(channels).toContain('IN_APP')
    expect(notices.find((notice) => notice.channel === 'SMS')!.address).toBe(before.handlerMobile)
    expect(notices.find((notice) => notice.channel === 'EMAIL')!.address).toBe(before.handlerEmail)
  })

  it('cannot be decided or withdrawn twice (CONFLICT)', async () => {
    expect(errorCodes(await review('qingfeng', requestId, false, '重复审核'))).toEqual(['CONFLICT'])
    expect(errorCodes(await t.execute(Withdraw, { input: { id: requestId } }, { cookie: cookies.qfyy }))).toEqual([
      'CONFLICT',
    ])
  })
})

describe('a change the office rejects, and one the unit withdraws', () => {
  it('rejection keeps the unit as it was and sends the note to the unit', async () => {
    const before = await myUnit('qfzf')
    const filed = await request('qfzf', { name: '清丰县人民政府办公室（新）' }, '机构改革更名')
    expect(filed.errors).toBeUndefined()
    const id = filed.data!.requestUnitChange.id
    const result = await review('qingfeng', id, false, '请附更名批复文件')
    expect(result.data!.reviewUnitChange).toMatchObject({ status: 'REJECTED', reviewNote: '请附更名批复文件' })
    const after = await myUnit('qfzf')
    expect(after.name).toBe(before.name)
    expect(after.version).toBe(before.version)
    const notices = await t.db.prisma.notification.findMany({
      where: { template: 'unitChange.rejected', payload: { path: ['unitChangeId'], equals: Number(id) } },
    })
    expect(notices.map((notice) => notice.channel)).toEqual(expect.arrayContaining(['SMS', 'EMAIL', 'IN_APP']))
    expect(notices[0]!.body).toContain('请附更名批复文件')
  })

  it('withdrawal ends a waiting request (audited) and lets the unit ask again', async () => {
    const filed = await request('qfzf', { functions: '负责县政府机关日常运转工作。' }, '职能调整')
    const id = filed.data!.requestUnitChange.id
    const withdrawn = await t.execute(Withdraw, { input: { id } }, { cookie: cookies.qfzf })
    expect(withdrawn.data!.withdrawUnitChange.status).toBe('WITHDRAWN')
    const audit = await t.db.prisma.auditLog.findFirstOrThrow({
      where: { action: 'unitChange.withdraw', subjectId: id },
    })
    expect(audit.before).toMatchObject({ status: 'PENDING' })
    expect(audit.after).toMatchObject({ status: 'WITHDRAWN' })
    expect(errorCodes(await review('qingfeng', id, true))).toEqual(['CONFLICT'])
    const again = await request('qfzf', { functions: '负责县政府机关日常运转工作。' }, '职能调整')
    expect(again.errors).toBeUndefined()
    await t.execute(Withdraw, { input: { id: again.data!.requestUnitChange.id } }, { cookie: cookies.qfzf })
  })
})

describe('refusals at request time', () => {
  it('a request that changes nothing is BAD_USER_INPUT', async () => {
    const unit = await myUnit('qfzf')
    const same = await request('qfzf', { name: unit.name, address: unit.address })
    expect(errorCodes(same)).toEqual(['BAD_USER_INPUT'])
    expect(same.errors![0]!.message).toBe('没有需要变更的单位信息')
    expect(errorCodes(await request('qfzf', {}))).toEqual(['BAD_USER_INPUT'])
  })

  it('a credit code with a wrong check character, and a missing reason, are BAD_USER_INPUT with the field', async () => {
    const code = freshCreditCode(1)
    const wrong = code.slice(0, 17) + (code[17] === '0' ? '1' : '0')
    const result = await request('qfzf', { creditCode: wrong })
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions!.fields).toEqual({ creditCode: '统一社会信用代码格式或校验位不正确，请核对' })
    const noReason = await request('qfzf', { address: '河南省濮阳市清丰县新址 9 号' }, ' ')
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT'])
    expect(await t.db.prisma.unitChangeRequest.count({ where: { unitId: governmentId, status: 'PENDING' } })).toBe(0)
  })

  it('a unit version that moved is CONFLICT', async () => {
    const unit = await myUnit('qfzf')
    const stale = await t.execute(
      RequestChange,
      { input: { after: { address: '河南省濮阳市清丰县新址 9 号' }, reason: '搬迁', unitVersion: unit.version - 1 } },
      { cookie: cookies.qfzf },
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
  })

  it('staff cannot file a request (FORBIDDEN)', async () => {
    const result = await t.execute(
      RequestChange,
      { input: { after: { address: '河南省濮阳市清丰县新址 9 号' }, reason: '搬迁', unitVersion: 0 } },
      { cookie: cookies.qingfeng },
    )
    expect(errorCodes(result)).toEqual(['FORBIDDEN'])
  })

  it('two requests at once: exactly one is filed', async () => {
    const unit = await myUnit('qfzf')
    const input = (address: string) => ({ after: { address }, reason: '搬迁', unitVersion: unit.version })
    const results = await Promise.all([
      t.execute(RequestChange, { input: input('河南省濮阳市清丰县甲路 1 号') }, { cookie: cookies.qfzf }),
      t.execute(RequestChange, { input: input('河南省濮阳市清丰县乙路 2 号') }, { cookie: cookies.qfzf }),
    ])
    const filed = results.filter((result) => !result.errors)
    expect(filed).toHaveLength(1)
    expect(results.flatMap(errorCodes)).toEqual(['CONFLICT'])
    expect(await t.db.prisma.unitChangeRequest.count({ where: { unitId: governmentId, status: 'PENDING' } })).toBe(1)
    await t.execute(Withdraw, { input: { id: filed[0]!.data!.requestUnitChange.id } }, { cookie: cookies.qfzf })
  })
})

describe('re-checks at approval', () => {
  it('a name another unit took meanwhile is CONFLICT naming the field; the request stays pending', async () => {
    const wanted = '清丰县人民政府办公室（测试更名）'
    const filed = await request('qfzf', { name: wanted }, '更名')
    const id = filed.data!.requestUnitChange.id
    const other = await t.db.prisma.unit.findFirstOrThrow({ where: { name: '濮阳市教育局' } })
    await t.db.prisma.unit.update({ where: { id: other.id }, data: { name: wanted } })
    const result = await review('qingfeng', id, true)
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect(result.errors![0]!.extensions!.field).toBe('name')
    expect(result.errors![0]!.message).toContain('单位名称')
    const row = await t.db.prisma.unitChangeRequest.findUniqueOrThrow({ where: { id: Number(id) } })
    expect(row.status).toBe('PENDING')
    expect((await myUnit('qfzf')).name).not.toBe(wanted)
    await t.db.prisma.unit.update({ where: { id: other.id }, data: { name: other.name } })
    await t.execute(Withdraw, { input: { id } }, { cookie: cookies.qfzf })
  })

  it('a credit code another unit took meanwhile is CONFLICT naming the field', async () => {
    const wanted = freshCreditCode(2)
    const filed = await request('qfzf', { creditCode: wanted }, '换发证照')
    expect(filed.errors).toBeUndefined()
    const id = filed.data!.requestUnitChange.id
    const other = await t.db.prisma.unit.findFirstOrThrow({ where: { name: '濮阳市教育局' } })
    await t.db.prisma.unit.update({ where: { id: other.id }, data: { creditCode: wanted } })
    const result = await review('qingfeng', id, true)
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect(result.errors![0]!.extensions!.field).toBe('creditCode')
    await t.db.prisma.unit.update({ where: { id: other.id }, data: { creditCode: other.creditCode } })
    // Freed again, the same request now goes through.
    const approved = await review('qingfeng', id, true)
    expect(approved.errors).toBeUndefined()
    expect((await myUnit('qfzf')).creditCode).toBe(wanted)
  })

  it('a fact the unit changed elsewhere since it asked is CONFLICT (the office never applies a stale before)', async () => {
    const filed = await request('qfzf', { address: '河南省濮阳市清丰县丙路 3 号' }, '搬迁')
    const id = filed.data!.requestUnitChange.id
    await t.db.prisma.unit.update({
      where: { id: governmentId },
      data: { address: '河南省濮阳市清丰县丁路 4 号', version: { increment: 1 } },
    })
    const result = await review('qingfeng', id, true)
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect((await myUnit('qfzf')).address).toBe('河南省濮阳市清丰县丁路 4 号')
  })
})
