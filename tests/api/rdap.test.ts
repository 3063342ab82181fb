// Public lookup by RDAP (issue 19): /rdap/domain/<name>, /rdap/entity/<handle> and /rdap/help answer as RFC 7480,
// 9082 and 9083 say, every body checked against the RFC 9083 shapes (tests/api/rdap/rfc9083.schema.json, written
// from the RFC; its header says why no published schema was taken). Only registered names are found (a pending
// application is not), the registrant shows its public facts only with the rest declared in RFC 9537's redacted
// member, bad input is 400 with an RDAP error body, and each client address has its own bucket of requests.
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { domainToASCII } from 'node:url'
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { toALabel } from '../../server/src/lib/idna.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain, createUnit } from '../testkit/fixtures.ts'
import { repositoryRoot } from '../testkit/paths.ts'

const schema = JSON.parse(readFileSync(path.join(repositoryRoot, 'tests/api/rdap/rfc9083.schema.json'), 'utf8'))
// Strict about unknown keywords (a typo in the schema fails); the type, tuple and required checks of strict mode are
// about how a schema is written, and would forbid the allOf composition the topmost objects use.
const ajv = new Ajv2020({
  allErrors: true,
  strict: true,
  strictTypes: false,
  strictTuples: false,
  strictRequired: false,
})
addFormats.default(ajv)
ajv.addSchema(schema)
const shape = (name: string): ValidateFunction => ajv.getSchema(`${schema.$id}#/$defs/${name}`)!

/** Fails with ajv's own report (path and rule) when a body does not fit. */
function expectShape(kind: 'domainResponse' | 'entityResponse' | 'helpResponse' | 'errorResponse', body: unknown) {
  const validate = shape(kind)
  const valid = validate(body)
  expect(valid ? '' : ajv.errorsText(validate.errors), `${kind}: ${JSON.stringify(body).slice(0, 300)}`).toBe('')
}

const RATE_LIMIT = 5
let now = Date.now()
let t: TestApp
let addressSequence = 0
/** A client address of its own for each test, so the rate limit of one test never touches another. */
const freshAddress = () => `198.51.100.${++addressSequence}`

beforeAll(async () => {
  t = await createTestApp({ rdapRateLimit: { requests: RATE_LIMIT, windowSeconds: 60, now: () => now } })
})
afterAll(async () => {
  await t?.close()
})

interface RdapAnswer {
  status: number
  headers: Headers
  text: string
  body: any
}

async function rdap(pathAndQuery: string, options: { method?: string; address?: string } = {}): Promise<RdapAnswer> {
  const response = await t.app.fetch(`http://api.test/rdap/${pathAndQuery}`, {
    method: options.method ?? 'GET',
    headers: { accept: 'application/rdap+json', 'x-test-client-address': options.address ?? freshAddress() },
  })
  const text = await response.text()
  return { status: response.status, headers: response.headers, text, body: text ? JSON.parse(text) : null }
}

const domainPath = (name: string) => `domain/${encodeURIComponent(name)}`

/** A .政务 domain of a fresh unit of 清丰县, whose handler's facts are easy to look for in an answer. */
async function domainOfFreshUnit(status: 'REGISTERED' | 'EXPIRED' | 'PENDING_OFFICE_REVIEW', name: string) {
  const created = await createUnit(t.db.prisma, { regionCode: '410922' })
  const unit = await t.db.prisma.unit.update({
    where: { id: created.id },
    data: {
      handlerName: `经办人${created.id}`,
      handlerMobile: `139${String(created.id).padStart(8, '0')}`.slice(0, 11),
      handlerEmail: `handler-${created.id}@example.cn`,
      address: `清丰县测试路${created.id}号`,
    },
  })
  const domain = await createDomain(t.db.prisma, { unitId: unit.id, status, name })
  return { unit, domain, uName: `${name}.政务`, aName: domainToASCII(`${name}.政务`) }
}

