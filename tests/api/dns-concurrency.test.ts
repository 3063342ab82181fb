// DNS saves racing each other (on PostgreSQL, TEST_DATABASE_URL, they really overlap: testkit/raceGate holds them at
// their first write until all have checked; on PGlite they run one after the other). Two forwards saved at once on
// two domains, each to the other's name, would form a loop that neither check saw: one is refused with
// FORWARD_LOOP. Conflicting adds on one host (a CNAME and an A; adds past the records-per-name limit) leave a zone
// that is still valid; two edits of one record both take effect.
import { domainToASCII } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { lookupUrlForward } from '../../server/src/http/urlForwardLookup.ts'
import { MAX_RECORDS_PER_HOST } from '../../server/src/modules/dns/validation.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import { raceAtFirstWrite } from '../testkit/raceGate.ts'

const AddRecord = graphql(`
  mutation TestDnsRaceAdd($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
    }
  }
`)

const UpdateRecord = graphql(`
  mutation TestDnsRaceUpdate($input: UpdateDnsRecordInput!) {
    updateDnsRecord(input: $input) {
      id
    }
  }
`)

let t: TestApp
let qfzf: string
let unitId: number

beforeAll(async () => {
  t = await createTestApp({ poolSize: 12 })
  qfzf = await t.login('qfzf')
  unitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
})
afterAll(() => t?.close())

let serial = 0
async function registeredDomain() {
  const name = `清丰县并发测试${'甲乙丙丁戊己庚辛壬癸'[serial++ % 10]}${serial}`
  const domain = await createDomain(t.db.prisma, { unitId, status: 'REGISTERED', name })
  return { id: String(domain.id), aName: domainToASCII(`${name}.政务`) }
}

type Add = { domainId: string; host: string; type: 'A' | 'CNAME' | 'URL_FORWARD'; value: string }
const add = (input: Add) => t.execute(AddRecord, { input }, { cookie: qfzf })
const update = (input: { id: string; value?: string; ttl?: number }) =>
  t.execute(UpdateRecord, { input }, { cookie: qfzf })

function outcomes(results: { errors?: { extensions?: Record<string, unknown> }[] }[]) {
  return results.map((result) => result.errors?.[0]?.extensions?.reason ?? result.errors?.[0]?.extensions?.code ?? 'OK')
}

async function lookup(aName: string) {
  return (await lookupUrlForward(t.db.prisma, aName)).kind
}

describe('URL转发 saved at once on two domains, each to the other', () => {
  it(
    'adds: one is saved, the other refused with FORWARD_LOOP, and neither name loops',
    { timeout: 180_000 },
    async () => {
      const one = await registeredDomain()
      const two = await registeredDomain()
      const results = await raceAtFirstWrite(t.db, { table: 'dns_records', waiting: 2 }, () => [
        add({ domainId: one.id, host: '@', type: 'URL_FORWARD', value: `https://${two.aName}/` }),
        add({ domainId: two.id, host: '@', type: 'URL_FORWARD', value: `https://${one.aName}/` }),
      ])
      expect(outcomes(results).sort()).toEqual(['FORWARD_LOOP', 'OK'])
      expect([await lookup(one.aName), await lookup(two.aName)]).not.toContain('loop')
    },
  )

  it('updates: the same', { timeout: 180_000 }, async () => {
    const one = await registeredDomain()
    const two = await registeredDomain()
    const forwards: string[] = []
    for (const domain of [one, two]) {
      const added = await add({ domainId: domain.id, host: '@', type: 'URL_FORWARD', value: 'https://example.gov.cn/' })
      expect(added.errors).toBeUndefined()
      forwards.push(added.data!.addDnsRecord[0]!.id)
    }
    const results = await raceAtFirstWrite(t.db, { table: 'dns_records', waiting: 2 }, () => [
      update({ id: forwards[0]!, value: `https://${two.aName}/` }),
      update({ id: forwards[1]!, value: `https://${one.aName}/` }),
    ])
    expect(outcomes(results).sort()).toEqual(['FORWARD_LOOP', 'OK'])
    expect([await lookup(one.aName), await lookup(two.aName)]).not.toContain('loop')
  })
})

describe('conflicting adds on one host at once', () => {
  it(
    'a CNAME and an A: one is refused, the host never holds a CNAME beside other data',
    { timeout: 180_000 },
    async () => {
      const domain = await registeredDomain()
      const results = await raceAtFirstWrite(t.db, { table: 'dns_records', waiting: 2 }, () => [
        add({ domainId: domain.id, host: 'www', type: 'CNAME', value: 'www.qingfeng.gov.cn' }),
        add({ domainId: domain.id, host: 'www', type: 'A', value: '192.0.2.10' }),
      ])
      expect(outcomes(results).sort()).toEqual(['CONFLICT', 'OK'])
      expect(await t.db.prisma.dnsRecord.count({ where: { domainId: Number(domain.id), host: 'www' } })).toBe(1)
    },
  )

  it('adds past the records-per-name limit: the host ends with exactly the limit', { timeout: 180_000 }, async () => {
    const domain = await registeredDomain()
    const room = 2
    await t.db.prisma.dnsRecord.createMany({
      data: Array.from({ length: MAX_RECORDS_PER_HOST - room }, (_, i) => ({
        domainId: Number(domain.id),
        host: 'www',
        type: 'A' as const,
        value: `192.0.2.${i + 1}`,
        ttl: 600,
      })),
    })
    const racing = 5
    const results = await raceAtFirstWrite(t.db, { table: 'dns_records', waiting: racing }, () =>
      Array.from({ length: racing }, (_, i) =>
        add({ domainId: domain.id, host: 'www', type: 'A', value: `198.51.100.${i + 1}` }),
      ),
    )
    expect(outcomes(results).filter((outcome) => outcome === 'OK')).toHaveLength(room)
    expect(outcomes(results).filter((outcome) => outcome === 'CONFLICT')).toHaveLength(racing - room)
    expect(await t.db.prisma.dnsRecord.count({ where: { domainId: Number(domain.id), host: 'www' } })).toBe(
      MAX_RECORDS_PER_HOST,
    )
  })
})

describe('two edits of one record at once', () => {
  it('both take effect: neither writes back what it read before the other saved', { timeout: 180_000 }, async () => {
    const domain = await registeredDomain()
    const added = await add({ domainId: domain.id, host: 'www', type: 'A', value: '192.0.2.1' })
    const id = added.data!.addDnsRecord[0]!.id
    const results = await raceAtFirstWrite(t.db, { table: 'dns_records', waiting: 2 }, () => [
      update({ id, value: '192.0.2.99' }),
      update({ id, ttl: 3600 }),
    ])
    expect(outcomes(results)).toEqual(['OK', 'OK'])
    expect(await t.db.prisma.dnsRecord.findUniqueOrThrow({ where: { id: Number(id) } })).toMatchObject({
      value: '192.0.2.99',
      ttl: 3600,
    })
    expect(await t.db.prisma.dnsRecordChange.count({ where: { domainId: Number(domain.id) } })).toBe(3)
  })
})
