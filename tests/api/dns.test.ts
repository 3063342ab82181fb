// 域名解析 through the API: unit users change their own registered domains' records; staff only read them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { config } from '../../server/src/config.ts'
import { graphql } from '../graphql/generated/index.ts'
import { createTestApp, errorCodes, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'

const DomainRecords = graphql(`
  query TestDnsDomainRecords($id: ID!) {
    domain(id: $id) {
      id
      dnsRecords {
        id
        host
        type
        value
        ttl
        priority
        forwardGroup
      }
    }
  }
`)

const AddRecord = graphql(`
  mutation TestAddDnsRecord($input: AddDnsRecordInput!) {
    addDnsRecord(input: $input) {
      id
      host
      type
      value
      ttl
      priority
      forwardGroup
    }
  }
`)

const UpdateRecord = graphql(`
  mutation TestUpdateDnsRecord($input: UpdateDnsRecordInput!) {
    updateDnsRecord(input: $input) {
      id
      host
      type
      value
      ttl
      priority
      forwardGroup
    }
  }
`)

const DeleteRecord = graphql(`
  mutation TestDeleteDnsRecord($id: ID!) {
    deleteDnsRecord(id: $id)
  }
`)

let t: TestApp
let qfzf: string
let qfzfUnitId: number
let qfyyUnitId: number

beforeAll(async () => {
  t = await createTestApp()
  qfzf = await t.login('qfzf')
  qfzfUnitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
  qfyyUnitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民医院' } })).id
})
afterAll(() => t?.close())

async function registeredDomain(unitId = qfzfUnitId) {
  return String((await createDomain(t.db.prisma, { unitId, status: 'REGISTERED' })).id)
}

async function recordCount(domainId: string) {
  return t.db.prisma.dnsRecord.count({ where: { domainId: Number(domainId) } })
}

async function add(
  domainId: string,
  input: {
    host: string
    type: 'A' | 'AAAA' | 'CNAME' | 'MX' | 'TXT' | 'URL_FORWARD'
    value: string
    ttl?: number
    priority?: number
  },
  cookie = qfzf,
) {
  return t.execute(AddRecord, { input: { domainId, ...input } }, { cookie })
}

describe('adding, changing and deleting records', () => {
  it.each([
    [
      { host: '@', type: 'A', value: '1.2.3.4' },
      { host: '@', value: '1.2.3.4', ttl: 600, priority: null },
    ],
    [
      { host: 'WWW', type: 'AAAA', value: '2001:DB8::1', ttl: 3600 },
      { host: 'www', value: '2001:db8::1', ttl: 3600, priority: null },
    ],
    [
      { host: 'web', type: 'CNAME', value: 'site.example.gov.cn' },
      { host: 'web', value: 'site.example.gov.cn', ttl: 600, priority: null },
    ],
    [
      { host: '@', type: 'MX', value: 'mail.example.gov.cn', priority: 10 },
      { host: '@', value: 'mail.example.gov.cn', ttl: 600, priority: 10 },
    ],
    [
      { host: '@', type: 'TXT', value: 'v=spf1 -all' },
      { host: '@', value: 'v=spf1 -all', ttl: 600, priority: null },
    ],
  ] as const)('adds, updates and deletes %j', async (input, expected) => {
    const domainId = await registeredDomain()
    const added = await add(domainId, input)
    expect(added.errors).toBeUndefined()
    expect(added.data!.addDnsRecord).toHaveLength(1)
    const record = added.data!.addDnsRecord[0]!
    expect(record).toMatchObject({ ...expected, type: input.type, forwardGroup: null })

    const updated = await t.execute(UpdateRecord, { input: { id: record.id, host: 'new', ttl: 120 } }, { cookie: qfzf })
    expect(updated.errors).toBeUndefined()
    expect(updated.data!.updateDnsRecord).toMatchObject({ id: record.id, host: 'new', ttl: 120, value: expected.value })

    const read = await t.execute(DomainRecords, { id: domainId }, { cookie: qfzf })
    expect(read.data!.domain.dnsRecords.map((r) => r.id)).toEqual([record.id])

    const deleted = await t.execute(DeleteRecord, { id: record.id }, { cookie: qfzf })
    expect(deleted.data!.deleteDnsRecord).toEqual([record.id])
    expect(await recordCount(domainId)).toBe(0)
  })

  it('changes the value of an A record and lists records by host and type', async () => {
    const domainId = await registeredDomain()
    const a = (await add(domainId, { host: 'www', type: 'A', value: '1.2.3.4' })).data!.addDnsRecord[0]!
    await add(domainId, { host: '@', type: 'TXT', value: 'hello' })
    await add(domainId, { host: '@', type: 'A', value: '5.6.7.8' })
    const updated = await t.execute(UpdateRecord, { input: { id: a.id, value: '9.9.9.9' } }, { cookie: qfzf })
    expect(updated.data!.updateDnsRecord.value).toBe('9.9.9.9')
    const read = await t.execute(DomainRecords, { id: domainId }, { cookie: qfzf })
    expect(read.data!.domain.dnsRecords.map((r) => `${r.host} ${r.type}`)).toEqual(['@ A', '@ TXT', 'www A'])
  })
})

describe('URL转发', () => {
  it('creates two records sharing one forwardGroup, changes only the URL, and deletes both together', async () => {
    const domainId = await registeredDomain()
    const added = await add(domainId, { host: '@', type: 'URL_FORWARD', value: 'http://www.qingfeng.gov.cn' })
    expect(added.errors).toBeUndefined()
    const records = added.data!.addDnsRecord
    expect(records.map((r) => [r.host, r.type])).toEqual([
      ['@', 'URL_FORWARD'],
      ['@', 'A'],
    ])
    expect(records[0]!.forwardGroup).toMatch(/^[0-9a-f-]{36}$/)
    expect(records[1]!.forwardGroup).toBe(records[0]!.forwardGroup)
    expect(records[1]!.value).toBe(config.urlForwardServerIpv4)

    const updated = await t.execute(
      UpdateRecord,
      { input: { id: records[0]!.id, value: 'https://new.qingfeng.gov.cn' } },
      { cookie: qfzf },
    )
    expect(updated.data!.updateDnsRecord.value).toBe('https://new.qingfeng.gov.cn')
    const aRecord = await t.db.prisma.dnsRecord.findUniqueOrThrow({ where: { id: Number(records[1]!.id) } })
    expect(aRecord.value).toBe(config.urlForwardServerIpv4)

    // The generated A record cannot be edited on its own, nor can an address be added beside the forward.
    expect(
      errorCodes(await t.execute(UpdateRecord, { input: { id: records[1]!.id, value: '1.1.1.1' } }, { cookie: qfzf })),
    ).toEqual(['CONFLICT'])
    expect(errorCodes(await add(domainId, { host: '@', type: 'A', value: '1.1.1.1' }))).toEqual(['CONFLICT'])

    // Deleting the A record takes the forward with it.
    const deleted = await t.execute(DeleteRecord, { id: records[1]!.id }, { cookie: qfzf })
    expect([...deleted.data!.deleteDnsRecord].sort()).toEqual(records.map((r) => r.id).sort())
    expect(await recordCount(domainId)).toBe(0)
  })

  it('moving a forward to another host moves its A record along', async () => {
    const domainId = await registeredDomain()
    const records = (await add(domainId, { host: '@', type: 'URL_FORWARD', value: 'https://example.gov.cn' })).data!
      .addDnsRecord
    const moved = await t.execute(
      UpdateRecord,
      { input: { id: records[0]!.id, host: 'www', ttl: 300 } },
      { cookie: qfzf },
    )
    expect(moved.errors).toBeUndefined()
    const rows = await t.db.prisma.dnsRecord.findMany({ where: { domainId: Number(domainId) }, orderBy: { id: 'asc' } })
    expect(rows.map((r) => [r.type, r.host, r.ttl])).toEqual([
      ['URL_FORWARD', 'www', 300],
      ['A', 'www', 300],
    ])
  })

  it('deleting the forward record removes its A record too', async () => {
    const domainId = await registeredDomain()
    const records = (await add(domainId, { host: 'www', type: 'URL_FORWARD', value: 'https://example.gov.cn' })).data!
      .addDnsRecord
    await add(domainId, { host: 'mail', type: 'A', value: '1.2.3.4' })
    await t.execute(DeleteRecord, { id: records[0]!.id }, { cookie: qfzf })
    const left = await t.db.prisma.dnsRecord.findMany({ where: { domainId: Number(domainId) } })
    expect(left.map((r) => r.host)).toEqual(['mail'])
  })
})

describe('conflicts and bad input', () => {
  it('refuses a CNAME on a host that has records, and any record on a host with a CNAME', async () => {
    const domainId = await registeredDomain()
    await add(domainId, { host: 'www', type: 'A', value: '1.2.3.4' })
    const cname = await add(domainId, { host: 'www', type: 'CNAME', value: 'x.example.gov.cn' })
    expect(errorCodes(cname)).toEqual(['CONFLICT'])

    await add(domainId, { host: 'web', type: 'CNAME', value: 'x.example.gov.cn' })
    const txt = await add(domainId, { host: 'web', type: 'TXT', value: 'hello' })
    expect(errorCodes(txt)).toEqual(['CONFLICT'])
    expect(txt.errors![0]!.message).toContain('该主机记录已有 CNAME 记录')

    // Moving a record onto the CNAME's host is refused too.
    const mover = (await add(domainId, { host: 'other', type: 'TXT', value: 'x' })).data!.addDnsRecord[0]!
    expect(
      errorCodes(await t.execute(UpdateRecord, { input: { id: mover.id, host: 'web' } }, { cookie: qfzf })),
    ).toEqual(['CONFLICT'])
    expect(await recordCount(domainId)).toBe(3)
  })

  it('refuses an identical duplicate', async () => {
    const domainId = await registeredDomain()
    await add(domainId, { host: '@', type: 'A', value: '1.2.3.4' })
    expect(errorCodes(await add(domainId, { host: '@', type: 'A', value: '1.2.3.4' }))).toEqual(['CONFLICT'])
    expect(await recordCount(domainId)).toBe(1)
  })

  it.each([
    [{ host: 'a..b', type: 'A', value: '1.2.3.4' }, { host: '主机记录格式不正确' }],
    [{ host: '@', type: 'A', value: '256.1.1.1' }, { value: 'IPv4 地址格式不正确' }],
    [{ host: '@', type: 'A', value: '01.2.3.4' }, { value: 'IPv4 地址格式不正确' }],
    [{ host: '@', type: 'A', value: '1.2.3.4', ttl: 59 }, { ttl: 'TTL 应在 60 到 86400 之间' }],
    [{ host: '@', type: 'MX', value: 'mail.example.gov.cn' }, { priority: expect.any(String) }],
    [{ host: '@', type: 'URL_FORWARD', value: 'ftp://example.gov.cn' }, { value: expect.any(String) }],
  ] as const)('refuses %j with BAD_USER_INPUT and writes nothing', async (input, fields) => {
    const domainId = await registeredDomain()
    await add(domainId, { host: 'keep', type: 'A', value: '1.2.3.4' })
    const result = await add(domainId, input)
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(result.errors![0]!.extensions!.fields).toEqual(fields)
    expect(await recordCount(domainId)).toBe(1)
  })

  it('refuses a malformed update and leaves the record as it was', async () => {
    const domainId = await registeredDomain()
    const record = (await add(domainId, { host: '@', type: 'A', value: '1.2.3.4' })).data!.addDnsRecord[0]!
    const result = await t.execute(
      UpdateRecord,
      { input: { id: record.id, value: '1.2.3', ttl: 86401 } },
      { cookie: qfzf },
    )
    expect(errorCodes(result)).toEqual(['BAD_USER_INPUT'])
    expect(Object.keys(result.errors![0]!.extensions!.fields as object).sort()).toEqual(['ttl', 'value'])
    expect((await t.db.prisma.dnsRecord.findUniqueOrThrow({ where: { id: Number(record.id) } })).value).toBe('1.2.3.4')
  })

  it('refuses a domain that is not registered', async () => {
    const pending = String(
      (await createDomain(t.db.prisma, { unitId: qfzfUnitId, status: 'PENDING_OFFICE_REVIEW' })).id,
    )
    const result = await add(pending, { host: '@', type: 'A', value: '1.2.3.4' })
    expect(errorCodes(result)).toEqual(['CONFLICT'])
    expect(result.errors![0]!.message).toContain('注册成功')
    expect(await recordCount(pending)).toBe(0)
  })
})

describe('who may do what', () => {
  it('a unit user of another unit gets NOT_FOUND for the domain and its records', async () => {
    const domainId = await registeredDomain()
    const record = (await add(domainId, { host: '@', type: 'A', value: '1.2.3.4' })).data!.addDnsRecord[0]!
    const qfyy = await t.login('qfyy')
    expect(errorCodes(await add(domainId, { host: 'x', type: 'A', value: '1.2.3.4' }, qfyy))).toEqual(['NOT_FOUND'])
    expect(
      errorCodes(await t.execute(UpdateRecord, { input: { id: record.id, value: '5.6.7.8' } }, { cookie: qfyy })),
    ).toEqual(['NOT_FOUND'])
    expect(errorCodes(await t.execute(DeleteRecord, { id: record.id }, { cookie: qfyy }))).toEqual(['NOT_FOUND'])
    expect(errorCodes(await t.execute(DomainRecords, { id: domainId }, { cookie: qfyy }))).toEqual(['NOT_FOUND'])
    expect(await recordCount(domainId)).toBe(1)

    // ...and may manage its own.
    const own = await registeredDomain(qfyyUnitId)
    expect((await add(own, { host: '@', type: 'A', value: '1.2.3.4' }, qfyy)).errors).toBeUndefined()
  })

  it.each(['qingfeng', 'conac'])('%s reads the records but cannot change them (FORBIDDEN)', async (username) => {
    const domainId = await registeredDomain()
    const record = (await add(domainId, { host: '@', type: 'A', value: '1.2.3.4' })).data!.addDnsRecord[0]!
    const cookie = await t.login(username)
    const read = await t.execute(DomainRecords, { id: domainId }, { cookie })
    expect(read.data!.domain.dnsRecords.map((r) => r.value)).toEqual(['1.2.3.4'])
    expect(errorCodes(await add(domainId, { host: 'x', type: 'A', value: '1.2.3.4' }, cookie))).toEqual(['FORBIDDEN'])
    expect(
      errorCodes(await t.execute(UpdateRecord, { input: { id: record.id, value: '5.6.7.8' } }, { cookie })),
    ).toEqual(['FORBIDDEN'])
    expect(errorCodes(await t.execute(DeleteRecord, { id: record.id }, { cookie }))).toEqual(['FORBIDDEN'])
    expect(await recordCount(domainId)).toBe(1)
  })
})

describe('audit', () => {
  it('writes a row with before and after for every change', async () => {
    const domainId = await registeredDomain()
    const record = (await add(domainId, { host: '@', type: 'A', value: '1.2.3.4' })).data!.addDnsRecord[0]!
    await t.execute(UpdateRecord, { input: { id: record.id, value: '5.6.7.8' } }, { cookie: qfzf })
    await t.execute(DeleteRecord, { id: record.id }, { cookie: qfzf })
    const rows = await t.db.prisma.auditLog.findMany({
      where: { subjectType: 'DnsRecord', subjectId: record.id },
      orderBy: { id: 'asc' },
    })
    expect(rows.map((row) => row.action)).toEqual(['dnsRecord.add', 'dnsRecord.update', 'dnsRecord.delete'])
    expect(rows[0]).toMatchObject({ before: null, after: { value: '1.2.3.4', host: '@', type: 'A' } })
    expect(rows[1]).toMatchObject({ before: { value: '1.2.3.4' }, after: { value: '5.6.7.8' } })
    expect(rows[2]).toMatchObject({ before: { value: '5.6.7.8' }, after: null })
    const unit = await t.db.prisma.unit.findUniqueOrThrow({ where: { id: qfzfUnitId }, include: { region: true } })
    expect(rows.every((row) => row.regionPath === unit.region.path)).toBe(true)
    const user = await t.db.prisma.user.findFirstOrThrow({ where: { username: 'qfzf' } })
    expect(rows.every((row) => row.actorUserId === user.id)).toBe(true)
  })

  it('audits both records of a URL forward', async () => {
    const domainId = await registeredDomain()
    const records = (await add(domainId, { host: '@', type: 'URL_FORWARD', value: 'http://x.gov.cn' })).data!
      .addDnsRecord
    await t.execute(DeleteRecord, { id: records[0]!.id }, { cookie: qfzf })
    const rows = await t.db.prisma.auditLog.findMany({
      where: { subjectType: 'DnsRecord', subjectId: { in: records.map((r) => r.id) } },
    })
    expect(rows.map((row) => row.action).sort()).toEqual([
      'dnsRecord.add',
      'dnsRecord.add',
      'dnsRecord.delete',
      'dnsRecord.delete',
    ])
  })
})