describe('RDAP domain lookup', () => {
  it('answers a registered name by its U-label and its A-label with the same RFC 9083 domain object', async () => {
    const { domain, uName, aName } = await domainOfFreshUnit('REGISTERED', '清丰县查询测试甲')
    const byU = await rdap(domainPath(uName))
    const byA = await rdap(domainPath(aName.toUpperCase()))
    for (const answer of [byU, byA]) {
      expect(answer.status).toBe(200)
      expect(answer.headers.get('content-type')).toMatch(/^application\/rdap\+json/)
      expect(answer.headers.get('access-control-allow-origin')).toBe('*')
      expectShape('domainResponse', answer.body)
      expect(answer.body).toMatchObject({
        objectClassName: 'domain',
        handle: `DOMAIN-${domain.id}`,
        ldhName: aName,
        unicodeName: uName,
        status: ['active'],
      })
      expect(answer.body.rdapConformance).toEqual(['rdap_level_0', 'redacted'])
      const events = Object.fromEntries(
        answer.body.events.map((event: { eventAction: string; eventDate: string }) => [
          event.eventAction,
          event.eventDate,
        ]),
      )
      expect(events.registration).toBe(domain.registeredAt!.toISOString())
      expect(events.expiration).toBe(domain.expiresAt!.toISOString())
      expect(events['last changed']).toBe(domain.updatedAt.toISOString())
      expect(answer.body.links[0]).toMatchObject({ rel: 'self', href: `${config.rdap.baseUrl}/domain/${aName}` })
      expect(answer.body.notices[0].title).toContain('Terms of Use')
      expect(answer.body.notices[0].description.join('')).toMatch(/使用条款|仅供查询核实之用/)
    }
    // The link's value is what was asked for, at the public address; never the Host the client sent.
    expect(byU.body.links[0].value).toBe(`${config.rdap.baseUrl}/${domainPath(uName)}`)
    expect(byU.text).not.toContain('api.test')
  })

  it('names the registrant unit with its public facts only and declares the withheld ones (RFC 9537)', async () => {
    const { unit, uName } = await domainOfFreshUnit('REGISTERED', '清丰县查询测试乙')
    const answer = await rdap(domainPath(uName))
    expect(answer.status).toBe(200)
    const [registrant] = answer.body.entities
    expect(registrant).toMatchObject({ objectClassName: 'entity', handle: `UNIT-${unit.id}`, roles: ['registrant'] })
    const vcard = registrant.vcardArray[1] as unknown[][]
    expect(vcard.find((property) => property[0] === 'fn')?.[3]).toBe(unit.name)
    expect(vcard.find((property) => property[0] === 'adr')?.[3]).toEqual([
      '',
      '',
      '',
      '濮阳市 清丰县',
      '河南省',
      '',
      '中国',
    ])
    expect(vcard.map((property) => property[0])).not.toContain('tel')
    expect(vcard.map((property) => property[0])).not.toContain('email')
    expect(JSON.stringify(registrant.remarks)).toContain('党政机关')
    for (const secret of [unit.handlerName, unit.handlerMobile, unit.handlerEmail, unit.address, unit.postcode])
      expect(answer.text).not.toContain(secret)
    expect(answer.text).not.toContain(unit.handlerIdNumberMasked!.slice(0, 6) + '********')
    const redacted = answer.body.redacted.map(
      (item: { name: { type?: string; description?: string } }) => item.name.type ?? item.name.description,
    )
    expect(redacted).toEqual(
      expect.arrayContaining(['Registrant Phone', 'Registrant Email', 'Registrant Street', 'Registrant Postal Code']),
    )
    expect(redacted.join(' ')).toContain('经办人姓名')
    expect(redacted.join(' ')).toContain('经办人身份证号')
  })

  it('answers for a 简繁 variant with its domain, the primary named', async () => {
    // The traditional form, reserved with the domain as applying for it does (modules/domainNames/variants.ts).
    const { domain } = await domainOfFreshUnit('REGISTERED', '清丰县查询门户')
    const variant = await t.db.prisma.domainName.create({
      data: {
        domainId: domain.id,
        suffix: 'ZHENGWU',
        uLabel: '清豐縣查詢門戶',
        aLabel: toALabel('清豐縣查詢門戶'),
        kind: 'VARIANT',
      },
      select: { uLabel: true, suffix: true, domain: { select: { id: true, name: true } } },
    })
    const tld = '.政务'
    const answer = await rdap(domainPath(`${variant.uLabel}${tld}`))
    expect(answer.status).toBe(200)
    expectShape('domainResponse', answer.body)
    expect(answer.body.handle).toBe(`DOMAIN-${variant.domain.id}`)
    expect(answer.body.unicodeName).toBe(`${variant.domain.name}${tld}`)
    expect(answer.body.ldhName).toBe(domainToASCII(`${variant.domain.name}${tld}`))
    expect(answer.body.variants[0].relation).toEqual(['conjoined'])
    expect(answer.body.variants[0].variantNames).toContainEqual({
      ldhName: domainToASCII(`${variant.uLabel}${tld}`),
      unicodeName: `${variant.uLabel}${tld}`,
    })
    expect(answer.body.remarks[0].description.join(' ')).toContain(`${variant.uLabel}${tld}`)
    // The same object by the variant's A-label.
    const byALabel = await rdap(domainPath(domainToASCII(`${variant.uLabel}${tld}`)))
    expect(byALabel.body.handle).toBe(answer.body.handle)
  })

  it('links the public badge verification page when the domain’s site has a badge in force', async () => {
    const badge = await t.db.prisma.badge.findFirstOrThrow({
      where: { status: 'ACTIVE', siteApplication: { chineseDomain: { status: 'REGISTERED' } } },
      select: { badgeNumber: true, siteApplication: { select: { chineseDomain: true } } },
    })
    const chinese = badge.siteApplication.chineseDomain!
    const answer = await rdap(domainPath(`${chinese.name}${chinese.suffix === 'ZHENGWU' ? '.政务' : '.公益'}`))
    expect(answer.status).toBe(200)
    expectShape('domainResponse', answer.body)
    expect(answer.body.links).toContainEqual(
      expect.objectContaining({
        rel: 'related',
        href: `${config.publicPortalUrl}/verify/${badge.badgeNumber}`,
        type: 'text/html',
      }),
    )
    const { uName } = await domainOfFreshUnit('REGISTERED', '清丰县查询测试丙')
    const withoutBadge = await rdap(domainPath(uName))
    expect(withoutBadge.body.links.map((link: { rel: string }) => link.rel)).toEqual(['self'])
  })

  it('answers an expired name with status server hold (no longer in DNS) and its expiration', async () => {
    const expiresAt = new Date(Date.now() - 3 * 86_400_000)
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    const domain = await createDomain(t.db.prisma, {
      unitId: unit.id,
      status: 'EXPIRED',
      name: '清丰县查询测试丁',
      expiresAt,
    })
    const answer = await rdap(domainPath('清丰县查询测试丁.政务'))
    expect(answer.status).toBe(200)
    expectShape('domainResponse', answer.body)
    expect(answer.body.handle).toBe(`DOMAIN-${domain.id}`)
    expect(answer.body.status).toEqual(['server hold'])
    expect(answer.body.events).toContainEqual({ eventAction: 'expiration', eventDate: expiresAt.toISOString() })
  })

  it.each([
    ['GRACE', '宽限', ['active', 'auto renew period']],
    ['REDEMPTION', '赎回', ['redemption period', 'server hold']],
    ['DELETED', '删除', ['pending delete', 'server hold']],
  ] as const)('answers a name in %s after expiry with its RFC 3915 status', async (status, word, expected) => {
    const expiresAt = new Date(Date.now() - 40 * 86_400_000)
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    const name = `清丰县查询${word}期测试`
    const domain = await createDomain(t.db.prisma, { unitId: unit.id, status, name, expiresAt })
    const answer = await rdap(domainPath(`${name}.政务`))
    expect(answer.status).toBe(200)
    expectShape('domainResponse', answer.body)
    expect(answer.body.handle).toBe(`DOMAIN-${domain.id}`)
    expect(answer.body.status).toEqual(expected)
  })

  it.each([
    ['a released name (free again after deletion and the hold)', 'RELEASED', '清丰县查询释放测试'],
    ['a cancelled domain (注销 or withdrawn: nobody holds it)', 'CANCELLED', '清丰县查询注销测试'],
  ] as const)('does not find %s: 404 with an RDAP error body', async (_case, status, name) => {
    const unit = await createUnit(t.db.prisma, { regionCode: '410922' })
    await createDomain(t.db.prisma, {
      unitId: unit.id,
      status,
      name,
      expiresAt: new Date(Date.now() - 100 * 86_400_000),
    })
    for (const asked of [`${name}.政务`, domainToASCII(`${name}.政务`)]) {
      const answer = await rdap(domainPath(asked))
      expect(answer.status, asked).toBe(404)
      expectShape('errorResponse', answer.body)
      expect(answer.text).not.toContain(unit.name)
    }
    // Nor is its unit an RDAP entity while it holds nothing published.
    const entity = await rdap(`entity/UNIT-${unit.id}`)
    expect(entity.status).toBe(404)
    expectShape('errorResponse', entity.body)
  })

  it('adds pending renew while a renewal waits for its fee', async () => {
    const { domain, uName } = await domainOfFreshUnit('REGISTERED', '清丰县查询测试戊')
    const requester = await t.db.prisma.user.findFirstOrThrow({ where: { username: 'qfzf' } })
    await t.db.prisma.domainRenewal.create({ data: { domainId: domain.id, years: 1, requestedById: requester.id } })
    const answer = await rdap(domainPath(uName))
    expect(answer.body.status).toEqual(['active', 'pending renew'])
    expectShape('domainResponse', answer.body)
  })

  it('does not find a pending application, a rejected one, a name nobody holds or a host below a domain', async () => {
    const pending = await domainOfFreshUnit('PENDING_OFFICE_REVIEW', '清丰县查询测试己')
    const rejected = await domainOfFreshUnit('PENDING_OFFICE_REVIEW', '清丰县查询测试庚')
    await t.db.prisma.domain.update({ where: { id: rejected.domain.id }, data: { status: 'OFFICE_REJECTED' } })
    const registered = await domainOfFreshUnit('REGISTERED', '清丰县查询测试辛')
    for (const name of [
      pending.uName,
      pending.aName,
      rejected.uName,
      '从未注册过的名称.公益',
      `www.${registered.aName}`,
    ]) {
      const answer = await rdap(domainPath(name))
      expect(answer.status, name).toBe(404)
      expect(answer.headers.get('content-type')).toMatch(/^application\/rdap\+json/)
      expect(answer.headers.get('access-control-allow-origin')).toBe('*')
      expectShape('errorResponse', answer.body)
      expect(answer.body.errorCode).toBe(404)
      expect(answer.text).not.toContain(pending.unit.name)
    }
  })

  it.each([
    ['NUL', 'domain/%00', '控制字符'],
    ['NUL inside a name', `domain/${encodeURIComponent('清丰\u0000县.政务')}`, '控制字符'],
    ['an encoded lone surrogate (CESU-8)', 'domain/%ED%A0%80.%E6%94%BF%E5%8A%A1', 'UTF-8'],
    ['broken percent-encoding', 'domain/%E6%B8.%E6%94%BF%E5%8A%A1', 'UTF-8'],
    ['a label of 64 octets', domainPath('云南省西双版纳傣族自治州勐海县人民政府.政务'), '63 字节'],
    ['a path segment of 5,000 characters', `domain/${'a'.repeat(5000)}.xn--zfr164b`, '过长'],
    ['a name under another TLD', 'domain/example.com', '.政务 和 .公益'],
    ['a TLD alone', domainPath('政务'), '.政务 和 .公益'],
    ['a leading hyphen', domainPath('-清丰.政务'), 'IDNA2008'],
    ['full-width letters are mapped, a space is not', domainPath('清丰 县.政务'), 'IDNA2008'],
    ['an invalid A-label', 'domain/xn--zzzz.xn--zfr164b', 'IDNA2008'],
    ['an entity handle with NUL', 'entity/UNIT-1%00', '控制字符'],
    ['an over-long entity handle', `entity/${'U'.repeat(300)}`, '过长'],
    ['an unknown query path', 'domain', '无法识别'],
  ])('refuses %s with 400 and an RDAP error body', async (_case, pathAndQuery, reason) => {
    const answer = await rdap(pathAndQuery)
    expect(answer.status).toBe(400)
    expect(answer.headers.get('content-type')).toMatch(/^application\/rdap\+json/)
    expectShape('errorResponse', answer.body)
    expect(answer.body.errorCode).toBe(400)
    expect([answer.body.title, ...answer.body.description].join(' ')).toContain(reason)
  })

  it('answers HEAD with the status and headers of GET and no body', async () => {
    const { uName } = await domainOfFreshUnit('REGISTERED', '清丰县查询测试癸')
    const found = await rdap(domainPath(uName), { method: 'HEAD' })
    expect(found.status).toBe(200)
    expect(found.text).toBe('')
    expect(found.headers.get('content-type')).toMatch(/^application\/rdap\+json/)
    expect(found.headers.get('access-control-allow-origin')).toBe('*')
    const missing = await rdap(domainPath('从未注册过的名称.政务'), { method: 'HEAD' })
    expect(missing.status).toBe(404)
    expect(missing.text).toBe('')
  })

  it('allows any origin (CORS preflight), refuses other methods and says which query types it does not serve', async () => {
    const preflight = await t.app.fetch('http://api.test/rdap/domain/x.xn--zfr164b', {
      method: 'OPTIONS',
      headers: { origin: 'https://client.example', 'access-control-request-method': 'GET' },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*')
    expect(preflight.headers.get('access-control-allow-methods')).toContain('GET')
    const post = await rdap('help', { method: 'POST' })
    expect(post.status).toBe(405)
    expect(post.headers.get('allow')).toContain('GET')
    expectShape('errorResponse', post.body)
    const ip = await rdap('ip/192.0.2.1')
    expect(ip.status).toBe(501)
    expectShape('errorResponse', ip.body)
  })
})

describe('RDAP entity lookup', () => {
  it('shows a registrant unit with its public facts and the redacted member, nothing personal', async () => {
    const unit = await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })
    const answer = await rdap(`entity/UNIT-${unit.id}`)
    expect(answer.status).toBe(200)
    expect(answer.headers.get('content-type')).toMatch(/^application\/rdap\+json/)
    expectShape('entityResponse', answer.body)
    expect(answer.body).toMatchObject({
      objectClassName: 'entity',
      handle: `UNIT-${unit.id}`,
      roles: ['registrant'],
      status: ['active'],
    })
    expect(answer.body.rdapConformance).toContain('redacted')
    expect(answer.body.vcardArray[1]).toContainEqual(['fn', {}, 'text', '清丰县人民政府办公室'])
    expect(answer.body.remarks.flatMap((remark: { description: string[] }) => remark.description)).toEqual([
      '党政机关',
      '河南省 / 濮阳市 / 清丰县',
    ])
    for (const secret of [unit.handlerName, unit.handlerMobile, unit.handlerEmail, unit.address, unit.creditCode])
      expect(answer.text).not.toContain(secret)
    expect(
      answer.body.redacted.find((item: { name: { type?: string } }) => item.name.type === 'Registrant Phone'),
    ).toMatchObject({ method: 'removal', prePath: "$.vcardArray[1][?(@[0]=='tel')]" })
    // The handle's case does not matter.
    expect((await rdap(`entity/unit-${unit.id}`)).body.handle).toBe(`UNIT-${unit.id}`)
  })

  it('does not find a unit that holds no registered domain, nor a handle that is not ours', async () => {
    const { unit } = await domainOfFreshUnit('PENDING_OFFICE_REVIEW', '清丰县查询测试子')
    for (const handle of [`UNIT-${unit.id}`, 'UNIT-999999999', 'UNIT-0', 'DOMAIN-1', '清丰县人民政府办公室']) {
      const answer = await rdap(`entity/${encodeURIComponent(handle)}`)
      expect(answer.status, handle).toBe(404)
      expectShape('errorResponse', answer.body)
    }
  })
})

