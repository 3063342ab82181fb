// 发布状态 on the DNS page (/unit/dns/[domainId]) in a real browser. The browser suite runs without an authoritative
// server (DNS_SERVER=none, the zero-setup default), so the page says the records are saved and not published from
// this environment; the published / pending / delayed states are proven against PowerDNS in
// tests/api/dns-publication.test.ts. Screenshots: tests/.artifacts/screenshots/dns-publication-*.png.
import { describe, expect, inject, it } from 'vitest'
import { peopleOfThisFile, screenshotBothWidths } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
const people = peopleOfThisFile(webUrl)

describe('域名解析 publication status', () => {
  it(
    'tells the unit that records are saved and no authoritative server publishes them here',
    { timeout: 180_000 },
    async () => {
      const page = await people().loggedIn('qfzf')
      await page.goto(`${webUrl}/unit/dns`)
      await page.getByRole('row').filter({ hasText: '清丰县政府门户' }).getByRole('link', { name: '域名解析' }).click()
      const status = page.getByTestId('dns-publication')
      await status.waitFor()
      expect(await status.textContent()).toBe('解析记录已保存。本环境未接入权威 DNS 服务器，记录暂不对外发布。')
      await screenshotBothWidths(page, 'dns-publication')
    },
  )
})
