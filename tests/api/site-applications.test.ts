// 网站开办审核: drafts, submission with an SMS code, 初审 by the same-level office, 复审 by CONAC, the paper step for
// 党政机关 (skipped by 事业单位), the badge issued at the end; rejections and resubmission with the changed fields;
// validation failures, races, and who may not act.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import type { SaveSiteApplicationDraftInput } from '../graphql/generated/graphql.ts'
import { addWorkingDays } from '../../server/src/lib/workdays.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createDomain, makeIdNumber } from '../testkit/fixtures.ts'
import { ageCodes, latestCode, wrongCode } from '../testkit/registration.ts'
import { siteApplicationForm } from '../testkit/sites.ts'

const SendCode = graphql(`
  mutation TestSiteSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
      purpose
    }
  }
`)

const SaveDraft = graphql(`
  mutation TestSiteSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      serialNumber
      status
      version
      siteName
      unitName
    }
  }
`)

const Submit = graphql(`
  mutation TestSiteSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      status
      version
      submittedAt
      chineseDomain {
        id
        fullName
      }
      boundDomains {
        id
        status
      }
    }
  }
`)

const Resubmit = graphql(`
  mutation TestSiteResubmit($input: ResubmitSiteApplicationInput!) {
    resubmitSiteApplication(input: $input) {
      id
      status
      version
      siteIntro
      changesSinceLastReview {
        field
        before
        after
      }
      reviewDecisions {
        level
        result
        reason
      }
    }
  }
`)

const Review = graphql(`
  mutation TestSiteReview($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      status
      version
      reviewDecisions {
        level
        result
        reason
        office {
          name
        }
      }
      paperSubmission {
        copiesRequired
        letterReceived
        formCopiesReceived
        idCopyReceived
      }
      badge {
        badgeNumber
        placement
      }
    }
  }
`)

const RecordPaper = graphql(`
  mutation TestSiteRecordPaper($input: RecordPaperMaterialsInput!) {
    recordPaperMaterials(input: $input) {
      id
      status
      version
      paperSubmission {
        letterReceived
        formCopiesReceived
        idCopyReceived
        missingNote
        receivedAt
      }
    }
  }
`)

const ConfirmPaper = graphql(`
  mutation TestSiteConfirmPaper($input: ReviewSiteApplicationInput!) {
    confirmPaperMaterials(input: $input) {
      id
      status
      version
      reviewDecisions {
        level
        result
      }
      badge {
        badgeNumber
        status
        placement
        siteName
        englishDomain
        issuedAt
        installDeadline
        unit {
          name
        }
        siteApplication {
          id
        }
      }
    }
  }
`)

const One = graphql(`
  query TestSiteApplication($id: ID!) {
    siteApplication(id: $id) {
      id
      status
      version
      changesSinceLastReview {
        field
        before
        after
      }
    }
  }
`)

const Lists = graphql(`
  query TestSiteLists($filter: SiteApplicationFilter) {
    siteApplications(first: 100, filter: $filter) {
      totalCount
      edges {
        node {
          id
          status
        }
      }
    }
    badges(first: 100) {
      totalCount
      edges {
        node {
          id
          badgeNumber
          unit {
            name
          }
        }
      }
    }
  }
`)

