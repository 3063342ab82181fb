// URL转发 that forwards: the forwarding server (server/src/forwarder/) answers a name's URL_FORWARD record with the
// redirect it says, for the Host in A-label or U-label form, and a bare 404 for everything else; loops are refused
// when saved and when served; the forward's A record points at URL_FORWARD_SERVER_IPV4. The server runs on a real
// socket here, asking this test's API; the last test starts it as its own process, as npm start does.
import { request as httpRequest, createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { domainToASCII } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { toALabel } from '../../server/src/lib/idna.ts'
import { createForwardingServer, forwardLocation, lookupThroughApi } from '../../server/src/forwarder/server.ts'
import { repointForwardAddresses } from '../../server/src/modules/dns/urlForward.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { createIssuedBadge } from '../testkit/sites.ts'
import { repositoryRoot } from '../testkit/paths.ts'
import { freePort, startProcess } from '../testkit/processes.ts'

const AddRecord = graphql(`
  mutation TestUrlForwardAdd($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
      host
      type
      value
      forwardGroup
      forwardRedirect
      forwardKeepPath
    }
  }
`)

const UpdateRecord = graphql(`
  mutation TestUrlForwardUpdate($input: UpdateDnsRecordInput!) {
    updateDnsRecord(input: $input) {
      id
      value
      forwardRedirect
      forwardKeepPath
    }
  }
`)

const SetResolves = graphql(`
  mutation TestUrlForwardSetResolves($id: ID!, $resolves: Boolean!) {
    setDomainNameResolves(id: $id, resolves: $resolves) {
      id
      resolves
    }
  }
`)

const RequestChange = graphql(`
  mutation TestUrlForwardRequestBadgeChange($input: RequestBadgeChangeInput!) {
    requestBadgeChange(input: $input) {
      id
    }
  }
`)

const ReviewChange = graphql(`
  mutation TestUrlForwardReviewBadgeChange($input: ReviewBadgeChangeInput!) {
    reviewBadgeChange(input: $input) {
      id
      status
    }
  }
`)

const History = graphql(`
  query TestUrlForwardHistory($id: ID!) {
    domain(id: $id) {
      id
      dnsChanges(first: 10) {
        edges {
          node {
            cause
            action
            after {
              type
              value
              forwardRedirect
              forwardKeepPath
            }
          }
        }
      }
    }
  }
`)

let t: TestApp
let qfzf: string
let qfzfUnitId: number
let api: Server
let apiUrl: string
let forwarder: Server
let forwarderPort: number

beforeAll(async () => {
  t = await createTestApp()
  qfzf = await t.login('qfzf')
  qfzfUnitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
  // The API on a loopback socket, as the forwarding server finds it beside it (its lookup answers only such callers).
  api = createServer(t.app)
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve))
  apiUrl = `http://127.0.0.1:${(api.address() as AddressInfo).port}`
  // No cache: each request sees the records as they are now.
  forwarder = createForwardingServer({ lookup: lookupThroughApi(apiUrl), cacheSeconds: 0 })
  await new Promise<void>((resolve) => forwarder.listen(0, '127.0.0.1', resolve))
  forwarderPort = (forwarder.address() as AddressInfo).port
})
afterAll(async () => {
  await new Promise((resolve) => forwarder?.close(resolve))
  await new Promise((resolve) => api?.close(resolve))
  await t?.close()
})

let serial = 0
/** A registered .政务 domain of qfzf with a real Chinese name; returns its id and both label forms of its name. */
async function registeredDomain(status: 'REGISTERED' | 'PENDING_OFFICE_REVIEW' = 'REGISTERED') {
  const name = `清丰县转发测试${'甲乙丙丁戊己庚辛壬癸'[serial++ % 10]}${serial}`
  const domain = await createDomain(t.db.prisma, { unitId: qfzfUnitId, status, name })
  const uName = `${name}.政务`
  return { id: String(domain.id), uName, aName: domainToASCII(uName) }
}

function addForward(
  domainId: string,
  host: string,
  value: string,
  options: { forwardRedirect?: 'PERMANENT' | 'TEMPORARY'; forwardKeepPath?: boolean } = {},
) {
  return t.execute(AddRecord, { input: { domainId, host, type: 'URL_FORWARD', value, ...options } }, { cookie: qfzf })
}

