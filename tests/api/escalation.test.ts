// 审核超时提醒 beyond domain applications: site applications waiting for their first review (初审) or for the paper
// materials to be confirmed (counted from the latest CONAC approval), and badge change/cancel requests. After N
// working days (over 国庆 2025 with its 调休 days, injected `now`) the office one level up is told, once per item and
// level across runs, never the same-level office; items not yet overdue are left alone.
import { sealIdNumber } from '../../server/src/lib/idNumberColumns.ts'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { PrismaClient } from '../../server/src/generated/prisma/client.ts'
import {
  BADGE_CHANGE_ESCALATION_ACTION,
  PAPER_ESCALATION_ACTION,
  runReviewEscalation,
  SITE_ESCALATION_ACTION,
} from '../../server/src/modules/jobs/escalation.ts'
import { jobByName, runJob } from '../../server/src/modules/jobs/registry.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createUnit, makeIdNumber } from '../testkit/fixtures.ts'
import { createIssuedBadge } from '../testkit/sites.ts'

let t: TestApp
let prisma: PrismaClient
let seq = 0

beforeAll(async () => {
  t = await createTestApp()
  prisma = t.db.prisma
})
afterAll(async () => {
  await t?.close()
})

// Friday 2025-09-26 10:00 Beijing. Working days after it: 09-28 (调休 Sunday), 09-29, 09-30, 国庆 10-01..10-08, 10-09,
// 10-10: the fifth ends with 10-10, so the item is overdue from 10-11 (a 调休 Saturday, itself a working day).
const FRIDAY = new Date('2025-09-26T02:00:00Z')
// Tuesday 2025-09-30 10:00 Beijing: 10-09, 10-10, 10-11 (调休), 10-13, 10-14 — overdue only from 10-15.
const TUESDAY = new Date('2025-09-30T02:00:00Z')
const at = (beijing: string) => new Date(`${beijing}+08:00`)
const FIVE = { workingDays: 5 }

const staff = (username: string) => prisma.user.findUniqueOrThrow({ where: { username } })

const rowsOf = async (prefix: string) =>
  (await prisma.notification.findMany({ where: { dedupeKey: { startsWith: prefix } }, orderBy: { id: 'asc' } })).map(
    (n) => ({
      channel: n.channel,
      userId: n.userId,
      address: n.address,
      body: n.body,
      subject: n.subject,
      template: n.template,
    }),
  )

async function siteApplication(
  unitId: number,
  status: 'PENDING_OFFICE_REVIEW' | 'AWAITING_PAPER' | 'PENDING_CONAC_REVIEW',
  submittedAt: Date,
) {
  const unit = await prisma.unit.findUniqueOrThrow({ where: { id: unitId } })
  seq += 1
  const siteName = `${unit.name}超时网站${seq}`
  return prisma.siteApplication.create({
    data: {
      serialNumber: `WZ-E-${process.pid}-${seq}`,
      unitId,
      kind: 'NEW_SITE',
      status,
      unitName: unit.name,
      systemCategory: unit.systemCategory,
      address: unit.address,
      postcode: unit.postcode,
      siteName,
      siteIntro: `${siteName}简介`,
      englishDomain: `www.esc${process.pid}x${seq}.gov.cn`,
      principalName: '王负责',
      principalMobile: '13900000001',
      principalEmail: 'principal@example.cn',
      handlerName: '李经办',
      handlerMobile: '13900000002',
      handlerEmail: 'handler@example.cn',
      ...sealIdNumber('siteApplication', makeIdNumber()),
      submittedAt,
    },
  })
}

async function unitUser(unitId: number) {
  return prisma.user.create({
    data: {
      username: `esc-unit-${Date.now()}-${++seq}`,
      displayName: '测试用户',
      passwordHash: 'x',
      role: 'UNIT_USER',
      unitRole: 'PRIMARY',
      unitId,
    },
  })
}