describe('the RFC 9083 schema itself', () => {
  it('refuses what the RFCs do not allow, so a passing answer means something', async () => {
    const { uName } = await domainOfFreshUnit('REGISTERED', '清丰县查询测试丑')
    const good = (await rdap(domainPath(uName))).body
    expectShape('domainResponse', good)
    const broken: [string, (body: typeof good) => void][] = [
      ['a U-label as ldhName', (body) => (body.ldhName = body.unicodeName)],
      ['a link without value', (body) => delete body.links[0].value],
      ['an unregistered status value', (body) => (body.status = ['registered'])],
      ['a misspelt member', (body) => (body.unicodName = body.unicodeName)],
      ['redacted without its conformance', (body) => (body.rdapConformance = ['rdap_level_0'])],
      ['an event without a date', (body) => delete body.events[0].eventDate],
      ['a jCard without version', (body) => body.entities[0].vcardArray[1].shift()],
      ['notices as text', (body) => (body.notices[0].description = 'text')],
    ]
    for (const [what, breakIt] of broken) {
      const body = structuredClone(good)
      breakIt(body)
      expect(shape('domainResponse')(body), what).toBe(false)
    }
    expect(shape('errorResponse')({ rdapConformance: ['rdap_level_0'], title: 'x' }), 'errorCode missing').toBe(false)
  })
})

