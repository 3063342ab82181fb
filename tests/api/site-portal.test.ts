// The portal's site application pages (web/components/sites) against the API: every document the pages send, as the
// role that sends it, through the whole journey (unit drafts and submits, office 初审, CONAC 复审, office paper step,
// unit sees the badge), a rejection with resubmission (the office sees what changed), 撤回, and the browser-side
// form checks (web/components/sites/rules.ts) giving the same fields as the API's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  ConfirmPaperMaterialsDocument,
  NewSiteApplicationPageDocument,
  RecordPaperMaterialsDocument,
  ResubmitSiteApplicationDocument,
  ReviewSiteApplicationDocument,
  SaveSiteApplicationDraftDocument,
  SendVerificationCodeDocument,
  SiteApplicationListDocument,
  SiteApplicationReviewQueueDocument,
  StaffSiteApplicationPageDocument,
  SubmitSiteApplicationDocument,
  UnitSiteApplicationPageDocument,
  WithdrawSiteApplicationDocument,
} from '../../web/graphql/generated/graphql.ts'
import { normalise, submitProblems, type SiteForm } from '../../web/components/sites/rules.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createDomain, makeIdNumber } from '../testkit/fixtures.ts'
import { ageCodes, freshMobile, latestCode } from '../testkit/registration.ts'

let t: TestApp
let qfzfUnit: number

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
})
afterAll(() => t?.close())

const as = async (user: string) => ({ cookie: await t.login(user) })

function formFor(domainId: string, overrides: Partial<SiteForm> = {}): SiteForm {
  return {
    kind: 'NEW_SITE',
    siteName: '清丰县人民政府网',
    siteIntro: '清丰县人民政府门户网站，发布政务信息。',
    chineseDomainId: domainId,
    englishDomain: 'WWW.Qingfeng.gov.cn ',
    useMicroSite: false,
    ipAddress: '203.0.113.10',
    principalName: '李负责',
    principalLandline: '0393-7221234',
    principalMobile: '13912345678',
    principalEmail: 'principal@example.com',
    handlerName: '张经办',
    handlerLandline: '',
    handlerMobile: freshMobile(),
    handlerEmail: 'handler@example.com',
    handlerIdNumber: makeIdNumber('410922'),
    ...overrides,
  }
}

/** The form as SiteApplicationForm sends it. */
const inputOf = (form: SiteForm) => {
  const values = normalise(form)
  return { ...values, chineseDomainId: values.chineseDomainId || null }
}

async function smsCode(user: string, mobile: string) {
  await ageCodes(t.db.prisma, mobile, 61)
  const sent = await t.execute(
    SendVerificationCodeDocument,
    { input: { mobile, purpose: 'SITE_APPLICATION' } },
    await as(user),
  )
  expect(sent.errors).toBeUndefined()
  return latestCode(t.db.prisma, mobile)
}

const newDomain = async () =>
  String((await createDomain(t.db.prisma, { unitId: qfzfUnit, suffix: 'ZHENGWU', status: 'REGISTERED' })).id)

/** Draft and submit as the form does: save, then submit with the code. */
async function submitThroughForm(form: SiteForm) {
  const saved = await t.execute(SaveSiteApplicationDraftDocument, { input: inputOf(form) }, await as('qfzf'))
  expect(saved.errors).toBeUndefined()
  const draft = saved.data!.saveSiteApplicationDraft
  const code = await smsCode('qfzf', form.handlerMobile)
  const submitted = await t.execute(
    SubmitSiteApplicationDocument,
    { input: { id: draft.id, version: draft.version, verificationCode: code } },
    await as('qfzf'),
  )
  expect(submitted.errors).toBeUndefined()
  return submitted.data!.submitSiteApplication
}

