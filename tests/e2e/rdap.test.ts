// RDAP through the real stack: the portal's /rdap passes lookups on to the API (RDAP_BASE_URL's default, so the
// answers' links point at the portal), with the client's address, so the per-address limit counts each client and
// not the portal; a browser follows the badge link of a domain to its public verification page.
import { request } from 'node:http'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'

const webUrl = inject('webUrl')

/** The seeded 网络红页 case: 清丰县人民医院.公益 with badge 202541092200001 (README, demo data). */
const HOSPITAL = '清丰县人民医院.公益'
const BADGE = '202541092200001'

interface Answer {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/** A GET from a loopback address of its own (127.0.0.x), so the limit spent here is nobody else's. */
function getFrom(localAddress: string, url: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const target = new URL(url)
    const outgoing = request(
      { host: target.hostname, port: target.port, path: target.pathname, localAddress, timeout: 120_000 },
      (response) => {
        const chunks: Buffer[] = []
        response.on('data', (chunk: Buffer) => chunks.push(chunk))
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            headers: response.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
        response.on('error', reject)
      },
    )
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url}`)))
    outgoing.on('error', reject)
    outgoing.end()
  })
}

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

describe('RDAP through the portal', () => {
  it('answers a domain on the portal’s origin with links to the portal, and the badge link opens the verification page', async () => {
    const answer = await getFrom('127.0.0.21', `${webUrl}/rdap/domain/${encodeURIComponent(HOSPITAL)}`)
    expect(answer.status).toBe(200)
    expect(answer.headers['content-type']).toMatch(/^application\/rdap\+json/)
    expect(answer.headers['access-control-allow-origin']).toBe('*')
    const body = JSON.parse(answer.body)
    expect(body.unicodeName).toBe(HOSPITAL)
    expect(body.links[0]).toMatchObject({ rel: 'self', href: `${webUrl}/rdap/domain/${body.ldhName}` })
    const badgeLink = body.links.find((link: { rel: string }) => link.rel === 'related')
    expect(badgeLink.href).toBe(`${webUrl}/verify/${BADGE}`)

    for (const width of [1366, 390]) {
      const page = await browser.newPage({ viewport: { width, height: 900 } })
      await page.goto(`${webUrl}/rdap/domain/${encodeURIComponent(HOSPITAL)}`)
      await expect.poll(() => page.locator('body').innerText()).toContain('"objectClassName":"domain"')
      await page.screenshot({ path: screenshotPath(`rdap-domain-${width}`), fullPage: true })
      await page.goto(badgeLink.href)
      await page.getByText(BADGE).first().waitFor({ timeout: 60_000 })
      await expect.poll(() => page.locator('body').innerText()).toContain('清丰县人民医院')
      await page.screenshot({ path: screenshotPath(`rdap-badge-verification-${width}`), fullPage: true })
      await page.close()
    }
  })

  it('counts the limit per client address behind the portal, not for the portal as a whole', async () => {
    const help = `${webUrl}/rdap/help`
    // The default limit: a bucket of 60 requests per address, refilled at one a second. 100 at once stay within it
    // only if answering them takes over 40 s, whatever the machine's load.
    const answers = await Promise.all(Array.from({ length: 100 }, () => getFrom('127.0.0.22', help)))
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true)
    const refused = answers.find((answer) => answer.status === 429)
    expect(refused, 'one of 100 requests at once').toBeDefined()
    expect(Number(refused!.headers['retry-after'])).toBeGreaterThanOrEqual(1)
    expect(JSON.parse(refused!.body).errorCode).toBe(429)
    expect((await getFrom('127.0.0.23', help)).status).toBe(200)
  })
})
