// 英文域名 by unit type (issue 15, defect 6). Seed 001 asks a domain "以 .gov.cn 为结尾" only of 党政机关; its 事业单位
// section asks only for the English domain (or the micro-site), and seed 002 only that the new domain reaches the
// site. So a 事业单位 (清丰县人民医院, qfyy) may use any Internet host name such as www.qfyy.cn, a 党政机关 (清丰县人民政府办公室,
// qfzf) still needs .gov.cn, and junk (a URL, a path, a port, an IP, one label, a reserved name) is refused for
// everybody. Every path that checks the English domain: the badge change request (and its approval, which
// re-points the Chinese domain), the site application's draft, submission and resubmission, and the portal's own
// form checks, which must name the same fields with the same words as the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { englishDomainProblem as serverRule } from '../../server/src/lib/englishDomain.ts'
import type { UnitType } from '../../server/src/generated/prisma/enums.ts'
import { englishDomainProblem as portalRule } from '../../web/components/sites/englishDomain.ts'
import { normalise, submitProblems, type SiteForm } from '../../web/components/sites/rules.ts'
import { graphql } from '../graphql/generated/index.ts'
import type { RequestBadgeChangeInput, SaveSiteApplicationDraftInput } from '../graphql/generated/graphql.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { demoUnitId } from '../testkit/domains.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { ageCodes, freshMobile, latestCode } from '../testkit/registration.ts'
import { createIssuedBadge, siteApplicationForm } from '../testkit/sites.ts'

const RequestChange = graphql(`
  mutation TestEnglishDomainBadgeChange($input: RequestBadgeChangeInput!) {
    requestBadgeChange(input: $input) {
      id
      status
      newPlacement
      newEnglishDomain
      newIpAddress
    }
  }
`)

const ReviewChange = graphql(`
  mutation TestEnglishDomainReviewChange($input: ReviewBadgeChangeInput!) {
    reviewBadgeChange(input: $input) {
      id
      status
      badge {
        id
        placement
        englishDomain
        ipAddress
      }
    }
  }
`)

const SaveDraft = graphql(`
  mutation TestEnglishDomainSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      version
      englishDomain
    }
  }
`)

const Submit = graphql(`
  mutation TestEnglishDomainSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      status
      version
      englishDomain
    }
  }
`)

const Resubmit = graphql(`
  mutation TestEnglishDomainResubmit($input: ResubmitSiteApplicationInput!) {
    resubmitSiteApplication(input: $input) {
      id
      status
      version
      englishDomain
    }
  }
`)

const ReviewSite = graphql(`
  mutation TestEnglishDomainReviewSite($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      status
      version
      badge {
        id
        placement
        englishDomain
      }
    }
  }
`)

