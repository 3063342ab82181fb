// Publication through a real authoritative server (issue 18): PowerDNS reads the registry's own tables (the pdns
// views), and `dig` asks it. A registered name answers its records in both label forms; unregistered, pending
// and rejected names are NXDOMAIN; the URL转发's A record points at the forwarding service; 简繁 variants answer
// when the unit chose so; the SOA serial rises with every edit; a PowerDNS that was down catches up and the
// DNS page says the publication is delayed meanwhile. PostgreSQL only (PowerDNS cannot read PGlite).
import { domainToASCII } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import type { RunningPowerDns } from '../../server/src/modules/dns/publication/powerdns.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { dig, digUntil, freeDnsPort, powerDnsUnavailable, startTestPowerDns } from '../testkit/powerdns.ts'

const AddRecord = graphql(`
  mutation TestPublishAddDnsRecord($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
    }
  }
`)

const UpdateRecord = graphql(`
  mutation TestPublishUpdateDnsRecord($input: UpdateDnsRecordInput!) {
    updateDnsRecord(input: $input) {
      id
    }
  }
`)

const Publication = graphql(`
  query TestDnsPublication($id: ID!) {
    domain(id: $id) {
      id
      dnsPublication {
        state
        zone
        serial
        servedSerial
      }
    }
  }
`)

const unavailable = powerDnsUnavailable()
if (unavailable) console.warn(`[dns-publication] skipped: ${unavailable}`)

let t: TestApp
let pdns: RunningPowerDns | null = null
let port: number
let cookie: string
let unitId: number

/** The whole name as DNS carries it, from Node's own IDNA (an oracle independent of the registry's). */
function aLabelName(name: string, tld = '政务'): string {
  return domainToASCII(`${name}.${tld}`)
}

async function registered(name: string, suffix: 'ZHENGWU' | 'GONGYI' = 'ZHENGWU') {
  return createDomain(t.db.prisma, { unitId, name, suffix, status: 'REGISTERED' })
}

async function addRecord(domainId: number, input: { host: string; type: string; value: string; priority?: number }) {
  const result = await t.execute(
    AddRecord,
    { input: { domainId: String(domainId), ...input, type: input.type as 'A' } },
    { cookie },
  )
  expect(result.errors).toBeUndefined()
  return result.data!.addDnsRecord.map((record) => record.id)
}

/** The serial of a dig answer for SOA (its third field), NaN without one. */
const serialOf = (answer: { values: string[] }) => Number(answer.values[0]?.split(' ')[2])

async function zoneSerial(suffix: 'ZHENGWU' | 'GONGYI' = 'ZHENGWU') {
  return Number((await t.db.prisma.dnsZone.findUniqueOrThrow({ where: { suffix } })).serial)
}