const Queue = graphql(`
  query TestSiteQueue {
    siteApplicationReviewQueue(first: 100) {
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

let t: TestApp
let qfzfUnit: number
let qfyyUnit: number

/** A new REGISTERED domain for each application: a domain has one live application at a time. */
const zhengwu = async () =>
  (await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'REGISTERED' })).id
const gongyi = async () =>
  (await createDomain(t.db.prisma, { unitId: qfyyUnit, suffix: 'GONGYI', status: 'REGISTERED' })).id

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  qfyyUnit = await demoUnitId(t, '清丰县人民医院')
})
afterAll(() => t?.close())

const form = siteApplicationForm

async function draft(user: string, input: SaveSiteApplicationDraftInput) {
  const result = await t.execute(SaveDraft, { input }, { cookie: await t.login(user) })
  expect(result.errors).toBeUndefined()
  return result.data!.saveSiteApplicationDraft
}

async function code(user: string, mobile: string) {
  await ageCodes(t.db.prisma, mobile, 61) // past the resend cooldown of an earlier code
  const sent = await t.execute(
    SendCode,
    { input: { mobile, purpose: 'SITE_APPLICATION' } },
    { cookie: await t.login(user) },
  )
  expect(sent.errors).toBeUndefined()
  return latestCode(t.db.prisma, mobile)
}

/** The same ID number with a wrong check character. */
const badCheckDigit = (id: string) => id.slice(0, 17) + (id[17] === '0' ? '1' : '0')

const row = (id: string) => t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(id) } })

async function submitted(user: string, input: SaveSiteApplicationDraftInput) {
  const d = await draft(user, input)
  const result = await t.execute(
    Submit,
    { input: { id: d.id, version: d.version, verificationCode: await code(user, input.handlerMobile!) } },
    { cookie: await t.login(user) },
  )
  expect(result.errors).toBeUndefined()
  return result.data!.submitSiteApplication
}

async function review(user: string, id: string, decision: 'APPROVE' | 'REJECT', reason?: string) {
  const { version } = await row(id)
  return t.execute(Review, { input: { id, version, decision, reason } }, { cookie: await t.login(user) })
}

describe('党政机关: submit, 初审, 复审, paper step, badge', () => {
  it('goes DRAFT → 初审中 → 复审中 → AWAITING_PAPER → BADGE_ISSUED with decisions, audit and notifications', async () => {
    const zhengwuDomain = await zhengwu()
    const input = form(zhengwuDomain)
    const d = await draft('qfzf', input)
    expect(d.status).toBe('DRAFT')
    expect(d.serialNumber).toMatch(/^WZ-20[0-9]{2}-[0-9]{6}$/)
    expect(d.unitName).toBe('清丰县人民政府办公室')

    const s = await t.execute(
      Submit,
      { input: { id: d.id, version: d.version, verificationCode: await code('qfzf', input.handlerMobile!) } },
      { cookie: await t.login('qfzf') },
    )
    expect(s.errors).toBeUndefined()
    expect(s.data!.submitSiteApplication.status).toBe('PENDING_OFFICE_REVIEW')
    expect(s.data!.submitSiteApplication.chineseDomain?.id).toBe(String(zhengwuDomain))
    const unitRegistered = await t.db.prisma.domain.count({ where: { unitId: qfzfUnit, status: 'REGISTERED' } })
    expect(s.data!.submitSiteApplication.boundDomains).toHaveLength(unitRegistered)

    const queue = await t.execute(Queue, {}, { cookie: await t.login('qingfeng') })
    expect(queue.data!.siteApplicationReviewQueue.edges.map((e) => e.node.id)).toContain(d.id)

    const office = await review('qingfeng', d.id, 'APPROVE')
    expect(office.errors).toBeUndefined()
    expect(office.data!.reviewSiteApplication.status).toBe('PENDING_CONAC_REVIEW')
    const conacQueue = await t.execute(Queue, {}, { cookie: await t.login('conac') })
    expect(conacQueue.data!.siteApplicationReviewQueue.edges.map((e) => e.node.id)).toContain(d.id)

    const conac = await review('conac', d.id, 'APPROVE')
    expect(conac.errors).toBeUndefined()
    expect(conac.data!.reviewSiteApplication.status).toBe('AWAITING_PAPER')
    expect(conac.data!.reviewSiteApplication.paperSubmission).toMatchObject({
      copiesRequired: 4,
      letterReceived: false,
      formCopiesReceived: 0,
    })
    expect(conac.data!.reviewSiteApplication.badge).toBeNull()

    // Missing copies: confirmation refused, nothing changes.
    let version = (await row(d.id)).version
    const partial = await t.execute(
      RecordPaper,
      {
        input: {
          id: d.id,
          version,
          letterReceived: true,
          formCopiesReceived: 3,
          idCopyReceived: true,
          missingNote: '申请表缺一份',
        },
      },
      { cookie: await t.login('qingfeng') },
    )
    expect(partial.errors).toBeUndefined()
    expect(partial.data!.recordPaperMaterials.paperSubmission).toMatchObject({
      formCopiesReceived: 3,
      missingNote: '申请表缺一份',
    })
    version = partial.data!.recordPaperMaterials.version
    const early = await t.execute(
      ConfirmPaper,
      { input: { id: d.id, version, decision: 'APPROVE' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(early)).toEqual(['CONFLICT'])
    expect((await row(d.id)).status).toBe('AWAITING_PAPER')

    const full = await t.execute(
      RecordPaper,
      { input: { id: d.id, version, letterReceived: true, formCopiesReceived: 4, idCopyReceived: true } },
      { cookie: await t.login('qingfeng') },
    )
    expect(full.errors).toBeUndefined()
    // Another county's office and CONAC do not confirm paper.
    const other = await t.execute(
      ConfirmPaper,
      { input: { id: d.id, version: full.data!.recordPaperMaterials.version, decision: 'APPROVE' } },
      { cookie: await t.login('conac') },
    )
    expect(errorCodes(other)).toEqual(['FORBIDDEN'])

    const done = await t.execute(
      ConfirmPaper,
      { input: { id: d.id, version: full.data!.recordPaperMaterials.version, decision: 'APPROVE' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(done.errors).toBeUndefined()
    const app = done.data!.confirmPaperMaterials
    expect(app.status).toBe('BADGE_ISSUED')
    expect(app.reviewDecisions.map((r) => `${r.level}:${r.result}`)).toEqual([
      'OFFICE:APPROVED',
      'CONAC:APPROVED',
      'PAPER:APPROVED',
    ])
    expect(app.badge).toMatchObject({
      status: 'ACTIVE',
      placement: 'SELF_BUILT',
      siteName: '清丰县人民政府网',
      englishDomain: 'www.qingfeng.gov.cn',
      unit: { name: '清丰县人民政府办公室' },
      siteApplication: { id: d.id },
    })
    expect(app.badge!.badgeNumber).toMatch(/^20[0-9]{2}410922[0-9]{5}$/)
    // 安装期限: the end of the fifth working day (Beijing time) after the day of issue.
    const deadline = new Date(app.badge!.installDeadline)
    expect(deadline.getTime()).toBe(addWorkingDays(new Date(app.badge!.issuedAt), 5).getTime())
    expect(deadline.getTime() - new Date(app.badge!.issuedAt).getTime()).toBeGreaterThanOrEqual(5 * 86_400_000)

    const badgeNotices = await t.db.prisma.notification.findMany({
      where: { template: 'badge.issued', payload: { path: ['badgeNumber'], equals: app.badge!.badgeNumber } },
    })
    expect(new Set(badgeNotices.map((n) => n.channel))).toEqual(new Set(['SMS', 'EMAIL', 'IN_APP']))
    const audits = await t.db.prisma.auditLog.findMany({
      where: { subjectType: 'SiteApplication', subjectId: d.id },
      orderBy: { id: 'asc' },
    })
    expect(audits.map((a) => a.action)).toEqual([
      'siteApplication.create',
      'siteApplication.submit',
      'siteApplication.review',
      'siteApplication.review',
      'siteApplication.recordPaper',
      'siteApplication.recordPaper',
      'siteApplication.review',
    ])

    const unitBadges = await t.execute(Lists, {}, { cookie: await t.login('qfzf') })
    expect(unitBadges.data!.badges.edges.map((e) => e.node.badgeNumber)).toContain(app.badge!.badgeNumber)
    const nanleBadges = await t.execute(Lists, {}, { cookie: await t.login('nanle') })
    expect(nanleBadges.data!.badges.edges.map((e) => e.node.badgeNumber)).not.toContain(app.badge!.badgeNumber)
    expect(nanleBadges.data!.siteApplications.edges.map((e) => e.node.id)).not.toContain(d.id)
  })
})

describe('paper rejection', () => {
  it('PAPER_REJECTED needs a reason; resubmission goes back through both reviews and starts the paper step over', async () => {
    const input = form(await zhengwu())
    const app = await submitted('qfzf', input)
    expect((await review('qingfeng', app.id, 'APPROVE')).errors).toBeUndefined()
    expect((await review('conac', app.id, 'APPROVE')).errors).toBeUndefined()
    let version = (await row(app.id)).version
    const recorded = await t.execute(
      RecordPaper,
      {
        input: {
          id: app.id,
          version,
          letterReceived: true,
          formCopiesReceived: 2,
          idCopyReceived: false,
          missingNote: '缺身份证复印件',
        },
      },
      { cookie: await t.login('qingfeng') },
    )
    expect(recorded.errors).toBeUndefined()
    version = recorded.data!.recordPaperMaterials.version
    const nanle = await t.execute(
      RecordPaper,
      { input: { id: app.id, version, letterReceived: true, formCopiesReceived: 4, idCopyReceived: true } },
      { cookie: await t.login('nanle') },
    )
    expect(errorCodes(nanle)).toEqual(['NOT_FOUND'])
    const noReason = await t.execute(
      ConfirmPaper,
      { input: { id: app.id, version, decision: 'REJECT' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT'])
    const rejected = await t.execute(
      ConfirmPaper,
      { input: { id: app.id, version, decision: 'REJECT', reason: '书面材料不齐' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(rejected.data!.confirmPaperMaterials.status).toBe('PAPER_REJECTED')
    expect(rejected.data!.confirmPaperMaterials.badge).toBeNull()

    const again = await t.execute(
      Resubmit,
      {
        input: {
          id: app.id,
          version: rejected.data!.confirmPaperMaterials.version,
          verificationCode: await code('qfzf', input.handlerMobile!),
        },
      },
      { cookie: await t.login('qfzf') },
    )
    expect(again.errors).toBeUndefined()
    expect(again.data!.resubmitSiteApplication.changesSinceLastReview).toEqual([])
    expect((await review('qingfeng', app.id, 'APPROVE')).errors).toBeUndefined()
    const conac = await review('conac', app.id, 'APPROVE')
    expect(conac.data!.reviewSiteApplication.status).toBe('AWAITING_PAPER')
    expect(conac.data!.reviewSiteApplication.paperSubmission).toMatchObject({
      letterReceived: false,
      formCopiesReceived: 0,
      idCopyReceived: false,
    })
    expect(conac.data!.reviewSiteApplication.reviewDecisions.map((d) => `${d.level}:${d.result}`)).toEqual([
      'OFFICE:APPROVED',
      'CONAC:APPROVED',
      'PAPER:REJECTED',
      'OFFICE:APPROVED',
      'CONAC:APPROVED',
    ])
  })
})

describe('事业单位: no paper step', () => {
  it('CONAC approval issues the badge at once (micro-site placement)', async () => {
    const app = await submitted(
      'qfyy',
      form(await gongyi(), { siteName: '清丰县人民医院', useMicroSite: true, englishDomain: null, ipAddress: null }),
    )
    expect((await review('qingfeng', app.id, 'APPROVE')).errors).toBeUndefined()
    const conac = await review('conac', app.id, 'APPROVE')
    expect(conac.errors).toBeUndefined()
    expect(conac.data!.reviewSiteApplication.status).toBe('BADGE_ISSUED')
    expect(conac.data!.reviewSiteApplication.paperSubmission).toBeNull()
    expect(conac.data!.reviewSiteApplication.badge?.placement).toBe('MICRO_SITE')
    expect(await t.db.prisma.badge.count({ where: { siteApplicationId: Number(app.id) } })).toBe(1)
  })
})

describe('rejections and resubmission', () => {
  it('office rejection, resubmission with changes, CONAC rejection, resubmission again', async () => {
    const input = form(await zhengwu())
    const app = await submitted('qfzf', input)
    const noReason = await review('qingfeng', app.id, 'REJECT')
    expect(errorCodes(noReason)).toEqual(['BAD_USER_INPUT'])
    const rejected = await review('qingfeng', app.id, 'REJECT', '网站简介不完整')
    expect(rejected.data!.reviewSiteApplication.status).toBe('OFFICE_REJECTED')
    const before = await t.execute(One, { id: app.id }, { cookie: await t.login('qfzf') })
    expect(before.data!.siteApplication.changesSinceLastReview).toEqual([])

    let version = (await row(app.id)).version
    const resubmitted = await t.execute(
      Resubmit,
      {
        input: {
          id: app.id,
          version,
          siteIntro: '清丰县人民政府门户网站，发布政务信息、办事服务和互动交流。',
          verificationCode: await code('qfzf', input.handlerMobile!),
        },
      },
      { cookie: await t.login('qfzf') },
    )
    expect(resubmitted.errors).toBeUndefined()
    const r = resubmitted.data!.resubmitSiteApplication
    expect(r.status).toBe('PENDING_OFFICE_REVIEW')
    expect(r.changesSinceLastReview).toEqual([{ field: 'siteIntro', before: input.siteIntro, after: r.siteIntro }])
    expect(r.reviewDecisions).toEqual([{ level: 'OFFICE', result: 'REJECTED', reason: '网站简介不完整' }])

    expect((await review('qingfeng', app.id, 'APPROVE')).errors).toBeUndefined()
    const conacRejected = await review('conac', app.id, 'REJECT', 'IP 地址有误')
    expect(conacRejected.data!.reviewSiteApplication.status).toBe('CONAC_REJECTED')
    version = (await row(app.id)).version
    const again = await t.execute(
      Resubmit,
      {
        input: {
          id: app.id,
          version,
          ipAddress: '2001:db8::10',
          verificationCode: await code('qfzf', input.handlerMobile!),
        },
      },
      { cookie: await t.login('qfzf') },
    )
    expect(again.errors).toBeUndefined()
    expect(again.data!.resubmitSiteApplication.changesSinceLastReview).toEqual([
      { field: 'ipAddress', before: '203.0.113.10', after: '2001:db8::10' },
    ])
    expect(again.data!.resubmitSiteApplication.reviewDecisions.map((d) => `${d.level}:${d.result}`)).toEqual([
      'OFFICE:REJECTED',
      'OFFICE:APPROVED',
      'CONAC:REJECTED',
    ])
  })
})

describe('validation', () => {
  it('rejects bad fields at submission and changes nothing (the code stays usable)', async () => {
    const otherUnitDomain = (
      await createDomain(t.db.prisma, { unitId: qfyyUnit, suffix: 'GONGYI', status: 'REGISTERED' })
    ).id
    const pendingDomain = (
      await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'PENDING_OFFICE_REVIEW' })
    ).id
    const cases: [Partial<SaveSiteApplicationDraftInput>, string][] = [
      [{ chineseDomainId: String(pendingDomain) }, 'chineseDomainId'],
      [{ useMicroSite: true }, 'englishDomain'],
      [{ ipAddress: '300.1.2.3' }, 'ipAddress'],
      [{ handlerIdNumber: badCheckDigit(makeIdNumber('410922')) }, 'handlerIdNumber'],
    ]
    for (const [overrides, field] of cases) {
      const input = form(await zhengwu(), overrides)
      const d = await draft('qfzf', input)
      const sms = await code('qfzf', input.handlerMobile!)
      const result = await t.execute(
        Submit,
        { input: { id: d.id, version: d.version, verificationCode: sms } },
        { cookie: await t.login('qfzf') },
      )
      expect(errorCodes(result), field).toEqual(['BAD_USER_INPUT'])
      expect(Object.keys(result.errors![0]!.extensions!.fields as object)).toContain(field)
      const after = await row(d.id)
      expect(after.status).toBe('DRAFT')
      expect(after.version).toBe(d.version)
      expect(
        await t.db.prisma.verificationCode.count({
          where: { mobile: input.handlerMobile!, consumedAt: { not: null } },
        }),
      ).toBe(0)
    }
    // A draft may not point at another unit's domain, nor hold an intro of 501 characters or a non-.gov.cn domain.
    const notGov = await t.execute(
      SaveDraft,
      { input: form(await zhengwu(), { englishDomain: 'www.qingfeng.com' }) },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(notGov)).toEqual(['BAD_USER_INPUT'])
    expect(notGov.errors![0]!.extensions!.fields).toMatchObject({ englishDomain: expect.any(String) })
    const foreign = await t.execute(SaveDraft, { input: form(otherUnitDomain) }, { cookie: await t.login('qfzf') })
    expect(errorCodes(foreign)).toEqual(['BAD_USER_INPUT'])
    const long = await t.execute(
      SaveDraft,
      { input: form(await zhengwu(), { siteIntro: '政'.repeat(501) }) },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(long)).toEqual(['BAD_USER_INPUT'])
    expect(long.errors![0]!.extensions!.fields).toMatchObject({ siteIntro: expect.any(String) })
    const ok500 = await t.execute(
      SaveDraft,
      { input: form(await zhengwu(), { siteIntro: '政'.repeat(500) }) },
      { cookie: await t.login('qfzf') },
    )
    expect(ok500.errors).toBeUndefined()
  })

  it('a wrong SMS code changes nothing', async () => {
    const input = form(await zhengwu())
    const d = await draft('qfzf', input)
    const sms = await code('qfzf', input.handlerMobile!)
    const result = await t.execute(
      Submit,
      { input: { id: d.id, version: d.version, verificationCode: wrongCode(sms) } },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect((await row(d.id)).status).toBe('DRAFT')
    const ok = await t.execute(
      Submit,
      { input: { id: d.id, version: d.version, verificationCode: sms } },
      { cookie: await t.login('qfzf') },
    )
    expect(ok.data?.submitSiteApplication.status).toBe('PENDING_OFFICE_REVIEW')
  })
})

describe('concurrency and access', () => {
  it('10 concurrent reviews: one transition, one decision', async () => {
    const app = await submitted('qfzf', form(await zhengwu()))
    const cookies = await Promise.all(Array.from({ length: 10 }, () => t.login('qingfeng')))
    const { version } = await row(app.id)
    const results = await Promise.all(
      cookies.map((cookie) => t.execute(Review, { input: { id: app.id, version, decision: 'APPROVE' } }, { cookie })),
    )
    expect(results.filter((r) => !r.errors).length).toBe(1)
    expect(results.filter((r) => r.errors).every((r) => errorCodes(r)[0] === 'CONFLICT')).toBe(true)
    const after = await row(app.id)
    expect(after.status).toBe('PENDING_CONAC_REVIEW')
    expect(after.version).toBe(version + 1)
    expect(await t.db.prisma.reviewDecision.count({ where: { siteApplicationId: Number(app.id) } })).toBe(1)
  })

  it('wrong level, other county and unit users cannot review; nothing changes', async () => {
    const app = await submitted('qfzf', form(await zhengwu()))
    const { version } = await row(app.id)
    expect(errorCodes(await review('puyang', app.id, 'APPROVE'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review('nanle', app.id, 'APPROVE'))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await review('qfzf', app.id, 'APPROVE'))).toEqual(['FORBIDDEN'])
    expect(errorCodes(await review('conac', app.id, 'APPROVE'))).toEqual(['CONFLICT']) // not yet at CONAC's level
    const otherUnit = await t.execute(One, { id: app.id }, { cookie: await t.login('qfyy') })
    expect(errorCodes(otherUnit)).toEqual(['NOT_FOUND'])
    const officeDraft = await t.execute(
      SaveDraft,
      { input: form(await zhengwu()) },
      { cookie: await t.login('qingfeng') },
    )
    expect(errorCodes(officeDraft)).toEqual(['FORBIDDEN'])
    // A unit's drafts are its own: the office neither lists nor opens them.
    const unitDraft = await draft('qfzf', form(await zhengwu()))
    expect(errorCodes(await t.execute(One, { id: unitDraft.id }, { cookie: await t.login('qingfeng') }))).toEqual([
      'NOT_FOUND',
    ])
    const officeList = await t.execute(Lists, {}, { cookie: await t.login('qingfeng') })
    expect(officeList.data!.siteApplications.edges.map((e) => e.node.id)).not.toContain(unitDraft.id)
    expect(officeList.data!.siteApplications.edges.map((e) => e.node.id)).toContain(app.id)
    const after = await row(app.id)
    expect(after.status).toBe('PENDING_OFFICE_REVIEW')
    expect(after.version).toBe(version)
    expect(await t.db.prisma.reviewDecision.count({ where: { siteApplicationId: Number(app.id) } })).toBe(0)
    // The unit sees its own list; the status filter applies.
    const lists = await t.execute(
      Lists,
      { filter: { statuses: ['PENDING_OFFICE_REVIEW'] } },
      { cookie: await t.login('qfzf') },
    )
    expect(lists.data!.siteApplications.edges.every((e) => e.node.status === 'PENDING_OFFICE_REVIEW')).toBe(true)
    expect(lists.data!.siteApplications.edges.map((e) => e.node.id)).toContain(app.id)
  })
})

const Withdraw = graphql(`
  mutation TestSiteWithdraw($input: WithdrawSiteApplicationInput!) {
    withdrawSiteApplication(input: $input) {
      id
      status
      version
    }
  }
`)

describe('one live application per Chinese domain, and withdrawal', () => {
  it('a second submission for the same domain is refused until the first is withdrawn; the code is not spent', async () => {
    const domainId = await zhengwu()
    const first = await submitted('qfzf', form(domainId))

    const second = await draft('qfzf', form(domainId, { siteName: '清丰县政务服务网' }))
    const mobile = (await row(second.id)).handlerMobile
    const smsCode = await code('qfzf', mobile)
    const refused = await t.execute(
      Submit,
      { input: { id: second.id, version: second.version, verificationCode: smsCode } },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(refused)).toEqual(['CONFLICT'])
    expect(refused.errors?.[0]?.message).toContain('撤回原申请')
    expect((await row(second.id)).status).toBe('DRAFT')

    // Others cannot withdraw it; a stale version changes nothing.
    const { version } = await row(first.id)
    expect(
      errorCodes(await t.execute(Withdraw, { input: { id: first.id, version } }, { cookie: await t.login('qfyy') })),
    ).toEqual(['NOT_FOUND'])
    expect(
      errorCodes(
        await t.execute(Withdraw, { input: { id: first.id, version } }, { cookie: await t.login('qingfeng') }),
      ),
    ).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(
        await t.execute(Withdraw, { input: { id: first.id, version: version - 1 } }, { cookie: await t.login('qfzf') }),
      ),
    ).toEqual(['CONFLICT'])
    expect((await row(first.id)).status).toBe('PENDING_OFFICE_REVIEW')

    const withdrawn = await t.execute(Withdraw, { input: { id: first.id, version } }, { cookie: await t.login('qfzf') })
    expect(withdrawn.errors).toBeUndefined()
    expect(withdrawn.data!.withdrawSiteApplication).toMatchObject({ status: 'WITHDRAWN', version: version + 1 })
    expect(
      await t.db.prisma.auditLog.count({ where: { action: 'siteApplication.withdraw', subjectId: first.id } }),
    ).toBe(1)
    // Not in the office's queue any more.
    const queue = await t.execute(Queue, {}, { cookie: await t.login('qingfeng') })
    expect(queue.data!.siteApplicationReviewQueue.edges.map((e) => e.node.id)).not.toContain(first.id)

    // The refused code was not spent: the same code now submits the second application.
    const accepted = await t.execute(
      Submit,
      { input: { id: second.id, version: second.version, verificationCode: smsCode } },
      { cookie: await t.login('qfzf') },
    )
    expect(accepted.errors).toBeUndefined()
    expect(accepted.data!.submitSiteApplication.status).toBe('PENDING_OFFICE_REVIEW')
  })

  it('an application at CONAC or approved cannot be withdrawn', async () => {
    const app = await submitted('qfzf', form(await zhengwu()))
    expect((await review('qingfeng', app.id, 'APPROVE')).errors).toBeUndefined()
    const { version } = await row(app.id)
    const result = await t.execute(Withdraw, { input: { id: app.id, version } }, { cookie: await t.login('qfzf') })
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect((await row(app.id)).status).toBe('PENDING_CONAC_REVIEW')
  })
})