describe('review escalation of site applications and badge changes', () => {
  it('an overdue site application (初审) tells the parent office once across runs; a later one over 国庆 waits', async () => {
    const unit = await createUnit(prisma, { regionCode: '410922' }) // 清丰县 -> 濮阳市 -> 河南省
    const [qingfeng, puyang, henan] = await Promise.all([staff('qingfeng'), staff('puyang'), staff('henan')])
    const pyShenhe = await staff('py-shenhe') // 濮阳市's 审核员-only clerk; its 管理员 and 财务 are not told
    const overdue = await siteApplication(unit.id, 'PENDING_OFFICE_REVIEW', FRIDAY)
    const later = await siteApplication(unit.id, 'PENDING_OFFICE_REVIEW', TUESDAY)
    const withConac = await siteApplication(unit.id, 'PENDING_CONAC_REVIEW', FRIDAY)
    const key = (id: number) => `siteApplication.reviewEscalation:${id}:`

    await runReviewEscalation(prisma, at('2025-10-10T09:00:00'), FIVE) // still the fifth working day
    expect(await rowsOf(key(overdue.id))).toEqual([])

    const first = await runReviewEscalation(prisma, at('2025-10-11T09:00:00'), FIVE)
    expect(first.siteApplications).toBeGreaterThanOrEqual(1)
    expect(first.escalations).toBeGreaterThanOrEqual(first.siteApplications)
    await runReviewEscalation(prisma, at('2025-10-11T15:00:00'), FIVE)
    await runReviewEscalation(prisma, at('2025-10-13T09:00:00'), FIVE)

    const rows = await rowsOf(key(overdue.id))
    expect(rows.filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([puyang.id, pyShenhe.id])
    expect(rows.filter((row) => row.channel === 'EMAIL').map((row) => row.address)).toEqual([
      puyang.email,
      pyShenhe.email,
    ])
    expect(rows.some((row) => row.userId === qingfeng.id || row.userId === henan.id)).toBe(false)
    expect(rows[0]).toMatchObject({ template: 'review.escalated', subject: '网站开办申请超期未处理' })
    expect(rows[0]!.body).toContain('网站开办申请')
    expect(rows[0]!.body).toContain(overdue.siteName)
    expect(rows[0]!.body).toContain(overdue.serialNumber)
    const audits = await prisma.auditLog.findMany({
      where: { action: SITE_ESCALATION_ACTION, subjectType: 'SiteApplication', subjectId: String(overdue.id) },
    })
    expect(audits).toHaveLength(1)
    expect(audits[0]!.after).toMatchObject({
      level: 1,
      workingDays: 5,
      submittedAt: FRIDAY.toISOString(),
      notifiedUserIds: [puyang.id, pyShenhe.id],
    })

    // Submitted on 09-30: five working days end with 10-14 (counting the 调休 Saturday 10-11).
    expect(await rowsOf(key(later.id))).toEqual([])
    await runReviewEscalation(prisma, at('2025-10-14T18:00:00'), FIVE)
    expect(await rowsOf(key(later.id))).toEqual([])
    await runReviewEscalation(prisma, at('2025-10-15T09:00:00'), FIVE)
    expect((await rowsOf(key(later.id))).filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([
      puyang.id,
      pyShenhe.id,
    ])

    // Waiting for CONAC is not the local office's delay.
    expect(await rowsOf(key(withConac.id))).toEqual([])
    expect(await rowsOf(`siteApplication.paperEscalation:${withConac.id}:`)).toEqual([])
  })

  it('paper materials are counted from the latest CONAC approval', async () => {
    const unit = await createUnit(prisma, { regionCode: '410922' })
    const [puyang, qingfeng, conac] = await Promise.all([staff('puyang'), staff('qingfeng'), staff('conac')])
    const pyShenhe = await staff('py-shenhe')
    const app = await siteApplication(unit.id, 'AWAITING_PAPER', new Date('2025-08-01T02:00:00Z'))
    const conacOffice = await prisma.office.findUniqueOrThrow({ where: { id: conac.officeId! } })
    // An earlier approval (re-reviewed since) and the latest one on 09-30.
    for (const decidedAt of [new Date('2025-08-05T02:00:00Z'), TUESDAY]) {
      await prisma.reviewDecision.create({
        data: {
          subject: 'SITE_APPLICATION',
          siteApplicationId: app.id,
          level: 'CONAC',
          officeId: conacOffice.id,
          reviewerId: conac.id,
          result: 'APPROVED',
          decidedAt,
        },
      })
    }
    const key = `siteApplication.paperEscalation:${app.id}:`
    await runReviewEscalation(prisma, at('2025-10-13T09:00:00'), FIVE)
    expect(await rowsOf(key)).toEqual([])
    const run = await runReviewEscalation(prisma, at('2025-10-15T09:00:00'), FIVE)
    expect(run.paper).toBeGreaterThanOrEqual(1)
    await runReviewEscalation(prisma, at('2025-10-16T09:00:00'), FIVE)
    const rows = await rowsOf(key)
    expect(rows.filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([puyang.id, pyShenhe.id])
    expect(rows.some((row) => row.userId === qingfeng.id)).toBe(false)
    expect(rows[0]).toMatchObject({ template: 'paper.escalated', subject: '网站开办申请书面材料超期未确认' })
    expect(rows[0]!.body).toContain(app.siteName)
    const audits = await prisma.auditLog.findMany({
      where: { action: PAPER_ESCALATION_ACTION, subjectId: String(app.id) },
    })
    expect(audits.map((row) => row.after)).toEqual([
      expect.objectContaining({ level: 1, approvedAt: TUESDAY.toISOString() }),
    ])
    // The first review of the same application is a separate matter: it was not waiting for it.
    expect(await rowsOf(`siteApplication.reviewEscalation:${app.id}:`)).toEqual([])
  })

  it('an overdue badge change tells the parent office once; a later one and decided ones are left alone', async () => {
    const unit = await createUnit(prisma, { regionCode: '410922' })
    const user = await unitUser(unit.id)
    const [qingfeng, puyang, henan] = await Promise.all([staff('qingfeng'), staff('puyang'), staff('henan')])
    const pyShenhe = await staff('py-shenhe') // 濮阳市's 审核员-only clerk; its 管理员 and 财务 are not told
    const { badge } = await createIssuedBadge(prisma, { unitId: unit.id, issuedAt: new Date('2025-09-01T02:00:00Z') })
    const { badge: other } = await createIssuedBadge(prisma, {
      unitId: unit.id,
      issuedAt: new Date('2025-09-01T02:00:00Z'),
    })
    // One PENDING request per badge at a time.
    const request = (
      badgeId: number,
      data: { kind: 'CHANGE' | 'CANCEL'; requestedAt: Date; status?: 'PENDING' | 'APPROVED' },
    ) =>
      prisma.badgeChangeRequest.create({
        data: {
          badgeId,
          requestedById: user.id,
          reason: '测试',
          newSiteName: data.kind === 'CHANGE' ? '新名称' : null,
          ...data,
        },
      })
    const decided = await request(badge.id, { kind: 'CHANGE', requestedAt: FRIDAY, status: 'APPROVED' })
    const overdue = await request(badge.id, { kind: 'CANCEL', requestedAt: FRIDAY })
    const later = await request(other.id, { kind: 'CHANGE', requestedAt: TUESDAY })
    const key = (id: number) => `badgeChange.reviewEscalation:${id}:`

    // Through the registered job (two periods) and directly again.
    const job = jobByName('reviewEscalation')!
    const first = await runJob(prisma, job, {
      now: at('2025-10-11T09:00:00'),
      options: { reviewEscalationWorkingDays: 5 },
    })
    expect(first.run.status).toBe('SUCCEEDED')
    expect(first.run.result).toMatchObject({
      badgeChanges: expect.any(Number),
      siteApplications: expect.any(Number),
      paper: expect.any(Number),
      domains: expect.any(Number),
    })
    expect((first.run.result as { badgeChanges: number }).badgeChanges).toBeGreaterThanOrEqual(1)
    await runJob(prisma, job, { now: at('2025-10-13T09:00:00'), options: { reviewEscalationWorkingDays: 5 } })
    await runReviewEscalation(prisma, at('2025-10-13T10:00:00'), FIVE)

    const rows = await rowsOf(key(overdue.id))
    expect(rows.filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([puyang.id, pyShenhe.id])
    expect(rows.filter((row) => row.channel === 'EMAIL').map((row) => row.address)).toEqual([
      puyang.email,
      pyShenhe.email,
    ])
    expect(rows.some((row) => row.userId === qingfeng.id || row.userId === henan.id)).toBe(false)
    expect(rows[0]!.subject).toBe('标识注销申请超期未处理')
    expect(rows[0]!.body).toContain(badge.badgeNumber)
    expect(
      await prisma.auditLog.count({
        where: {
          action: BADGE_CHANGE_ESCALATION_ACTION,
          subjectType: 'BadgeChangeRequest',
          subjectId: String(overdue.id),
        },
      }),
    ).toBe(1)

    expect(await rowsOf(key(later.id))).toEqual([])
    expect(await rowsOf(key(decided.id))).toEqual([])

    // After 10 working days (10-16) the province too; the city not again.
    await runReviewEscalation(prisma, at('2025-10-17T09:00:00'), FIVE)
    expect((await rowsOf(key(overdue.id))).filter((row) => row.channel === 'IN_APP').map((row) => row.userId)).toEqual([
      puyang.id,
      pyShenhe.id,
      henan.id,
    ])
  })
})