describe('the portal documents through the whole journey', () => {
  it('unit fills and submits, office and CONAC approve, office records and confirms the paper, unit sees the badge', async () => {
    const domainId = await newDomain()
    // /unit/sites/new: the unit's facts, its registered domains and the handler defaults.
    const page = await t.execute(NewSiteApplicationPageDocument, {}, await as('qfzf'))
    expect(page.errors).toBeUndefined()
    expect(page.data!.me!.unit).toMatchObject({
      name: '清丰县人民政府办公室',
      type: 'PARTY_GOVERNMENT',
      region: { code: '410922' },
    })
    expect(page.data!.me!.unit!.region.office?.name).toBeTruthy()
    expect(page.data!.domains.edges.map((e) => e.node.id)).toContain(domainId)
    expect(page.data!.domains.edges.every((e) => e.node.suffix === 'ZHENGWU')).toBe(true)
    expect(page.data!.myUnitContacts.handlerMobile).toMatch(/^1[0-9]{10}$/)

    const form = formFor(domainId)
    expect(submitProblems(form, 'PARTY_GOVERNMENT')).toEqual({})
    const submitted = await submitThroughForm(form)
    expect(submitted).toMatchObject({
      status: 'PENDING_OFFICE_REVIEW',
      englishDomain: 'www.qingfeng.gov.cn',
      chineseDomain: { id: domainId },
      unitName: '清丰县人民政府办公室',
    })
    expect(submitted.unit.region.office?.name).toBe(page.data!.me!.unit!.region.office?.name)

    // The unit's list shows it; the county next door does not see it.
    const unitList = await t.execute(SiteApplicationListDocument, { first: 20 }, await as('qfzf'))
    expect(unitList.data!.siteApplications.edges.map((e) => e.node.id)).toContain(submitted.id)
    const nanleList = await t.execute(SiteApplicationListDocument, { first: 20 }, await as('nanle'))
    expect(nanleList.errors).toBeUndefined()
    expect(nanleList.data!.siteApplications.edges.map((e) => e.node.id)).not.toContain(submitted.id)
    expect(
      errorCodes(await t.execute(StaffSiteApplicationPageDocument, { id: submitted.id }, await as('nanle'))),
    ).toEqual(['NOT_FOUND'])

    // Office: the queue, the page, 初审通过.
    const queue = await t.execute(SiteApplicationReviewQueueDocument, { first: 20 }, await as('qingfeng'))
    expect(queue.errors).toBeUndefined()
    expect(queue.data!.siteApplicationReviewQueue.edges.find((e) => e.node.id === submitted.id)?.node.status).toBe(
      'PENDING_OFFICE_REVIEW',
    )
    const officePage = await t.execute(StaffSiteApplicationPageDocument, { id: submitted.id }, await as('qingfeng'))
    expect(officePage.errors).toBeUndefined()
    // The page offers the decision only to the same-level office: its office is the unit's region's office.
    expect(officePage.data!.me!.office?.id).toBe(officePage.data!.siteApplication.unit.region.office?.id)
    const cityPage = await t.execute(StaffSiteApplicationPageDocument, { id: submitted.id }, await as('puyang'))
    expect(cityPage.errors).toBeUndefined()
    expect(cityPage.data!.me!.office?.id).not.toBe(cityPage.data!.siteApplication.unit.region.office?.id)

    const office = await t.execute(
      ReviewSiteApplicationDocument,
      { input: { id: submitted.id, version: officePage.data!.siteApplication.version, decision: 'APPROVE' } },
      await as('qingfeng'),
    )
    expect(office.errors).toBeUndefined()
    expect(office.data!.reviewSiteApplication.status).toBe('PENDING_CONAC_REVIEW')
    // The same decision again on the old version: CONFLICT, which the page shows as 该申请已被他人处理.
    const stale = await t.execute(
      ReviewSiteApplicationDocument,
      { input: { id: submitted.id, version: officePage.data!.siteApplication.version, decision: 'APPROVE' } },
      await as('qingfeng'),
    )
    expect(errorCodes(stale)).toEqual(['CONFLICT'])
    expect(stale.errors![0]!.message).toContain('刷新')
    expect(stale.errors![0]!.extensions?.reason).toBeUndefined()

    // CONAC: the queue, the page, 复审通过 → AWAITING_PAPER (党政机关).
    const conacQueue = await t.execute(SiteApplicationReviewQueueDocument, { first: 20 }, await as('conac'))
    expect(conacQueue.data!.siteApplicationReviewQueue.edges.map((e) => e.node.id)).toContain(submitted.id)
    const conacPage = await t.execute(StaffSiteApplicationPageDocument, { id: submitted.id }, await as('conac'))
    expect(conacPage.data!.me!.role).toBe('CONAC_STAFF')
    const conac = await t.execute(
      ReviewSiteApplicationDocument,
      { input: { id: submitted.id, version: conacPage.data!.siteApplication.version, decision: 'APPROVE' } },
      await as('conac'),
    )
    expect(conac.errors).toBeUndefined()
    expect(conac.data!.reviewSiteApplication).toMatchObject({
      status: 'AWAITING_PAPER',
      paperSubmission: { copiesRequired: 4, receivedAt: null },
    })

    // The unit's page: AWAITING_PAPER with the decisions (shown with the office's name).
    const unitPage = await t.execute(UnitSiteApplicationPageDocument, { id: submitted.id }, await as('qfzf'))
    expect(unitPage.errors).toBeUndefined()
    expect(unitPage.data!.siteApplication.status).toBe('AWAITING_PAPER')
    expect(unitPage.data!.siteApplication.reviewDecisions.map((d) => `${d.level}:${d.result}`)).toEqual([
      'OFFICE:APPROVED',
      'CONAC:APPROVED',
    ])

    // Office: paper queue, record, confirm → badge.
    const paperQueue = await t.execute(SiteApplicationReviewQueueDocument, { first: 20 }, await as('qingfeng'))
    expect(paperQueue.data!.siteApplicationReviewQueue.edges.find((e) => e.node.id === submitted.id)?.node.status).toBe(
      'AWAITING_PAPER',
    )
    const recorded = await t.execute(
      RecordPaperMaterialsDocument,
      {
        input: {
          id: submitted.id,
          version: conac.data!.reviewSiteApplication.version,
          letterReceived: true,
          formCopiesReceived: 4,
          idCopyReceived: true,
          missingNote: null,
        },
      },
      await as('qingfeng'),
    )
    expect(recorded.errors).toBeUndefined()
    expect(recorded.data!.recordPaperMaterials.paperSubmission).toMatchObject({
      letterReceived: true,
      formCopiesReceived: 4,
      idCopyReceived: true,
    })
    const confirmed = await t.execute(
      ConfirmPaperMaterialsDocument,
      { input: { id: submitted.id, version: recorded.data!.recordPaperMaterials.version, decision: 'APPROVE' } },
      await as('qingfeng'),
    )
    expect(confirmed.errors).toBeUndefined()
    const badge = confirmed.data!.confirmPaperMaterials.badge
    expect(confirmed.data!.confirmPaperMaterials.status).toBe('BADGE_ISSUED')
    expect(badge?.status).toBe('ACTIVE')

    // The unit sees the badge number on its page and in its list.
    const done = await t.execute(UnitSiteApplicationPageDocument, { id: submitted.id }, await as('qfzf'))
    expect(done.data!.siteApplication.badge?.badgeNumber).toBe(badge!.badgeNumber)
    expect(done.data!.siteApplication.paperSubmission?.confirmedAt).not.toBeNull()
    const list = await t.execute(SiteApplicationListDocument, { first: 20 }, await as('qfzf'))
    expect(list.data!.siteApplications.edges.find((e) => e.node.id === submitted.id)?.node.badge?.badgeNumber).toBe(
      badge!.badgeNumber,
    )
    // Its domain now holds a live application: the form's page lists it among the unit's applications.
    const again = await t.execute(NewSiteApplicationPageDocument, {}, await as('qfzf'))
    expect(again.data!.siteApplications.edges.find((e) => e.node.id === submitted.id)?.node).toMatchObject({
      status: 'BADGE_ISSUED',
      chineseDomain: { id: domainId },
    })

    // Office and CONAC find it by status.
    const search = await t.execute(
      SiteApplicationListDocument,
      { first: 20, filter: { statuses: ['BADGE_ISSUED'] } },
      await as('conac'),
    )
    expect(search.data!.siteApplications.edges.map((e) => e.node.id)).toContain(submitted.id)
    const officeSearch = await t.execute(
      SiteApplicationListDocument,
      { first: 20, filter: { statuses: ['PENDING_OFFICE_REVIEW'] } },
      await as('qingfeng'),
    )
    expect(officeSearch.data!.siteApplications.edges.map((e) => e.node.id)).not.toContain(submitted.id)
  }, 180_000) // a whole journey of about 30 requests: generous on a busy machine
})

