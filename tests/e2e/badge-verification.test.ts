// 网站标识核验 /verify/<number> as a visitor sees it (issue 15, item 11): a valid badge reads as a calm success, an
// unknown number as a clear warning, both with text that meets WCAG AA contrast; dates in the portal's one format
// (2025-06-16), and the unit's 安装期限 with its exact time and zone. Screenshots: tests/.artifacts/screenshots/verify-*.png.
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { logInThroughPortal } from '../testkit/portalLogin.ts'
import { PAGE_TIMEOUT_MS } from '../testkit/portal.ts'

const webUrl = inject('webUrl')
let browser: Browser

/** The demo badge of 清丰县人民医院, issued 2025-06-16 10:00 Beijing, 安装期限 2025-06-23 (server/src/seed/demoSites.ts). */
const BADGE = '202541092200001'
const UNKNOWN = '209941092299999'

beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(() => browser?.close())

async function visitor(width = 1366): Promise<Page> {
  const page = await browser.newPage({ locale: 'zh-CN', viewport: { width, height: 900 } })
  page.setDefaultTimeout(PAGE_TIMEOUT_MS)
  return page
}

type Rgb = [number, number, number]

function parseColour(css: string): Rgb {
  const match = /rgba?\((\d+),\s*(\d+),\s*(\d+)/.exec(css)
  if (!match) throw new Error(`not an rgb colour: ${css}`)
  return [Number(match[1]), Number(match[2]), Number(match[3])]
}

/** WCAG 2 contrast ratio of two opaque colours. */
function contrast(a: Rgb, b: Rgb): number {
  const luminance = (rgb: Rgb) => {
    const [r, g, b] = rgb.map((value) => {
      const c = value / 255
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
    }) as Rgb
    return 0.2126 * r + 0.7152 * g + 0.0722 * b
  }
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number]
  return (light + 0.05) / (dark + 0.05)
}

/** The hue (0-360) of a colour; its saturation as max − min of the channels. */
function hue([r, g, b]: Rgb): { hue: number; spread: number } {
  const max = Math.max(r, g, b)
  const min = Math.min(r, g, b)
  const spread = max - min
  if (spread === 0) return { hue: 0, spread }
  let h = max === r ? ((g - b) / spread) % 6 : max === g ? (b - r) / spread + 2 : (r - g) / spread + 4
  h *= 60
  return { hue: h < 0 ? h + 360 : h, spread }
}

/** The message's text colour, background and left border colour as the browser computed them. */
async function colours(page: Page, testId: string) {
  const styles = await page.getByTestId(testId).evaluate((element) => {
    const style = getComputedStyle(element)
    return { color: style.color, background: style.backgroundColor, border: style.borderLeftColor }
  })
  return {
    text: parseColour(styles.color),
    background: parseColour(styles.background),
    border: parseColour(styles.border),
  }
}

/**
 * The message's role and words, text that meets WCAG AA (4.5:1) on its background, and its background and border
 * (and the text, when asked) tinted with a hue in the given range: clearly a colour, not grey.
 */
async function expectMessage(
  page: Page,
  testId: string,
  expected: { role: string; text: string; hues: [number, number]; tintedText?: boolean },
) {
  const message = page.getByTestId(testId)
  expect(await message.getAttribute('role')).toBe(expected.role)
  expect(await message.innerText()).toContain(expected.text)
  const { text, background, border } = await colours(page, testId)
  expect(contrast(text, background), 'text on its background').toBeGreaterThanOrEqual(4.5)
  for (const colour of expected.tintedText ? [background, border, text] : [background, border]) {
    const { hue: h, spread } = hue(colour)
    expect(spread, `a colour, not grey: ${colour}`).toBeGreaterThan(8)
    expect(h, `hue of ${colour}`).toBeGreaterThanOrEqual(expected.hues[0])
    expect(h, `hue of ${colour}`).toBeLessThanOrEqual(expected.hues[1])
  }
}

/** Opens the path at a desktop and a phone width, runs the check on each, and keeps a screenshot of each. */
async function atBothWidths(path: string, name: string, check: (page: Page) => Promise<void>) {
  for (const width of [1366, 390]) {
    const page = await visitor(width)
    try {
      await page.goto(`${webUrl}${path}`)
      await check(page)
      await page.screenshot({ path: screenshotPath(`${name}-${width}`), fullPage: true })
    } finally {
      await page.close()
    }
  }
}

describe('网站标识核验', () => {
  it('a valid badge: a calm green success message (not red on pink), readable, dates as 2025-06-16', () =>
    atBothWidths(`/verify/${BADGE}`, 'verify-valid', async (page) => {
      // Green, the colour of success: background, border and text all in the green hues.
      await expectMessage(page, 'badge-active', {
        role: 'status',
        text: '网站标识有效',
        hues: [90, 170],
        tintedText: true,
      })
      const facts = page.getByTestId('badge-facts')
      expect(
        await facts
          .getByRole('row', { name: /发放日期/ })
          .locator('td')
          .innerText(),
      ).toBe('2025-06-16')
    }))

  it('an unknown number: a clear amber warning, readable, announced', () =>
    atBothWidths(`/verify/${UNKNOWN}`, 'verify-unknown', async (page) => {
      // Amber to orange: not the grey of an empty list, not success green.
      await expectMessage(page, 'badge-not-found', { role: 'alert', text: '未找到编号为', hues: [20, 55] })
    }))

  it('the unit sees its 安装期限 with the exact time and zone, and dates in the one format', async () => {
    const page = await visitor()
    try {
      await logInThroughPortal(page, webUrl, 'qfyy', '/unit')
      await page.goto(`${webUrl}/unit/sites`)
      // The demo application behind the badge.
      await page.getByRole('row').filter({ hasText: 'WZ-2025-000001' }).getByRole('link', { name: '查看' }).click()
      await page.waitForURL(/\/unit\/sites\/\d+$/)
      const badge = page.getByTestId('site-badge')
      await badge.waitFor()
      expect(await page.getByTestId('site-badge-deadline').innerText()).toBe('2025-06-23 23:59（北京时间）')
      expect(await page.getByTestId('site-badge-issued').innerText()).toBe('2025-06-16 10:00')
      await page.screenshot({ path: screenshotPath('verify-unit-site-deadline'), fullPage: true })
    } finally {
      await page.close()
    }
  })
})