describe('RDAP help and rate limit', () => {
  it('serves the terms of use at /rdap/help', async () => {
    const answer = await rdap('help')
    expect(answer.status).toBe(200)
    expectShape('helpResponse', answer.body)
    expect(answer.body.rdapConformance).toEqual(['rdap_level_0'])
    const text = answer.body.notices[0].description.join('\n')
    expect(text).toContain('个人信息')
    expect(text).toContain('personal data')
  })

  it('refuses an address over its limit with 429, Retry-After and an RDAP error body; other addresses go on', async () => {
    const address = freshAddress()
    for (let i = 0; i < RATE_LIMIT; i++) expect((await rdap('help', { address })).status).toBe(200)
    const refused = await rdap('domain/x.xn--zfr164b', { address })
    expect(refused.status).toBe(429)
    expectShape('errorResponse', refused.body)
    expect(refused.body.errorCode).toBe(429)
    const retryAfter = Number(refused.headers.get('retry-after'))
    expect(retryAfter).toBeGreaterThanOrEqual(1)
    expect(refused.headers.get('access-control-allow-origin')).toBe('*')
    expect(refused.body.description[0]).toContain(`${retryAfter} 秒`)
    expect((await rdap('help', { address: freshAddress() })).status).toBe(200)
    // One IPv6 subscriber (its /64) is one client, whichever of its addresses it uses.
    for (let i = 0; i < RATE_LIMIT; i++) await rdap('help', { address: `2001:db8:77:1::${i + 1}` })
    expect((await rdap('help', { address: '2001:db8:77:1:ffff::9' })).status).toBe(429)
    // The bucket refills with time.
    now += retryAfter * 1000
    expect((await rdap('help', { address })).status).toBe(200)
  })
})
