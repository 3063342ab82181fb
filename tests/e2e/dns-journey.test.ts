// Issue 18's "done when" in a real browser: a name registered through the portal answers `dig` from the project's own
// PowerDNS, and its URL转发 redirects through the project's forwarding server. The file starts a stack of its own, as
// production runs it: a fresh PostgreSQL database on the TEST_DATABASE_URL server, the API on it with
// DNS_SERVER=powerdns (the API starts pdns_server on a free port), the built portal and the URL转发 server. qfzf
// applies for a .政务 name, qingfeng and CONAC approve it, qingfeng collects and remits, CONAC's 认款 registers it;
// qfzf adds an A record for www and a URL转发 for go on the DNS page, which then says 已发布; dig answers both by
// A-label and U-label, the forwarder redirects go.<A-label>, and a deleted record is gone from DNS within seconds.
// Skipped (with the reason printed) only where PowerDNS or PostgreSQL is missing; .ci/run has both.
// Screenshots: tests/.artifacts/screenshots/dns-journey-*.png.
import { domainToASCII } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { confirmInDialog } from '../testkit/confirmDialog.ts'
import { DESKTOP, PHONE, rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import {
  applyForDomainInPortal,
  approveDomainInPortal,
  collectFeeInPortal,
  confirmRemittanceInPortal,
  remitThisWeekInPortal,
} from '../testkit/portalFeePath.ts'
import { dig, digUntil, freeDnsPort, POWERDNS_BINARY, powerDnsUnavailable } from '../testkit/powerdns.ts'
import { startOwnPostgresStack, type OwnStack } from '../testkit/ownStack.ts'
import { rawRequest } from '../testkit/rawHttp.ts'

const unavailable = powerDnsUnavailable()
if (unavailable) console.warn(`[dns-journey] skipped: ${unavailable}`)

const UNIT = '清丰县人民政府办公室'
const OFFICE = '河南省濮阳市清丰县机构编制委员会办公室'
const NAME = '清丰解析旅程'
const FULL_NAME = `${NAME}.政务`
const A_LABEL = domainToASCII(FULL_NAME)
const WEB_SERVER = '202.96.134.133'
const FORWARD_TARGET = 'https://www.example.gov.cn/portal'

let own: OwnStack | undefined
let dnsPort: number

beforeAll(async () => {
  if (unavailable) return
  dnsPort = await freeDnsPort()
  // Migrating and seeding a fresh database, then starting PowerDNS: minutes on a busy two-core machine.
  own = await startOwnPostgresStack('dns_journey', {
    apiEnv: {
      DNS_SERVER: 'powerdns',
      DNS_SERVER_ADDRESS: '127.0.0.1',
      DNS_SERVER_PORT: String(dnsPort),
      POWERDNS_BINARY,
      // The A record of every URL转发 points at the forwarding server this file starts on this machine.
      URL_FORWARD_SERVER_IPV4: '127.0.0.1',
    },
    forwarder: true,
    timeoutMs: 400_000,
  })
}, 1_300_000)

afterAll(() => own?.stop(), 120_000)

describe.skipIf(unavailable !== null)('a name registered through the portal, served by PowerDNS', () => {
  it(
    'is applied for, reviewed, paid and registered; its records answer dig and its URL转发 redirects',
    { timeout: 600_000 },
    async () => {
      const webUrl = own!.stack.webUrl
      await awayFromBeijingMidnight(180_000) // the remittance week and today's charge are China-time calendar units

      // 1–2. The unit applies; the county office and CONAC approve; the office collects and remits; CONAC's 认款
      // registers the domain the same day.
      const unit = await own!.people.loggedIn('qfzf')
      const { fullName } = await applyForDomainInPortal(unit, webUrl, { name: NAME, years: 1 })
      expect(fullName).toBe(FULL_NAME)
      const office = await own!.people.loggedIn('qingfeng')
      await approveDomainInPortal(office, webUrl, { by: 'office', fullName })
      const conac = await own!.people.loggedIn('conac')
      await approveDomainInPortal(conac, webUrl, { by: 'conac', fullName })
      await collectFeeInPortal(office, webUrl, { unitName: UNIT, fullName, amount: '300.00' })
      await remitThisWeekInPortal(office, webUrl, { unitName: UNIT })
      await confirmRemittanceInPortal(conac, webUrl, { officeName: OFFICE })
      await unit.goto(`${webUrl}/unit/domains`)
      expect(await rowWith(unit.getByTestId('my-domains'), fullName).getByTestId('domain-status').textContent()).toBe(
        '注册成功',
      )

      // Before any record of its own the name is not in DNS at all.
      expect((await dig(dnsPort, `www.${A_LABEL}`, 'A')).values).toEqual([])

      // 3. On the DNS page: an A record for www, and a URL转发 (302, path and query kept) for go.
      await unit.goto(`${webUrl}/unit/dns`)
      await rowWith(unit.getByTestId('dns-domain-list'), fullName).getByRole('link', { name: '域名解析' }).click()
      await unit.waitForURL(/\/unit\/dns\/\d+/)
      expect(await unit.getByTestId('dns-domain-a-label').textContent()).toBe(A_LABEL)
      const form = unit.getByTestId('dns-form')
      await form.getByLabel('主机记录').fill('www')
      await form.getByLabel(/^记录值/).fill(WEB_SERVER)
      await form.getByRole('button', { name: '添加解析' }).click()
      const records = unit.getByTestId('dns-records')
      await rowWith(records, WEB_SERVER).waitFor()

      await form.getByLabel('记录类型').selectOption({ label: 'URL转发' })
      await form.getByLabel('主机记录').fill('go')
      await form.getByRole('textbox', { name: /目标地址/ }).fill(FORWARD_TARGET)
      await form.getByLabel('跳转方式').selectOption({ label: '302 临时重定向' })
      await form.getByLabel(/保留路径和参数/).check()
      await form.getByRole('button', { name: '添加解析' }).click()
      await rowWith(records, FORWARD_TARGET).waitFor()

      // The page's publication status reaches 已发布 (正在发布 first, while PowerDNS's one-second caches expire).
      const status = unit.getByTestId('dns-publication')
      await expect
        .poll(
          async () => {
            await unit.reload()
            return (await status.textContent()) ?? ''
          },
          { timeout: 90_000, interval: 2_000 },
        )
        .toBe('已发布：权威 DNS 服务器正按以下记录应答。')
      await screenshotBothWidths(unit, 'dns-journey-published')
      // TTL and 优先级 are numbers: right-aligned. On a phone the A-label wraps only after a dot, no label split.
      for (const column of [4, 5]) {
        const aligns = await records
          .locator(`th:nth-child(${column}), td:nth-child(${column})`)
          .evaluateAll((cells) => cells.map((cell) => getComputedStyle(cell).textAlign))
        expect(new Set(aligns)).toEqual(new Set(['right']))
      }
      await unit.setViewportSize(PHONE)
      const labelLines = await unit
        .getByTestId('dns-domain-a-label')
        .locator('span')
        .evaluateAll((labels) => labels.map((label) => [label.textContent, label.getClientRects().length]))
      expect(labelLines.map(([label]) => label).join('')).toBe(A_LABEL)
      expect(labelLines.every(([, lines]) => lines === 1)).toBe(true)
      await unit.setViewportSize(DESKTOP)

      // 4. PowerDNS answers the A record by A-label and by U-label, and go's A record is the forwarding server's.
      const byALabel = await digUntil(dnsPort, `www.${A_LABEL}`, 'A', (answer) => answer.values.length > 0)
      expect(byALabel).toMatchObject({ status: 'NOERROR', values: [WEB_SERVER] })
      expect((await dig(dnsPort, `www.${fullName}`, 'A')).values).toEqual([WEB_SERVER])
      expect((await dig(dnsPort, `go.${A_LABEL}`, 'A')).values).toEqual(['127.0.0.1'])

      // 5. The forwarding server redirects go.<A-label>, path and query kept.
      const redirect = await rawRequest(`${own!.stack.forwarderUrl}/news/1?id=2`, {
        headers: { host: `go.${A_LABEL}` },
      })
      expect({ status: redirect.status, location: redirect.headers.location }).toEqual({
        status: 302,
        location: `${FORWARD_TARGET}/news/1?id=2`,
      })

      // 6. The unit deletes the A record; within seconds www is gone from DNS (NXDOMAIN, or NODATA).
      await rowWith(records, WEB_SERVER).getByRole('button', { name: '删除' }).click()
      await confirmInDialog(unit, '删除')
      await rowWith(records, WEB_SERVER).waitFor({ state: 'detached' })
      const gone = await digUntil(dnsPort, `www.${A_LABEL}`, 'A', (answer) => answer.values.length === 0)
      expect(gone.values).toEqual([])
      expect(['NXDOMAIN', 'NOERROR']).toContain(gone.status)
      // The forward is untouched.
      expect((await dig(dnsPort, `go.${fullName}`, 'A')).values).toEqual(['127.0.0.1'])
    },
  )
})