/** A 简繁 variant of a test domain (its traditional form), reserved and not resolving. */
async function variantOf(domain: { id: string; uName: string }) {
  const name = domain.uName.replace('.政务', '')
  const traditional = name.replace('丰', '豐').replace('县', '縣').replace('转发', '轉發').replace('试', '試')
  const row = await t.db.prisma.domainName.create({
    data: {
      domainId: Number(domain.id),
      suffix: 'ZHENGWU',
      uLabel: traditional,
      aLabel: toALabel(traditional),
      kind: 'VARIANT',
      resolves: false,
    },
  })
  return { id: String(row.id), uName: `${traditional}.政务`, aName: `${row.aLabel}.xn--zfr164b` }
}

interface Answer {
  status: number
  location: string | undefined
  body: string
  headers: Record<string, string | string[] | undefined>
}

/** One HTTP request to the forwarder with this Host, sent as UTF-8 bytes when it is not ASCII (as curl does). */
function get(host: string, target = '/', port = forwarderPort): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest({
      host: '127.0.0.1',
      port,
      path: target,
      method: 'GET',
      // A fresh connection each time: a kept-alive one can be closed by the server just as it is reused.
      agent: false,
      // Node sends a header string's characters as Latin-1 bytes: these are the UTF-8 bytes of the name.
      headers: { host: Buffer.from(host, 'utf8').toString('latin1') },
    })
    request.on('response', (response) => {
      let body = ''
      response.on('data', (chunk) => (body += chunk))
      response.on('end', () =>
        resolve({ status: response.statusCode!, location: response.headers.location, body, headers: response.headers }),
      )
    })
    request.on('error', reject)
    request.end()
  })
}

describe('the forwarding server', () => {
  it('answers Host in A-label form with the record’s 302 and the target as written', async () => {
    const domain = await registeredDomain()
    const added = await addForward(domain.id, '@', 'https://www.qingfeng.gov.cn/portal/')
    expect(added.errors).toBeUndefined()
    expect(added.data!.addDnsRecord.map((r) => [r.type, r.forwardRedirect, r.forwardKeepPath])).toEqual([
      ['URL_FORWARD', 'TEMPORARY', false],
      ['A', null, null],
    ])
    expect(domain.aName).toMatch(/^xn--[a-z0-9-]+\.xn--zfr164b$/)
    const answer = await get(domain.aName, '/news/1?id=2')
    expect(answer).toMatchObject({ status: 302, location: 'https://www.qingfeng.gov.cn/portal/', body: '' })
  })

  it('matches the Host in U-label form, upper-case A-label, with port and root dot alike', async () => {
    const domain = await registeredDomain()
    await addForward(domain.id, 'www', 'http://www.puyang.gov.cn/')
    for (const host of [`www.${domain.uName}`, `WWW.${domain.aName.toUpperCase()}:80`, `www.${domain.aName}.`]) {
      expect(await get(host), host).toMatchObject({ status: 302, location: 'http://www.puyang.gov.cn/' })
    }
  })

  it('301 with the request’s path and query kept, when the record says so', async () => {
    const domain = await registeredDomain()
    await addForward(domain.id, '@', 'https://example.gov.cn/base?from=zw', {
      forwardRedirect: 'PERMANENT',
      forwardKeepPath: true,
    })
    expect(await get(domain.aName, '/news/2026/a.html?id=7&q=%E6%94%BF')).toMatchObject({
      status: 301,
      location: 'https://example.gov.cn/base/news/2026/a.html?from=zw&id=7&q=%E6%94%BF',
    })
    expect(await get(domain.aName, '/')).toMatchObject({ status: 301, location: 'https://example.gov.cn/base?from=zw' })
  })

  it('a wildcard forward answers the hosts below the domain that have none of their own', async () => {
    const domain = await registeredDomain()
    await addForward(domain.id, '*', 'https://any.example.gov.cn/')
    await addForward(domain.id, 'www', 'https://www.example.gov.cn/')
    expect(await get(`news.${domain.aName}`)).toMatchObject({ status: 302, location: 'https://any.example.gov.cn/' })
    expect(await get(`www.${domain.aName}`)).toMatchObject({ status: 302, location: 'https://www.example.gov.cn/' })
    expect((await get(domain.aName)).status).toBe(404)
  })

  it('a 简繁 variant forwards like its domain when the unit lets it resolve, and not otherwise', async () => {
    const domain = await registeredDomain()
    await addForward(domain.id, '@', 'https://variant.example.gov.cn/')
    const variant = await variantOf(domain)
    expect((await get(variant.uName)).status).toBe(404)
    await t.db.prisma.domainName.update({ where: { id: Number(variant.id) }, data: { resolves: true } })
    expect(await get(variant.aName)).toMatchObject({
      status: 302,
      location: 'https://variant.example.gov.cn/',
    })
  })

  it('a name without a forward, a pending name and a stranger’s host all get the same bare 404', async () => {
    const without = await registeredDomain()
    const pending = await registeredDomain('PENDING_OFFICE_REVIEW')
    // A pending domain cannot take records through the API; rows written directly must still not be served.
    await t.db.prisma.dnsRecord.create({
      data: {
        domainId: Number(pending.id),
        host: '@',
        type: 'URL_FORWARD',
        value: 'https://pending.example.gov.cn/',
        forwardRedirect: 'TEMPORARY',
        forwardKeepPath: false,
      },
    })
    const answers = await Promise.all(
      [without.aName, pending.aName, 'example.com', 'xn--zfr164b', '127.0.0.1', ''].map((host) => get(host)),
    )
    for (const answer of answers) {
      expect(answer.status).toBe(404)
      expect(answer.body).toBe('')
      expect(answer.location).toBeUndefined()
      expect(answer.headers['content-length']).toBe('0')
      expect(answer.headers.server).toBeUndefined()
    }
  })

  it('the forward’s A record points at URL_FORWARD_SERVER_IPV4, the forwarder’s configured address', async () => {
    const domain = await registeredDomain()
    const added = await addForward(domain.id, '@', 'https://example.gov.cn/')
    const address = added.data!.addDnsRecord.find((record) => record.type === 'A')!
    expect(address.value).toBe(config.urlForwardServerIpv4)
    expect(config.urlForwardServerIpv4).toBe('127.0.0.1') // outside production: this machine's forwarder
  })
})