describe('rejection, resubmission and 撤回', () => {
  it('shows the reason to the unit, the changed fields to the office, and takes a rejected one back', async () => {
    const firstDomain = await newDomain()
    const secondDomain = await newDomain()
    const form = formFor(firstDomain)
    const submitted = await submitThroughForm(form)
    const rejected = await t.execute(
      ReviewSiteApplicationDocument,
      { input: { id: submitted.id, version: submitted.version, decision: 'REJECT', reason: '网站名称与首页不一致' } },
      await as('qingfeng'),
    )
    expect(rejected.errors).toBeUndefined()

    const unitPage = await t.execute(UnitSiteApplicationPageDocument, { id: submitted.id }, await as('qfzf'))
    const app = unitPage.data!.siteApplication
    expect(app.status).toBe('OFFICE_REJECTED')
    expect(app.reviewDecisions.at(-1)).toMatchObject({
      level: 'OFFICE',
      result: 'REJECTED',
      reason: '网站名称与首页不一致',
    })

    // Resubmission with two changes (site name, Chinese domain) and a new code.
    const edited = { ...form, siteName: '清丰县人民政府门户网', chineseDomainId: secondDomain }
    const code = await smsCode('qfzf', edited.handlerMobile)
    const resubmitted = await t.execute(
      ResubmitSiteApplicationDocument,
      { input: { id: app.id, version: app.version, verificationCode: code, ...inputOf(edited) } },
      await as('qfzf'),
    )
    expect(resubmitted.errors).toBeUndefined()
    expect(resubmitted.data!.resubmitSiteApplication.status).toBe('PENDING_OFFICE_REVIEW')

    const officePage = await t.execute(StaffSiteApplicationPageDocument, { id: submitted.id }, await as('qingfeng'))
    const changes = officePage.data!.siteApplication.changesSinceLastReview
    expect(changes.map((c) => c.field).sort()).toEqual(['chineseDomainId', 'siteName'])
    // The Chinese domain change is shown by name (both are among the unit's registered domains bound at submission).
    const boundNames = officePage.data!.siteApplication.boundDomains.map((d) => d.fullName)
    const domainChange = changes.find((c) => c.field === 'chineseDomainId')!
    expect(domainChange.before).not.toBe(domainChange.after)
    expect(boundNames).toContain(domainChange.before)
    expect(boundNames).toContain(domainChange.after)

    // Rejected again, then 撤回 from the unit's page; the office cannot withdraw.
    const again = await t.execute(
      ReviewSiteApplicationDocument,
      {
        input: {
          id: submitted.id,
          version: officePage.data!.siteApplication.version,
          decision: 'REJECT',
          reason: '联系人信息不全',
        },
      },
      await as('qingfeng'),
    )
    expect(again.errors).toBeUndefined()
    const version = again.data!.reviewSiteApplication.version
    expect(
      errorCodes(
        await t.execute(
          WithdrawSiteApplicationDocument,
          { input: { id: submitted.id, version } },
          await as('qingfeng'),
        ),
      ),
    ).toEqual(['FORBIDDEN'])
    const withdrawn = await t.execute(
      WithdrawSiteApplicationDocument,
      { input: { id: submitted.id, version } },
      await as('qfzf'),
    )
    expect(withdrawn.errors).toBeUndefined()
    expect(withdrawn.data!.withdrawSiteApplication.status).toBe('WITHDRAWN')
  })

  it('a draft saved without a domain is kept; the office and CONAC cannot save or submit', async () => {
    const form = formFor('')
    const saved = await t.execute(SaveSiteApplicationDraftDocument, { input: inputOf(form) }, await as('qfzf'))
    expect(saved.errors).toBeUndefined()
    expect(saved.data!.saveSiteApplicationDraft).toMatchObject({ status: 'DRAFT', chineseDomain: null })
    expect(
      errorCodes(await t.execute(SaveSiteApplicationDraftDocument, { input: inputOf(form) }, await as('qingfeng'))),
    ).toEqual(['FORBIDDEN'])
  })
})