const SendCode = graphql(`
  mutation TestEnglishDomainSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)

/** The machine is shared: these tests write many rows and wait on each other, so they get a generous limit. */
const SLOW = { timeout: 180_000 }

let t: TestApp
let qfzfUnit: number
let qfyyUnit: number

beforeAll(async () => {
  t = await createTestApp()
  qfzfUnit = await demoUnitId(t, '清丰县人民政府办公室')
  qfyyUnit = await demoUnitId(t, '清丰县人民医院')
})
afterAll(() => t?.close())

/** The demo accounts of the two unit types, with what each unit's Chinese domains end in. */
const UNITS = {
  PARTY_GOVERNMENT: { login: 'qfzf', suffix: 'ZHENGWU' as const, unitId: () => qfzfUnit },
  PUBLIC_INSTITUTION: { login: 'qfyy', suffix: 'GONGYI' as const, unitId: () => qfyyUnit },
}

/** Not an English domain for anybody: each must be refused as junk, whatever the unit type. */
const JUNK = [
  'qfyy', // one label
  'http://www.qfyy.cn', // a URL, not a domain
  'www.qfyy.cn/index.html', // a path
  'www.qfyy.cn:8080', // a port
  '203.0.113.5', // an IP address
  '0x7f.1', // an IP in disguise
  'www..qfyy.cn', // an empty label
  '-www.qfyy.cn', // a label starting with a hyphen
  'www_qfyy.cn', // an underscore
  'www.qfyy.c', // a one-letter top-level domain
  'www.qfyy.123', // a numeric top-level domain
  'www.qfyy.localhost', // reserved names that never reach the Internet
  'intranet.local',
  'site.test',
  '清丰县人民医院.cn', // Chinese, not English
  `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(60)}.cn`, // 254 characters
]

const badgeVersion = async (id: number) => (await t.db.prisma.badge.findUniqueOrThrow({ where: { id } })).version

async function requestChange(
  login: string,
  badgeId: number,
  fields: Omit<RequestBadgeChangeInput, 'badgeId' | 'version'>,
) {
  return t.execute(
    RequestChange,
    { input: { badgeId: String(badgeId), version: await badgeVersion(badgeId), ...fields } },
    { cookie: await t.login(login) },
  )
}

async function reviewChange(id: string, decision: 'APPROVE' | 'REJECT', reason?: string) {
  const { version } = await t.db.prisma.badgeChangeRequest.findUniqueOrThrow({ where: { id: Number(id) } })
  return t.execute(ReviewChange, { input: { id, version, decision, reason } }, { cookie: await t.login('qingfeng') })
}

const fieldsOf = (result: { errors?: { extensions?: Record<string, unknown> }[] }) =>
  (result.errors?.[0]?.extensions?.fields ?? {}) as Record<string, string>

describe('the rule itself: server and portal agree for every unit type', SLOW, () => {
  const TYPES: UnitType[] = ['PARTY_GOVERNMENT', 'MASS_ORGANIZATION', 'PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION']
  const NAMES = [
    ...JUNK,
    'www.qfyy.cn',
    'qfyy.org.cn',
    'www.hospital.com',
    'www.qingfeng.gov.cn',
    'xxgk.qingfeng.gov.cn',
    'gov.cn',
    'www.gov.cn.evil.com',
    'www.qfyy.xn--fiqs8s',
  ]

  it('党政机关 need .gov.cn; the others any Internet host name; junk is refused for all', () => {
    for (const type of TYPES) {
      for (const name of NAMES) expect(portalRule(name, type), `${type} ${name}`).toBe(serverRule(name, type))
      for (const name of JUNK) expect(serverRule(name, type), `${type} ${name}`).not.toBeNull()
      expect(serverRule('www.qingfeng.gov.cn', type)).toBeNull()
    }
    expect(serverRule('www.qfyy.cn', 'PARTY_GOVERNMENT')).toContain('.gov.cn')
    expect(serverRule('www.gov.cn.evil.com', 'PARTY_GOVERNMENT')).toContain('.gov.cn')
    expect(serverRule('gov.cn', 'PARTY_GOVERNMENT')).not.toBeNull()
    for (const type of ['PUBLIC_INSTITUTION', 'SOCIAL_ORGANIZATION', 'MASS_ORGANIZATION'] as const) {
      for (const name of ['www.qfyy.cn', 'qfyy.org.cn', 'www.hospital.com'])
        expect(serverRule(name, type), `${type} ${name}`).toBeNull()
    }
  })
})

describe('badge change requests (变更: 网络红页 → 自建网站)', SLOW, () => {
  it('a 事业单位 moves its badge to www.qfyy.cn; the office approves and the Chinese domain forwards there', async () => {
    const { badge, domain } = await createIssuedBadge(t.db.prisma, { unitId: qfyyUnit, placement: 'MICRO_SITE' })
    const asked = await requestChange('qfyy', badge.id, {
      newPlacement: 'SELF_BUILT',
      newEnglishDomain: ' WWW.QFYY.CN ',
      newIpAddress: '203.0.113.21',
      reason: '医院网站已建成',
    })
    expect(asked.errors).toBeUndefined()
    expect(asked.data!.requestBadgeChange).toMatchObject({
      status: 'PENDING',
      newPlacement: 'SELF_BUILT',
      newEnglishDomain: 'www.qfyy.cn',
      newIpAddress: '203.0.113.21',
    })

    const approved = await reviewChange(asked.data!.requestBadgeChange.id, 'APPROVE')
    expect(approved.errors).toBeUndefined()
    expect(approved.data!.reviewBadgeChange.badge).toMatchObject({
      placement: 'SELF_BUILT',
      englishDomain: 'www.qfyy.cn',
      ipAddress: '203.0.113.21',
    })
    const forward = await t.db.prisma.dnsRecord.findMany({ where: { domainId: domain.id, type: 'URL_FORWARD' } })
    expect(forward.map((record) => `${record.host} ${record.value}`)).toEqual(['@ http://www.qfyy.cn/'])
  })

  it('a 党政机关 still needs .gov.cn, and is told so', async () => {
    const { badge } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnit, placement: 'MICRO_SITE' })
    const refused = await requestChange('qfzf', badge.id, {
      newPlacement: 'SELF_BUILT',
      newEnglishDomain: 'www.qfzf.cn',
      newIpAddress: '203.0.113.22',
    })
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    expect(fieldsOf(refused).newEnglishDomain).toContain('.gov.cn')
    const accepted = await requestChange('qfzf', badge.id, {
      newPlacement: 'SELF_BUILT',
      newEnglishDomain: 'www.qfzf-site.gov.cn',
      newIpAddress: '203.0.113.22',
    })
    expect(accepted.errors).toBeUndefined()
  })

  for (const [type, unit] of Object.entries(UNITS)) {
    it(`junk is refused for a ${type} and creates nothing`, async () => {
      const { badge } = await createIssuedBadge(t.db.prisma, { unitId: unit.unitId(), placement: 'MICRO_SITE' })
      for (const name of JUNK) {
        const result = await requestChange(unit.login, badge.id, {
          newPlacement: 'SELF_BUILT',
          newEnglishDomain: name,
          newIpAddress: '203.0.113.23',
        })
        expect(errorCodes(result), name).toEqual(['BAD_USER_INPUT'])
        expect(Object.keys(fieldsOf(result)), name).toEqual(['newEnglishDomain'])
      }
      expect(await t.db.prisma.badgeChangeRequest.count({ where: { badgeId: badge.id } })).toBe(0)
    })
  }
})

describe('site applications (网站开办申请): draft, submission, resubmission', SLOW, () => {
  async function draftFor(login: string, input: SaveSiteApplicationDraftInput) {
    return t.execute(SaveDraft, { input }, { cookie: await t.login(login) })
  }

  async function code(login: string, mobile: string) {
    await ageCodes(t.db.prisma, mobile, 61)
    const sent = await t.execute(
      SendCode,
      { input: { mobile, purpose: 'SITE_APPLICATION' } },
      { cookie: await t.login(login) },
    )
    expect(sent.errors).toBeUndefined()
    return latestCode(t.db.prisma, mobile)
  }

  const versionOf = async (id: string) =>
    (await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(id) } })).version

  async function rejectAtOffice(id: string) {
    const result = await t.execute(
      ReviewSite,
      { input: { id, version: await versionOf(id), decision: 'REJECT', reason: '请核对网站信息' } },
      { cookie: await t.login('qingfeng') },
    )
    expect(result.errors).toBeUndefined()
  }

  const newDomain = async (type: keyof typeof UNITS) =>
    (
      await createDomain(t.db.prisma, {
        unitId: UNITS[type].unitId(),
        suffix: UNITS[type].suffix,
        status: 'REGISTERED',
      })
    ).id

  it('a 事业单位 saves, submits and resubmits on non-.gov.cn domains, and gets its badge on one', async () => {
    const input = siteApplicationForm(await newDomain('PUBLIC_INSTITUTION'), {
      siteName: '清丰县人民医院',
      englishDomain: 'WWW.QFYY.CN',
      handlerMobile: freshMobile(),
    })
    const saved = await draftFor('qfyy', input)
    expect(saved.errors).toBeUndefined()
    const draft = saved.data!.saveSiteApplicationDraft
    expect(draft.englishDomain).toBe('www.qfyy.cn')

    const submitted = await t.execute(
      Submit,
      { input: { id: draft.id, version: draft.version, verificationCode: await code('qfyy', input.handlerMobile!) } },
      { cookie: await t.login('qfyy') },
    )
    expect(submitted.errors).toBeUndefined()
    expect(submitted.data!.submitSiteApplication).toMatchObject({
      status: 'PENDING_OFFICE_REVIEW',
      englishDomain: 'www.qfyy.cn',
    })

    await rejectAtOffice(draft.id)
    const resubmitted = await t.execute(
      Resubmit,
      {
        input: {
          id: draft.id,
          version: await versionOf(draft.id),
          englishDomain: 'qfyy.org.cn',
          verificationCode: await code('qfyy', input.handlerMobile!),
        },
      },
      { cookie: await t.login('qfyy') },
    )
    expect(resubmitted.errors).toBeUndefined()
    expect(resubmitted.data!.resubmitSiteApplication).toMatchObject({
      status: 'PENDING_OFFICE_REVIEW',
      englishDomain: 'qfyy.org.cn',
    })

    // 事业单位 skip the paper step: CONAC's approval issues the badge on that domain.
    for (const login of ['qingfeng', 'conac']) {
      const result = await t.execute(
        ReviewSite,
        { input: { id: draft.id, version: await versionOf(draft.id), decision: 'APPROVE' } },
        { cookie: await t.login(login) },
      )
      expect(result.errors).toBeUndefined()
    }
    const badge = await t.db.prisma.badge.findUniqueOrThrow({ where: { siteApplicationId: Number(draft.id) } })
    expect(badge).toMatchObject({ placement: 'SELF_BUILT', englishDomain: 'qfyy.org.cn' })
  })

  it('a 党政机关 cannot save, submit or resubmit a non-.gov.cn domain', async () => {
    const refused = await draftFor(
      'qfzf',
      siteApplicationForm(await newDomain('PARTY_GOVERNMENT'), { englishDomain: 'www.qfzf.cn' }),
    )
    expect(errorCodes(refused)).toEqual(['BAD_USER_INPUT'])
    expect(fieldsOf(refused).englishDomain).toContain('.gov.cn')

    const input = siteApplicationForm(await newDomain('PARTY_GOVERNMENT'), { handlerMobile: freshMobile() })
    const draft = (await draftFor('qfzf', input)).data!.saveSiteApplicationDraft
    const submitted = await t.execute(
      Submit,
      { input: { id: draft.id, version: draft.version, verificationCode: await code('qfzf', input.handlerMobile!) } },
      { cookie: await t.login('qfzf') },
    )
    expect(submitted.errors).toBeUndefined()
    await rejectAtOffice(draft.id)
    const version = await versionOf(draft.id)
    const resubmitted = await t.execute(
      Resubmit,
      {
        input: {
          id: draft.id,
          version,
          englishDomain: 'www.qfzf.cn',
          verificationCode: await code('qfzf', input.handlerMobile!),
        },
      },
      { cookie: await t.login('qfzf') },
    )
    expect(errorCodes(resubmitted)).toEqual(['BAD_USER_INPUT'])
    expect(fieldsOf(resubmitted).englishDomain).toContain('.gov.cn')
    expect(await t.db.prisma.siteApplication.findUniqueOrThrow({ where: { id: Number(draft.id) } })).toMatchObject({
      status: 'OFFICE_REJECTED',
      version,
      englishDomain: 'www.qingfeng.gov.cn',
    })
  })

  for (const [type, unit] of Object.entries(UNITS) as [keyof typeof UNITS, (typeof UNITS)[keyof typeof UNITS]][]) {
    it(`junk is refused in a ${type}'s draft, and nothing is saved`, async () => {
      const before = await t.db.prisma.siteApplication.count({ where: { unitId: unit.unitId() } })
      const domainId = await newDomain(type)
      for (const name of JUNK) {
        const result = await draftFor(unit.login, siteApplicationForm(domainId, { englishDomain: name }))
        expect(errorCodes(result), name).toEqual(['BAD_USER_INPUT'])
        expect(Object.keys(fieldsOf(result)), name).toEqual(['englishDomain'])
      }
      expect(await t.db.prisma.siteApplication.count({ where: { unitId: unit.unitId() } })).toBe(before)
    })
  }

  it('the database refuses junk too (a check constraint), but takes a 事业单位 domain off .gov.cn', async () => {
    const saved = await draftFor(
      'qfyy',
      siteApplicationForm(await newDomain('PUBLIC_INSTITUTION'), { englishDomain: 'www.qfyy-db.cn' }),
    )
    expect(saved.errors).toBeUndefined()
    const id = Number(saved.data!.saveSiteApplicationDraft.id)
    await expect(
      t.db.prisma.siteApplication.update({ where: { id }, data: { englishDomain: 'http://www.qfyy-db.cn/' } }),
    ).rejects.toThrow()
    await expect(
      t.db.prisma.siteApplication.update({ where: { id }, data: { englishDomain: 'www.qfyy-db.org.cn' } }),
    ).resolves.toMatchObject({ englishDomain: 'www.qfyy-db.org.cn' })
  })
})