describe.skipIf(unavailable !== null)('PowerDNS answers the registry’s zones', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    port = await freeDnsPort()
    t = await createTestApp({ dnsServer: { address: '127.0.0.1', port } })
    pdns = await startTestPowerDns(t.db, port)
    cookie = await t.login('qfzf')
    unitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
  }, 120_000)
  afterAll(async () => {
    await pdns?.stop()
    await t?.close()
  })

  it('answers SOA and NS at the apex of .政务 (xn--zfr164b) and .公益 (xn--55qw42g)', async () => {
    for (const zone of ['xn--zfr164b', 'xn--55qw42g']) {
      const soa = await dig(port, zone, 'SOA')
      expect(soa.status).toBe('NOERROR')
      expect(soa.values[0]).toMatch(/^ns1\.conac\.cn\. hostmaster\.conac\.cn\. \d+ 10800 3600 1209600 300$/)
      expect((await dig(port, zone, 'NS')).values.sort()).toEqual(['ns1.conac.cn.', 'ns2.conac.cn.'])
    }
    expect((await dig(port, '政务', 'SOA')).status).toBe('NOERROR')
  })

  it('answers A, AAAA, CNAME, MX and TXT of a registered name, asked as A-label and as U-label', async () => {
    const domain = await registered('濮阳市清丰县数据局')
    await addRecord(domain.id, { host: '@', type: 'A', value: '192.0.2.10' })
    await addRecord(domain.id, { host: '@', type: 'AAAA', value: '2001:db8::10' })
    await addRecord(domain.id, { host: 'www', type: 'CNAME', value: 'site.example.gov.cn' })
    await addRecord(domain.id, { host: '@', type: 'MX', value: 'mail.example.gov.cn', priority: 10 })
    await addRecord(domain.id, { host: '@', type: 'TXT', value: 'v=spf1 -all' })
    const aLabel = aLabelName('濮阳市清丰县数据局')
    expect(aLabel).toMatch(/^xn--[a-z0-9-]+\.xn--zfr164b$/)

    for (const name of [aLabel, '濮阳市清丰县数据局.政务']) {
      expect((await digUntil(port, name, 'A', (answer) => answer.values.length > 0)).values).toEqual(['192.0.2.10'])
      expect((await dig(port, name, 'AAAA')).values).toEqual(['2001:db8::10'])
      expect((await dig(port, name, 'MX')).values).toEqual(['10 mail.example.gov.cn.'])
      expect((await dig(port, name, 'TXT')).values).toEqual(['"v=spf1 -all"'])
      expect((await dig(port, `www.${name}`, 'CNAME')).values).toEqual(['site.example.gov.cn.'])
    }
  })

  it('answers NXDOMAIN for an unregistered, a pending and a rejected name, even with records stored', async () => {
    const pending = await createDomain(t.db.prisma, { unitId, name: '清丰县待审域名', status: 'PENDING_OFFICE_REVIEW' })
    const rejected = await createDomain(t.db.prisma, { unitId, name: '清丰县驳回域名', status: 'OFFICE_REJECTED' })
    for (const domain of [pending, rejected]) {
      // Not through the API (it refuses records on names that are not registered): the view must hide them anyway.
      await t.db.prisma.dnsRecord.create({ data: { domainId: domain.id, host: '@', type: 'A', value: '192.0.2.66' } })
    }
    for (const name of ['清丰县从未注册', '清丰县待审域名', '清丰县驳回域名']) {
      const answer = await dig(port, aLabelName(name), 'A')
      expect(answer.status, name).toBe('NXDOMAIN')
      expect(answer.values).toEqual([])
    }
  })

  it('answers NODATA, not NXDOMAIN, for a registered name without records and for empty non-terminals', async () => {
    await registered('清丰县空白域名')
    const nested = await registered('清丰县多级主机')
    await addRecord(nested.id, { host: 'a.b', type: 'A', value: '192.0.2.50' })
    await addRecord(nested.id, { host: 'x.y.z', type: 'TXT', value: 'deep' })
    const nestedName = aLabelName('清丰县多级主机')
    await digUntil(port, `a.b.${nestedName}`, 'A', (answer) => answer.values.length > 0)

    // The bare registered name, the nested domain's own apex, and the names its hosts pass through (b, z, y.z).
    for (const name of [
      aLabelName('清丰县空白域名'),
      nestedName,
      `b.${nestedName}`,
      `z.${nestedName}`,
      `y.z.${nestedName}`,
    ]) {
      const answer = await dig(port, name, 'A')
      expect(answer.status, name).toBe('NOERROR')
      expect(answer.answers, name).toEqual([])
      expect(answer.authority, name).toEqual([expect.stringMatching(/^SOA ns1\.conac\.cn\. /)])
    }
    expect((await dig(port, `y.z.${nestedName}`, 'TXT')).values).toEqual([])
    expect((await dig(port, `x.y.z.${nestedName}`, 'TXT')).values).toEqual(['"deep"'])
    // Beside and below the data there is still nothing.
    for (const name of [`c.b.${nestedName}`, `q.${nestedName}`, `b.${aLabelName('清丰县空白域名')}`]) {
      expect((await dig(port, name, 'A')).status, name).toBe('NXDOMAIN')
    }
  })

  it('answers the URL转发 A record with the forwarding service’s address', async () => {
    const domain = await registered('清丰县转发测试')
    await addRecord(domain.id, { host: 'go', type: 'URL_FORWARD', value: 'https://www.example.gov.cn/' })
    const answer = await digUntil(port, `go.${aLabelName('清丰县转发测试')}`, 'A', (a) => a.values.length > 0)
    expect(answer.values).toEqual([config.urlForwardServerIpv4])
    expect((await dig(port, `go.${aLabelName('清丰县转发测试')}`, 'TXT')).values).toEqual([])
  })

  it('raises the SOA serial on an edit and serves the edit within seconds', async () => {
    const domain = await registered('清丰县序号测试', 'GONGYI')
    const [id] = await addRecord(domain.id, { host: '@', type: 'A', value: '192.0.2.20' })
    const name = aLabelName('清丰县序号测试', '公益')
    await digUntil(port, name, 'A', (answer) => answer.values[0] === '192.0.2.20')
    // The served SOA catches up with the database's serial once PowerDNS's 1-second caches expire: wait for it.
    const before = await zoneSerial('GONGYI')
    const served = await digUntil(port, 'xn--55qw42g', 'SOA', (answer) => serialOf(answer) === before)
    expect(serialOf(served)).toBe(before)

    const update = await t.execute(UpdateRecord, { input: { id: String(id), value: '192.0.2.21' } }, { cookie })
    expect(update.errors).toBeUndefined()
    expect(await zoneSerial('GONGYI')).toBeGreaterThan(before)
    expect((await digUntil(port, name, 'A', (answer) => answer.values[0] === '192.0.2.21')).values).toEqual([
      '192.0.2.21',
    ])
    const after = await digUntil(port, 'xn--55qw42g', 'SOA', (answer) => serialOf(answer) > before)
    expect(serialOf(after)).toBeGreaterThan(before)
  })

  it('answers a 简繁 variant only when the unit chose that it resolves', async () => {
    const domain = await registered('清丰县政务公开')
    await addRecord(domain.id, { host: '@', type: 'A', value: '192.0.2.30' })
    const variant = '清豐縣政務公開'
    // Written directly (the variant reservation itself is the idn part's): a VARIANT row the unit has not chosen.
    const row = await t.db.prisma.domainName.create({
      data: {
        domainId: domain.id,
        suffix: 'ZHENGWU',
        uLabel: variant,
        aLabel: aLabelName(variant).split('.')[0]!,
        kind: 'VARIANT',
        resolves: false,
      },
    })
    await digUntil(port, aLabelName('清丰县政务公开'), 'A', (answer) => answer.values.length > 0)
    expect((await dig(port, aLabelName(variant), 'A')).status).toBe('NXDOMAIN')

    await t.db.prisma.domainName.update({ where: { id: row.id }, data: { resolves: true } })
    expect((await digUntil(port, aLabelName(variant), 'A', (answer) => answer.values.length > 0)).values).toEqual([
      '192.0.2.30',
    ])
  })

  it('keeps a change made while PowerDNS is down, says the publication is delayed, and serves it once back', async () => {
    const domain = await registered('清丰县发布延迟')
    const [id] = await addRecord(domain.id, { host: '@', type: 'A', value: '192.0.2.40' })
    const name = aLabelName('清丰县发布延迟')
    await digUntil(port, name, 'A', (answer) => answer.values[0] === '192.0.2.40')
    const state = async () =>
      (await t.execute(Publication, { id: String(domain.id) }, { cookie })).data?.domain?.dnsPublication
    await expect.poll(async () => (await state())?.state, { timeout: 30_000, interval: 250 }).toBe('PUBLISHED')

    await pdns!.stop()
    pdns = null
    const update = await t.execute(UpdateRecord, { input: { id: String(id), value: '192.0.2.41' } }, { cookie })
    expect(update.errors).toBeUndefined()
    const delayed = await state()
    expect(delayed).toMatchObject({ state: 'DELAYED', zone: 'xn--zfr164b', servedSerial: null })

    pdns = await startTestPowerDns(t.db, port)
    expect((await digUntil(port, name, 'A', (answer) => answer.values[0] === '192.0.2.41')).values).toEqual([
      '192.0.2.41',
    ])
    await expect.poll(async () => (await state())?.state, { timeout: 30_000, interval: 250 }).toBe('PUBLISHED')
  })
})

describe('without a DNS server configured', () => {
  it('reports NOT_CONFIGURED', { timeout: 120_000 }, async () => {
    const app = await createTestApp()
    try {
      const cookie = await app.login('qfzf')
      const unit = await app.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })
      const domain = await createDomain(app.db.prisma, { unitId: unit.id, status: 'REGISTERED' })
      const result = await app.execute(Publication, { id: String(domain.id) }, { cookie })
      expect(result.data?.domain?.dnsPublication).toMatchObject({ state: 'NOT_CONFIGURED', servedSerial: null })
    } finally {
      await app.close()
    }
  })
})
