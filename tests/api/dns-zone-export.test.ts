// The zone in RFC 1035 master-file text (modules/dns/publication/zoneFile.ts), read from the view PowerDNS serves:
// how the zones are handed on without PowerDNS (DNS_SERVER=none, the default). BIND's named-checkzone
// (bind9-utils) must accept it, with records of every type, Chinese TXT and the URL转发's A record. Both databases.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { domainToASCII } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { renderZoneFile } from '../../server/src/modules/dns/publication/zoneFile.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'

const NAMED_CHECKZONE = '/usr/bin/named-checkzone'
const missing = existsSync(NAMED_CHECKZONE) ? null : `${NAMED_CHECKZONE} is missing (apt-get install bind9-utils)`
if (missing) console.warn(`[dns-zone-export] named-checkzone tests skipped: ${missing}`)

let t: TestApp
let dir: string

beforeAll(async () => {
  t = await createTestApp()
  dir = mkdtempSync(path.join(tmpdir(), 'conac-zone-'))
  const unit = await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })
  const shown = await createDomain(t.db.prisma, { unitId: unit.id, name: '清丰县区划地名', status: 'REGISTERED' })
  const hidden = await createDomain(t.db.prisma, { unitId: unit.id, name: '清丰县尚未审核', status: 'CONAC_APPROVED' })
  // Names that exist without records (a bare registered name; b above a.b) are rows of type NULL in the view.
  await createDomain(t.db.prisma, { unitId: unit.id, name: '清丰县空白域名', status: 'REGISTERED' })
  const records = [
    { host: '@', type: 'A', value: '192.0.2.1' },
    { host: '@', type: 'AAAA', value: '2001:db8::1' },
    { host: 'www', type: 'CNAME', value: 'site.example.gov.cn' },
    { host: '@', type: 'MX', value: 'mail.example.gov.cn', priority: 5 },
    { host: '@', type: 'TXT', value: '网站验证 "quoted" back\\slash' },
    { host: '*', type: 'A', value: '192.0.2.2' },
    {
      host: 'go',
      type: 'URL_FORWARD',
      value: 'https://www.example.gov.cn/',
      forwardRedirect: 'TEMPORARY',
      forwardKeepPath: false,
    },
    { host: 'go', type: 'A', value: '203.0.113.80' },
    { host: 'a.b', type: 'A', value: '192.0.2.3' },
  ] as const
  for (const record of records) await t.db.prisma.dnsRecord.create({ data: { domainId: shown.id, ...record } })
  await t.db.prisma.dnsRecord.create({ data: { domainId: hidden.id, host: '@', type: 'A', value: '192.0.2.99' } })
}, 120_000)
afterAll(async () => {
  rmSync(dir, { recursive: true, force: true })
  await t?.close()
})

describe('zone export', () => {
  it('holds the apex, every published record, and nothing of names not registered', async () => {
    const text = await renderZoneFile(t.db.prisma, 'ZHENGWU')
    const name = domainToASCII('清丰县区划地名.政务')
    const serial = (await t.db.prisma.dnsZone.findUniqueOrThrow({ where: { suffix: 'ZHENGWU' } })).serial
    expect(text).toContain(`xn--zfr164b.\t3600\tIN\tSOA\tns1.conac.cn. hostmaster.conac.cn. ${serial} `)
    expect(text).toContain('xn--zfr164b.\t86400\tIN\tNS\tns1.conac.cn.')
    expect(text).toContain(`${name}.\t600\tIN\tA\t192.0.2.1`)
    expect(text).toContain(`${name}.\t600\tIN\tMX\t5 mail.example.gov.cn.`)
    expect(text).toContain(`www.${name}.\t600\tIN\tCNAME\tsite.example.gov.cn.`)
    expect(text).toContain(`*.${name}.\t600\tIN\tA\t192.0.2.2`)
    expect(text).toContain(`go.${name}.\t600\tIN\tA\t203.0.113.80`)
    expect(text).toContain(`a.b.${name}.\t600\tIN\tA\t192.0.2.3`)
    expect(text).not.toContain('URL_FORWARD')
    expect(text, 'empty non-terminals are not records').not.toMatch(/\tnull|\tIN\t\t/)
    expect(text).not.toContain('192.0.2.99')
    expect(text).not.toContain(domainToASCII('清丰县尚未审核.政务'))
    expect(/^[\x20-\x7e\t\n]*$/.test(text), 'plain ASCII').toBe(true)
  })

  it('looks every name up through records_named exactly as the view names it (what PowerDNS asks by)', async () => {
    const names = await t.db.prisma.$queryRaw<{ name: string }[]>`SELECT DISTINCT "name" FROM "pdns"."records"`
    const name = domainToASCII('清丰县区划地名.政务')
    const asked = [...names.map((row) => row.name), `x.${name}`, `c.b.${name}`, 'xn--nx-bench.xn--zfr164b', 'nx']
    expect(asked).toEqual(expect.arrayContaining([`b.${name}`, `*.${name}`, domainToASCII('清丰县空白域名.政务')]))
    for (const qname of asked) {
      const rows = (query: 'view' | 'split') =>
        query === 'view'
          ? t.db.prisma.$queryRaw`SELECT "type", "content" FROM "pdns"."records" WHERE "name" = ${qname} ORDER BY 1, 2`
          : t.db.prisma.$queryRaw`SELECT "type", "content" FROM "pdns"."records_named"(${qname}) ORDER BY 1, 2`
      expect(await rows('split'), qname).toEqual(await rows('view'))
    }
  })

  it.skipIf(missing !== null)('passes named-checkzone for both zones', async () => {
    for (const [suffix, zone] of [
      ['ZHENGWU', 'xn--zfr164b'],
      ['GONGYI', 'xn--55qw42g'],
    ] as const) {
      const file = path.join(dir, `${zone}.zone`)
      writeFileSync(file, await renderZoneFile(t.db.prisma, suffix))
      const { stdout } = await promisify(execFile)(NAMED_CHECKZONE, ['-i', 'local', '-k', 'fail', zone, file])
      expect(stdout).toMatch(/\nOK\n?$/)
    }
  })

  it.skipIf(missing !== null)(
    'a CNAME beside other data is what named-checkzone refuses (the check is real)',
    async () => {
      const file = path.join(dir, 'broken.zone')
      const text = await renderZoneFile(t.db.prisma, 'ZHENGWU')
      const name = domainToASCII('清丰县区划地名.政务')
      writeFileSync(file, `${text}${name}.\t600\tIN\tCNAME\tother.example.\n`)
      await expect(
        promisify(execFile)(NAMED_CHECKZONE, ['-i', 'local', '-k', 'fail', 'xn--zfr164b', file]),
      ).rejects.toThrow()
    },
  )
})