describe('the form checks in the browser name the same fields as the API', () => {
  const cases: [string, Partial<SiteForm>][] = [
    ['empty site name and intro', { siteName: ' ', siteIntro: '' }],
    ['intro over 500 characters', { siteIntro: '字'.repeat(501) }],
    ['English domain not .gov.cn', { englishDomain: 'www.qingfeng.com' }],
    ['no English domain nor IP without the micro-site', { englishDomain: '', ipAddress: '' }],
    ['bad IP address', { ipAddress: '300.1.1.1' }],
    ['bad IPv6 address', { ipAddress: '2001:db8::1::2' }],
    ['bad landline and emails', { principalLandline: '12345', principalEmail: 'nobody', handlerEmail: 'a@b' }],
    ['ID number with a wrong check character', { handlerIdNumber: 'WRONG' }],
    ['no principal nor handler name', { principalName: '', handlerName: '' }],
  ]

  for (const [name, overrides] of cases) {
    it(name, async () => {
      const domainId = await newDomain()
      const form = formFor(domainId, overrides)
      if (overrides.handlerIdNumber === 'WRONG') {
        const id = makeIdNumber('410922')
        form.handlerIdNumber = id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
      }
      const local = Object.keys(submitProblems(form, 'PARTY_GOVERNMENT')).sort()
      expect(local.length).toBeGreaterThan(0)
      // The API: a draft where the draft rules allow it, then the submission's full check.
      const saved = await t.execute(SaveSiteApplicationDraftDocument, { input: inputOf(form) }, await as('qfzf'))
      let fields: Record<string, string>
      if (saved.errors) {
        expect(errorCodes(saved)).toEqual(['BAD_USER_INPUT'])
        fields = saved.errors[0]!.extensions!.fields as Record<string, string>
        for (const field of Object.keys(fields)) expect(local).toContain(field)
        return
      }
      const draft = saved.data!.saveSiteApplicationDraft
      const result = await t.execute(
        SubmitSiteApplicationDocument,
        { input: { id: draft.id, version: draft.version, verificationCode: '000000' } },
        await as('qfzf'),
      )
      expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
      fields = result.errors![0]!.extensions!.fields as Record<string, string>
      expect(Object.keys(fields).sort()).toEqual(local)
      // Same words as the API.
      const problems = submitProblems(form, 'PARTY_GOVERNMENT') as Record<string, string>
      for (const field of local) expect(problems[field]).toBe(fields[field])
      expect((await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(draft.id) } })).status).toBe(
        'DRAFT',
      )
    })
  }

  it('the micro-site hides English domain and IP, and the API accepts that', async () => {
    const form = formFor(await newDomain(), {
      useMicroSite: true,
      englishDomain: 'left.over.gov.cn',
      ipAddress: '1.2.3.4',
    })
    expect(normalise(form)).toMatchObject({ englishDomain: '', ipAddress: '' })
    expect(submitProblems(form, 'PARTY_GOVERNMENT')).toEqual({})
    const submitted = await submitThroughForm(form)
    expect(submitted).toMatchObject({
      status: 'PENDING_OFFICE_REVIEW',
      useMicroSite: true,
      englishDomain: null,
      ipAddress: null,
    })
  })
})