describe('loops', () => {
  it('refuses a forward to the name itself, or to another host of ours that forwards back', async () => {
    const one = await registeredDomain()
    const two = await registeredDomain()
    const self = await addForward(one.id, '@', `http://${one.uName}/other`)
    expect(errorCodes(self)).toEqual(['BAD_USER_INPUT'])
    expect(self.errors![0]!.extensions).toMatchObject({ reason: 'FORWARD_LOOP', fields: { value: expect.any(String) } })

    expect((await addForward(two.id, '@', `https://${one.aName}/`)).errors).toBeUndefined()
    const back = await addForward(one.id, '@', `https://${two.uName}/`)
    expect(back.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FORWARD_LOOP' })
    // A wildcard that would answer its own target's host.
    const wildcard = await addForward(one.id, '*', `https://news.${one.aName}/`)
    expect(wildcard.errors![0]!.extensions).toMatchObject({ reason: 'FORWARD_LOOP' })
    expect(await t.db.prisma.dnsRecord.count({ where: { domainId: Number(one.id) } })).toBe(0)
  })

  it('refuses an update that would close a loop, and serves a loop that slipped in as 508, not a redirect', async () => {
    const one = await registeredDomain()
    const two = await registeredDomain()
    await addForward(two.id, '@', `https://${one.aName}/`)
    const forward = (await addForward(one.id, '@', 'https://example.gov.cn/')).data!.addDnsRecord[0]!
    const update = await t.execute(
      UpdateRecord,
      { input: { id: forward.id, value: `http://${two.aName}/` } },
      { cookie: qfzf },
    )
    expect(update.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FORWARD_LOOP' })
    expect((await get(one.aName)).location).toBe('https://example.gov.cn/')

    // Two saves racing each other could still make one: the server refuses to send browsers round it.
    await t.db.prisma.dnsRecord.update({ where: { id: Number(forward.id) }, data: { value: `http://${two.aName}/` } })
    expect(await get(one.aName)).toMatchObject({ status: 508, location: undefined, body: '' })
  })
})

const setResolves = (id: string, resolves: boolean) => t.execute(SetResolves, { id, resolves }, { cookie: qfzf })

describe('loops through the other ways a forward comes to answer a name', () => {
  it('a forward to the domain’s own resolving 简繁 variant is refused like one to the domain', async () => {
    const domain = await registeredDomain()
    const variant = await variantOf(domain)
    expect((await setResolves(variant.id, true)).errors).toBeUndefined()
    for (const target of [`http://${variant.uName}/`, `https://${variant.aName}/x`]) {
      const added = await addForward(domain.id, '@', target)
      expect(added.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FORWARD_LOOP' })
    }
    expect(await t.db.prisma.dnsRecord.count({ where: { domainId: Number(domain.id) } })).toBe(0)
  })

  it('switching a 简繁 variant on is refused when a forward would then lead back through it, and changes nothing', async () => {
    // The domain's own forward aims at its variant (saved while the variant did not resolve).
    const own = await registeredDomain()
    const ownVariant = await variantOf(own)
    expect((await addForward(own.id, '@', `http://${ownVariant.uName}/`)).errors).toBeUndefined()
    const refused = await setResolves(ownVariant.id, true)
    expect(refused.errors![0]!.extensions).toMatchObject({ code: 'CONFLICT', reason: 'FORWARD_LOOP' })
    expect(refused.errors![0]!.message).toMatch(/循环/)
    const stored = await t.db.prisma.domainName.findUniqueOrThrow({ where: { id: Number(ownVariant.id) } })
    expect(stored.resolves).toBe(false)
    expect((await get(ownVariant.aName)).status).toBe(404)

    // Through another domain: one → two, two → one's variant; the variant answering with one's forward closes it.
    const one = await registeredDomain()
    const two = await registeredDomain()
    const oneVariant = await variantOf(one)
    expect((await addForward(two.id, '@', `http://${oneVariant.aName}/`)).errors).toBeUndefined()
    expect((await addForward(one.id, '@', `http://${two.aName}/`)).errors).toBeUndefined()
    expect((await setResolves(oneVariant.id, true)).errors![0]!.extensions).toMatchObject({ reason: 'FORWARD_LOOP' })

    // A variant whose domain forwards elsewhere switches on and off as before.
    const fine = await registeredDomain()
    const fineVariant = await variantOf(fine)
    await addForward(fine.id, '@', 'https://example.gov.cn/')
    expect((await setResolves(fineVariant.id, true)).data!.setDomainNameResolves.resolves).toBe(true)
    expect((await get(fineVariant.aName)).location).toBe('https://example.gov.cn/')
    expect((await setResolves(fineVariant.id, false)).data!.setDomainNameResolves.resolves).toBe(false)
  })

  it('a badge pointing its Chinese domain at a micro-site address that forwards back is refused', async () => {
    const { badge, domain } = await createIssuedBadge(t.db.prisma, { unitId: qfzfUnitId })
    // The portal's public address is itself a .政务 name whose forward leads to the badge's Chinese domain.
    const portal = await registeredDomain()
    expect((await addForward(portal.id, '@', `http://${domainToASCII(`${domain.name}.政务`)}/`)).errors).toBeUndefined()
    const mutable = config as unknown as { publicPortalUrl: string }
    const before = mutable.publicPortalUrl
    mutable.publicPortalUrl = `http://${portal.aName}`
    try {
      const version = (await t.db.prisma.badge.findUniqueOrThrow({ where: { id: badge.id } })).version
      const requested = await t.execute(
        RequestChange,
        { input: { badgeId: String(badge.id), version, newPlacement: 'MICRO_SITE' } },
        { cookie: qfzf },
      )
      expect(requested.errors).toBeUndefined()
      const id = requested.data!.requestBadgeChange.id
      const request = await t.db.prisma.badgeChangeRequest.findUniqueOrThrow({ where: { id: Number(id) } })
      const reviewed = await t.execute(
        ReviewChange,
        { input: { id, version: request.version, decision: 'APPROVE' } },
        { cookie: await t.login('qingfeng') },
      )
      expect(reviewed.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', reason: 'FORWARD_LOOP' })
      expect(reviewed.errors![0]!.message).toMatch(/循环/)
    } finally {
      mutable.publicPortalUrl = before
    }
    expect(await t.db.prisma.dnsRecord.count({ where: { domainId: domain.id } })).toBe(0)
    expect((await t.db.prisma.badge.findUniqueOrThrow({ where: { id: badge.id } })).placement).toBe('SELF_BUILT')
  })
})

describe('the record’s options', () => {
  it('are changed by updateDnsRecord and kept in the history', async () => {
    const domain = await registeredDomain()
    const forward = (await addForward(domain.id, '@', 'https://example.gov.cn/')).data!.addDnsRecord[0]!
    const update = await t.execute(
      UpdateRecord,
      { input: { id: forward.id, forwardRedirect: 'PERMANENT', forwardKeepPath: true } },
      { cookie: qfzf },
    )
    expect(update.data!.updateDnsRecord).toMatchObject({ forwardRedirect: 'PERMANENT', forwardKeepPath: true })
    expect(await get(domain.aName, '/a?b=1')).toMatchObject({ status: 301, location: 'https://example.gov.cn/a?b=1' })
    const history = await t.execute(History, { id: domain.id }, { cookie: qfzf })
    expect(history.data!.domain!.dnsChanges.edges[0]!.node).toMatchObject({
      action: 'UPDATED',
      after: { type: 'URL_FORWARD', forwardRedirect: 'PERMANENT', forwardKeepPath: true },
    })
  })

  it('are refused on any other type, and nothing is stored', async () => {
    const domain = await registeredDomain()
    const result = await t.execute(
      AddRecord,
      { input: { domainId: domain.id, host: '@', type: 'A', value: '192.0.2.1', forwardRedirect: 'PERMANENT' } },
      { cookie: qfzf },
    )
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions!.fields).toHaveProperty('forwardRedirect')
    expect(await t.db.prisma.dnsRecord.count({ where: { domainId: Number(domain.id) } })).toBe(0)
  })

  it('forward A records at another address move to the configured one at start, in the history', async () => {
    const domain = await registeredDomain()
    const added = (await addForward(domain.id, '@', 'https://example.gov.cn/')).data!.addDnsRecord
    const address = added.find((record) => record.type === 'A')!
    // As every forward was before the forwarding server existed: a documentation address.
    await t.db.prisma.dnsRecord.update({ where: { id: Number(address.id) }, data: { value: '203.0.113.80' } })
    expect(await repointForwardAddresses(t.db.prisma)).toBeGreaterThanOrEqual(1)
    expect((await t.db.prisma.dnsRecord.findUniqueOrThrow({ where: { id: Number(address.id) } })).value).toBe(
      config.urlForwardServerIpv4,
    )
    const history = await t.execute(History, { id: domain.id }, { cookie: qfzf })
    expect(history.data!.domain!.dnsChanges.edges[0]!.node).toMatchObject({
      cause: 'FORWARD_SERVER_MOVED',
      action: 'UPDATED',
      after: { type: 'A', value: config.urlForwardServerIpv4 },
    })
    expect(await repointForwardAddresses(t.db.prisma)).toBe(0)
  })
})

describe('forwardLocation', () => {
  it.each([
    ['https://a.gov.cn/', false, '/x?y=1', 'https://a.gov.cn/'],
    ['https://a.gov.cn', true, '/x/y?z=1', 'https://a.gov.cn/x/y?z=1'],
    ['https://a.gov.cn/base/', true, '/x', 'https://a.gov.cn/base/x'],
    // A path that looks like another host stays a path on the target's host.
    ['https://a.gov.cn/', true, '//evil.example/x', 'https://a.gov.cn//evil.example/x'],
    ['https://a.gov.cn/', true, '/../../etc', 'https://a.gov.cn/etc'],
  ])('%s keepPath=%s %s → %s', (target, keepPath, requestTarget, location) => {
    expect(forwardLocation(target, keepPath, requestTarget)).toBe(location)
  })
})

describe('its own process', () => {
  it('starts as npm start runs it and forwards through the API', { timeout: 120_000 }, async () => {
    const domain = await registeredDomain()
    await addForward(domain.id, '@', 'https://proc.example.gov.cn/')
    const port = await freePort()
    const started = await startProcess({
      name: 'forwarder',
      command: process.execPath,
      args: ['--import', 'tsx', 'src/forwarder/main.ts'],
      cwd: path.join(repositoryRoot, 'server'),
      env: {
        URL_FORWARD_PORT: String(port),
        API_URL: apiUrl,
        NODE_ENV: 'production', // needs none of the API's production secrets
      },
      ready: /\[forwarder\] URL转发 on/,
      timeoutMs: 90_000,
    })
    try {
      expect(await get(domain.aName, '/', port)).toMatchObject({
        status: 302,
        location: 'https://proc.example.gov.cn/',
      })
      expect((await get('unknown.example', '/', port)).status).toBe(404)
    } finally {
      await started.stop()
    }
  })
})