describe(
  'the portal form checks (web/components/sites/rules.ts) give the API’s fields and words, by unit type',
  SLOW,
  () => {
    const cases: [keyof typeof UNITS, string, 'valid' | 'refused'][] = [
      ['PUBLIC_INSTITUTION', 'www.qfyy.cn', 'valid'],
      ['PUBLIC_INSTITUTION', 'http://www.qfyy.cn', 'refused'],
      ['PUBLIC_INSTITUTION', 'www.qfyy.localhost', 'refused'],
      ['PARTY_GOVERNMENT', 'www.qfzf.cn', 'refused'],
      ['PARTY_GOVERNMENT', 'www.qingfeng.gov.cn', 'valid'],
      ['PARTY_GOVERNMENT', 'www.qfzf.gov.cn/path', 'refused'],
    ]
    for (const [type, englishDomain, expected] of cases) {
      it(`${type} ${englishDomain}`, async () => {
        const unit = UNITS[type]
        const domainId = (
          await createDomain(t.db.prisma, { unitId: unit.unitId(), suffix: unit.suffix, status: 'REGISTERED' })
        ).id
        const input = siteApplicationForm(domainId, { englishDomain, handlerMobile: freshMobile() })
        const form = {
          ...input,
          principalLandline: input.principalLandline ?? '',
          handlerLandline: '',
          englishDomain,
          ipAddress: input.ipAddress ?? '',
        } as SiteForm
        const local = submitProblems(form, type) as Record<string, string>
        expect(Object.keys(local)).toEqual(expected === 'valid' ? [] : ['englishDomain'])
        const result = await t.execute(
          SaveDraft,
          { input: { ...normalise(form), chineseDomainId: String(domainId) } },
          { cookie: await t.login(unit.login) },
        )
        let api: Record<string, string> = fieldsOf(result)
        if (!result.errors) {
          const draft = result.data!.saveSiteApplicationDraft
          const submitted = await t.execute(
            Submit,
            { input: { id: draft.id, version: draft.version, verificationCode: '000000' } },
            { cookie: await t.login(unit.login) },
          )
          api = fieldsOf(submitted)
          if (!submitted.errors) api = {}
        }
        // A wrong SMS code is the API's business, not the form's.
        delete api.verificationCode
        expect(local).toEqual(api)
      })
    }
  },
)
