// DNSSEC (issue 18, beyond): PowerDNS signs the registry's zones. pdnsutil puts a key into pdns.cryptokeys (a real
// table) and NSEC3 narrow into pdns.domainmetadata (signZones); records still come from the views, which compute
// auth and cannot be rectified, so denials are NSEC3 white lies computed per answer. `dig +dnssec` must show an
// RRSIG over a registered name's A record and over the SOA, and an NSEC3 denial for a name that does not exist or
// has no data, and delv (bind9-dnsutils) must validate answers and denials from the zone's key down.
// dns-publication.test.ts covers the same server without keys. PostgreSQL only.
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { domainToASCII } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningPowerDns } from '../../server/src/modules/dns/publication/powerdns.ts'
import { createTestApp, type TestApp } from '../testkit/app.ts'
import { createDomain } from '../testkit/fixtures.ts'
import {
  dig,
  digUntil,
  freeDnsPort,
  powerDnsUnavailable,
  signTestZones,
  startTestPowerDns,
} from '../testkit/powerdns.ts'

const unavailable = powerDnsUnavailable()
if (unavailable) console.warn(`[dns-dnssec] skipped: ${unavailable}`)

let t: TestApp
let pdns: RunningPowerDns | null = null
let port: number
let unitId: number
let dir: string
const DELV = '/usr/bin/delv'

const types = (records: string[]) => records.map((record) => record.split(' ')[0])

describe.skipIf(unavailable !== null)('PowerDNS signs the registry’s zones', { timeout: 120_000 }, () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'conac-dnssec-'))
    port = await freeDnsPort()
    t = await createTestApp({ dnsServer: { address: '127.0.0.1', port } })
    expect(await signTestZones(t.db, port)).toEqual(['xn--zfr164b', 'xn--55qw42g'])
    pdns = await startTestPowerDns(t.db, port)
    unitId = (await t.db.prisma.unit.findFirstOrThrow({ where: { name: '清丰县人民政府办公室' } })).id
  }, 120_000)
  afterAll(async () => {
    await pdns?.stop()
    await t?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('publishes a DNSKEY and signs the SOA at the apex of both zones', async () => {
    for (const zone of ['xn--zfr164b', 'xn--55qw42g']) {
      expect((await dig(port, zone, 'DNSKEY')).values, zone).toEqual([expect.stringMatching(/^257 3 13 /)])
      const soa = await dig(port, zone, 'SOA', { dnssec: true })
      expect(soa.status).toBe('NOERROR')
      expect(soa.answers, zone).toContainEqual(
        expect.stringMatching(new RegExp(`^RRSIG SOA 13 1 3600 \\d+ \\d+ \\d+ ${zone}\\. `)),
      )
    }
  })

  it('signs the A record of a registered name', async () => {
    const domain = await createDomain(t.db.prisma, { unitId, name: '清丰县签名测试', status: 'REGISTERED' })
    await t.db.prisma.dnsRecord.create({ data: { domainId: domain.id, host: '@', type: 'A', value: '192.0.2.70' } })
    const name = domainToASCII('清丰县签名测试.政务')
    const answer = await digUntil(port, name, 'A', (a) => a.values.length > 0)
    expect(answer.values).toEqual(['192.0.2.70'])
    const signed = (await dig(port, name, 'A', { dnssec: true })).answers
    expect(signed).toHaveLength(2)
    expect(signed).toContain('A 192.0.2.70')
    expect(signed).toContainEqual(expect.stringMatching(/^RRSIG A 13 2 600 \d+ \d+ \d+ xn--zfr164b\. /))
  })

  it('denies a name that does not exist, and data a name does not have, with signed NSEC3', async () => {
    await createDomain(t.db.prisma, { unitId, name: '清丰县签名空白', status: 'REGISTERED' })
    for (const [name, status] of [
      [domainToASCII('清丰县从未注册签名.政务'), 'NXDOMAIN'],
      [domainToASCII('清丰县签名空白.政务'), 'NOERROR'],
    ] as const) {
      const answer = await dig(port, name, 'A', { dnssec: true })
      expect(answer.status, name).toBe(status)
      expect(answer.answers, name).toEqual([])
      expect(types(answer.authority), name).toEqual(expect.arrayContaining(['SOA', 'RRSIG', 'NSEC3']))
      // Narrow mode: the NSEC3 covers the hash of the name itself (a white lie), with RFC 9276's parameters.
      expect(answer.authority, name).toContainEqual(expect.stringMatching(/^NSEC3 1 0 0 - /))
    }
  })

  it.skipIf(!existsSync(DELV))('validates with delv, the zone’s DNSKEY as trust anchor: data and denials', async () => {
    const domain = await createDomain(t.db.prisma, { unitId, name: '清丰县验证测试', status: 'REGISTERED' })
    await t.db.prisma.dnsRecord.create({ data: { domainId: domain.id, host: 'www', type: 'A', value: '192.0.2.71' } })
    const name = domainToASCII('清丰县验证测试.政务')
    await digUntil(port, `www.${name}`, 'A', (a) => a.values.length > 0)
    const [key] = (await dig(port, 'xn--zfr164b', 'DNSKEY')).values
    const [flags, protocol, algorithm, ...base64] = key!.split(' ')
    const anchors = path.join(dir, 'anchors.conf')
    writeFileSync(
      anchors,
      `trust-anchors { xn--zfr164b. static-key ${flags} ${protocol} ${algorithm} "${base64.join('')}"; };\n`,
    )
    const delv = async (qname: string, type: string) => {
      const args = ['@127.0.0.1', '-p', String(port), '-a', anchors, '+root=xn--zfr164b', qname, type]
      // delv exits 1 on a negative answer; its verdict is on stdout either way.
      const result = await promisify(execFile)(DELV, args, { timeout: 20_000 }).catch((error: { stdout?: string }) => ({
        stdout: error.stdout ?? '',
      }))
      return result.stdout
    }
    expect(await delv(`www.${name}`, 'A')).toMatch(/^; fully validated\n\S+\s+600\s+IN\s+A\s+192\.0\.2\.71$/m)
    expect(await delv('xn--zfr164b', 'SOA')).toMatch(/^; fully validated$/m)
    expect(await delv(domainToASCII('清丰县从未注册签名.政务'), 'A')).toMatch(/^; negative response, fully validated$/m)
    expect(await delv(name, 'A')).toMatch(/^; negative response, fully validated$/m) // NODATA: only www has data
    expect(await delv(`x.www.${name}`, 'A')).toMatch(/^; negative response, fully validated$/m)
  })

  it('leaves signed zones alone at the next start', async () => {
    expect(await signTestZones(t.db, port)).toEqual([])
  })
})
