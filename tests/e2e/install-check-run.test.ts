// 标识安装检测 at national scale, in the browser (CONAC, /conac/badges/install-checks): 立即运行检测 only queues a run
// (mutation runInstallChecks), the scheduler carries it out, and the page follows it through latestInstallCheckRun,
// asking again every two seconds while it is RUNNING.
//
// 1. The panel itself, on the shared stack, with the one query's answers played by the test (page.route): never a
//    run (尚未运行过安装检测), 排队中, a national run under way (53,210 / 200,000, 约 25 分钟), a pause, an end, a
//    failure. The page must walk from one answer to the next on its own and stop asking once the run has ended.
// 2. A real run, on a stack of this file's own (an embedded database in a folder of its own): the shared stack's API
//    runs without the scheduler (SCHEDULER=false), as production's API processes do, so a run queued there would
//    never start. On the embedded database no second process can open the data, so the scheduler runs where a
//    single-process deployment runs it: in the API. First the API with its scheduler: four self-built sites (their
//    domains do not resolve here: 无法访问), CONAC starts a run and the page follows it to its end, with the numbers
//    latestInstallCheckRun gives; then the same data behind an API without a scheduler: the run stays 排队中, the
//    button stays disabled, and the API refuses a second run.
// Screenshots: tests/.artifacts/screenshots/install-run-*.png and /tmp/install-run-*.png.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import type { Browser, Page, Route } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import { idNumberCheckCharacter } from '../../server/src/lib/identifiers.ts'
import { formatDateTime } from '../../web/components/ui/format.ts'
import { LatestInstallCheckRunDocument } from '../../web/graphql/generated/graphql.ts'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser, screenshotPath } from '../testkit/browser.ts'
import { confirmDialog, confirmInDialog } from '../testkit/confirmDialog.ts'
import { documentHash, mustPost, postGraphql, sessionCookie } from '../testkit/http.ts'
import { textProblems } from '../testkit/pageChecks.ts'
import { DESKTOP, PHONE, People } from '../testkit/portal.ts'
import { apiProcess, freePort, PORTAL_READY, portalProcess, startProcess, type Started } from '../testkit/processes.ts'

const sharedWebUrl = inject('webUrl')
const PAGE = '/conac/badges/install-checks'
/** Generous: how long a start or a run takes says how busy the machine is, not whether it works. */
const START_TIMEOUT_MS = 300_000
const RUN_TIMEOUT_MS = 180_000
/** For what the page shows next: a render, or the next poll (two seconds) on a busy machine. */
const SOON = { timeout: 60_000, interval: 250 }

const LatestRun = graphql(`
  query InstallRunE2eLatest {
    latestInstallCheckRun {
      id
      periodKey
      status
      queued
      startedAt
      finishedAt
      total
      sites
      checked
      found
      missing
      failed
      etaSeconds
    }
  }
`)
const RunChecks = graphql(`
  mutation InstallRunE2eRun {
    runInstallChecks {
      id
      status
      queued
    }
  }
`)
const Domains = graphql(`
  query InstallRunE2eDomains {
    domains(first: 50) {
      edges {
        node {
          id
          fullName
        }
      }
    }
  }
`)
const SaveDraft = graphql(`
  mutation InstallRunE2eSaveDraft($input: SaveSiteApplicationDraftInput!) {
    saveSiteApplicationDraft(input: $input) {
      id
      version
    }
  }
`)
const SendCode = graphql(`
  mutation InstallRunE2eSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      mobile
    }
  }
`)
const Outbox = graphql(`
  query InstallRunE2eOutbox {
    developmentOutbox(first: 100) {
      address
      body
      template
    }
  }
`)
const Submit = graphql(`
  mutation InstallRunE2eSubmit($input: SubmitSiteApplicationInput!) {
    submitSiteApplication(input: $input) {
      id
      version
    }
  }
`)
const Review = graphql(`
  mutation InstallRunE2eReview($input: ReviewSiteApplicationInput!) {
    reviewSiteApplication(input: $input) {
      id
      version
      badge {
        badgeNumber
      }
    }
  }
`)
const RecordPaper = graphql(`
  mutation InstallRunE2eRecordPaper($input: RecordPaperMaterialsInput!) {
    recordPaperMaterials(input: $input) {
      id
      version
    }
  }
`)
const ConfirmPaper = graphql(`
  mutation InstallRunE2eConfirmPaper($input: ReviewSiteApplicationInput!) {
    confirmPaperMaterials(input: $input) {
      id
      version
      badge {
        badgeNumber
      }
    }
  }
`)

let browser: Browser
beforeAll(async () => {
  browser = await launchBrowser()
})
afterAll(async () => {
  await browser?.close()
})

/** The page's panel as a person reads it. */
const panel = (page: Page) => page.getByTestId('install-run')
const runButton = (page: Page) => page.getByTestId('install-run-button')
const stateOf = (page: Page) =>
  page
    .getByTestId('install-run-progress')
    .getAttribute('data-state', { timeout: 1_000 })
    .catch(() => null)
const textOf = async (page: Page, testId: string) => ((await page.getByTestId(testId).textContent()) ?? '').trim()

/** The panel's numbers, as shown, back to numbers (200,000 → 200000). */
async function shownNumbers(page: Page) {
  const count = async (testId: string) => Number((await textOf(page, testId)).replace(/,/g, ''))
  return {
    checked: await count('install-run-checked'),
    total: await count('install-run-total'),
    found: await count('install-run-found'),
    missing: await count('install-run-missing'),
    failed: await count('install-run-failed'),
  }
}

async function shoot(page: Page, name: string) {
  // The overdue list below the panel has loaded too.
  await page.getByTestId('overdue-count').waitFor()
  for (const [label, viewport] of [
    ['1366', DESKTOP],
    ['390', PHONE],
  ] as const) {
    await page.setViewportSize(viewport)
    const file = screenshotPath(`install-run-${name}-${label}`)
    await page.screenshot({ path: file, fullPage: true })
    copyFileSync(file, `/tmp/install-run-${name}-${label}.png`)
    // The panel fits: no sideways scroll of the page, 立即运行检测 inside the viewport.
    expect(
      await page.evaluate(() => document.documentElement.scrollWidth),
      `${name} at ${label} px`,
    ).toBeLessThanOrEqual(viewport.width)
    const box = (await runButton(page).boundingBox())!
    expect(box.x + box.width, `立即运行检测 in view at ${label} px`).toBeLessThanOrEqual(viewport.width)
  }
  await page.setViewportSize(DESKTOP)
}

describe('the run panel follows the answers of latestInstallCheckRun (played by the test)', () => {
  const hash = documentHash(LatestInstallCheckRunDocument)
  const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString()
  const run = (fields: Record<string, unknown>) => ({
    __typename: 'InstallCheckRun',
    id: '900001',
    periodKey: '2025-12-06 10:05:00.000',
    status: 'RUNNING',
    queued: false,
    startedAt: at(10),
    finishedAt: null,
    lastProgressAt: at(0),
    total: 200_000,
    sites: 180_000,
    checked: 0,
    found: 0,
    missing: 0,
    failed: 0,
    etaSeconds: null,
    ...fields,
  })

  /** CONAC on the page, with latestInstallCheckRun answered by `answer()` (asked again on every request). */
  async function openWith(answer: () => unknown) {
    const people = new People(browser, sharedWebUrl)
    const page = await people.loggedIn('conac')
    await page.waitForURL(`${sharedWebUrl}/conac`)
    const asked = { count: 0 }
    await page.route('**/graphql', async (route: Route) => {
      if (!(route.request().postData() ?? '').includes(hash)) return route.continue()
      asked.count += 1
      await route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ data: { __typename: 'Query', latestInstallCheckRun: answer() } }),
      })
    })
    await page.goto(`${sharedWebUrl}${PAGE}`)
    return { page, asked, close: () => people.closeAll() }
  }

  it('never a run: 尚未运行过安装检测, and the button can be pressed', { timeout: 120_000 }, async () => {
    const { page, close } = await openWith(() => null)
    try {
      await page.getByTestId('install-run-empty').waitFor()
      expect(await textOf(page, 'install-run-empty')).toBe('尚未运行过安装检测')
      expect(await runButton(page).isEnabled()).toBe(true)
      expect(await textProblems(page)).toEqual([])
      await shoot(page, 'never')
    } finally {
      await close()
    }
  })

  it(
    'queued, then a national run under way, then done: the page asks every two seconds and stops at the end',
    { timeout: 240_000 },
    async () => {
      let answer = run({ queued: true, startedAt: at(0), lastProgressAt: new Date(0).toISOString(), total: 0 })
      const { page, asked, close } = await openWith(() => answer)
      try {
        await page.getByTestId('install-run-queued').waitFor()
        expect(await textOf(page, 'install-run-queued')).toBe('排队中（等待调度进程开始，一般在一分钟内）')
        expect(await textOf(page, 'install-run-status')).toBe('排队中')
        expect(await runButton(page).isDisabled()).toBe(true)
        expect(await textOf(page, 'install-run-started')).toBe(formatDateTime(answer.startedAt as string))
        await shoot(page, 'played-queued')

        // Taken by the scheduler; no pace yet.
        answer = run({ checked: 1_200, found: 1_000, missing: 150, failed: 50, etaSeconds: null })
        await expect.poll(() => stateOf(page), SOON).toBe('running')
        await expect.poll(() => textOf(page, 'install-run-eta'), SOON).toBe('计算中')
        expect(await textOf(page, 'install-run-status')).toBe('检测中')

        // A quarter done, 25 minutes to go.
        answer = run({ checked: 53_210, found: 40_100, missing: 9_800, failed: 3_310, etaSeconds: 1_500 })
        await expect.poll(() => textOf(page, 'install-run-checked'), SOON).toBe('53,210')
        expect(await shownNumbers(page)).toEqual({
          checked: 53_210,
          total: 200_000,
          found: 40_100,
          missing: 9_800,
          failed: 3_310,
        })
        expect(await textOf(page, 'install-run-percent')).toBe('26%')
        expect(await textOf(page, 'install-run-eta')).toBe('约 25 分钟')
        const bar = page.getByTestId('install-run-bar')
        expect(await bar.getAttribute('max')).toBe('200000')
        expect(await bar.getAttribute('value')).toBe('53210')
        expect(await runButton(page).isDisabled()).toBe(true)
        expect(await panel(page).textContent()).toContain('涉及 180,000 个网站')
        expect(await textProblems(page)).toEqual([])
        await shoot(page, 'played-running')

        // Nearly there.
        answer = run({ checked: 199_990, found: 150_000, missing: 40_000, failed: 9_990, etaSeconds: 20 })
        await expect.poll(() => textOf(page, 'install-run-eta'), SOON).toBe('不到 1 分钟')
        expect(await textOf(page, 'install-run-percent')).toBe('99%')

        // Done.
        const finishedAt = at(0)
        answer = run({
          status: 'SUCCEEDED',
          finishedAt,
          checked: 200_000,
          found: 150_005,
          missing: 40_000,
          failed: 9_995,
          etaSeconds: 0,
        })
        await expect.poll(() => stateOf(page), SOON).toBe('succeeded')
        expect(await textOf(page, 'install-run-result')).toBe(
          '检测完成：共检测 200,000 个标识，已找到标识代码 150,005 个，未找到 40,000 个，无法访问 9,995 个。',
        )
        expect(await textOf(page, 'install-run-status')).toBe('已完成')
        expect(await textOf(page, 'install-run-percent')).toBe('100%')
        expect(await textOf(page, 'install-run-finished')).toBe(formatDateTime(finishedAt))
        expect(await page.getByTestId('install-run-eta').count(), 'no 预计剩余 once done').toBe(0)
        await expect.poll(() => runButton(page).isEnabled(), SOON).toBe(true)
        // It stops asking: no request for ten seconds (five polls' worth).
        const after = asked.count
        await page.waitForTimeout(10_000)
        expect(asked.count).toBe(after)
        expect(await textProblems(page)).toEqual([])
        await shoot(page, 'played-done')
      } finally {
        await close()
      }
    },
  )

  it('a pause, a long queue and a failure say what is going on, in Chinese', { timeout: 240_000 }, async () => {
    // Ten minutes without progress: the process that ran it is gone; the scheduler resumes it.
    let answer = run({ checked: 80_000, found: 60_000, missing: 15_000, failed: 5_000, lastProgressAt: at(10) })
    const { page, close } = await openWith(() => answer)
    try {
      await expect.poll(() => stateOf(page), SOON).toBe('stalled')
      expect(await textOf(page, 'install-run-result')).toContain('检测暂停')
      expect(await textOf(page, 'install-run-result')).toContain('自动从中断处继续')
      expect(await runButton(page).isDisabled()).toBe(true)
      await shoot(page, 'played-stalled')

      // Queued for ten minutes: the scheduler may not be running.
      answer = run({ queued: true, startedAt: at(10), total: 0, lastProgressAt: new Date(0).toISOString() })
      await expect.poll(() => stateOf(page), SOON).toBe('waitingLong')
      expect(await textOf(page, 'install-run-queued')).toContain('已等待超过 3 分钟')

      // Stopped: 检测中断, with what was kept and what happens next; never the operators' error text.
      answer = run({
        status: 'FAILED',
        finishedAt: at(0),
        checked: 80_000,
        found: 60_000,
        missing: 15_000,
        failed: 5_000,
      })
      await expect.poll(() => stateOf(page), SOON).toBe('failed')
      const result = await textOf(page, 'install-run-result')
      expect(result).toContain('检测中断')
      expect(result).toContain('80,000 / 200,000')
      expect(result).toContain('自动继续')
      expect(await textOf(page, 'install-run-status')).toBe('检测中断')
      await expect.poll(() => runButton(page).isEnabled(), SOON).toBe(true)
      expect(await textProblems(page)).toEqual([])
      await shoot(page, 'played-failed')
    } finally {
      await close()
    }
  })
})

describe('a real run on a stack of its own: queued, carried out by the scheduler, followed to its end', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'conac-install-run-'))
  let apiPort = 0
  let apiUrl = ''
  let webUrl = ''
  let api: Started | undefined
  let portal: Started | undefined

  async function startApi(env: Record<string, string>) {
    api = await startProcess({
      ...apiProcess(apiPort, { pgliteDir: dataDir }, webUrl, env),
      timeoutMs: START_TIMEOUT_MS,
    })
  }
  async function stopApi() {
    await api?.stop()
    api = undefined
  }

  beforeAll(async () => {
    apiPort = await freePort()
    apiUrl = `http://127.0.0.1:${apiPort}`
    const webPort = await freePort()
    webUrl = `http://127.0.0.1:${webPort}`
    // The API with its scheduler, as a single-process deployment runs it; one site started a second, so a run of a
    // few sites lasts a few seconds.
    await startApi({ SCHEDULER: 'true', INSTALL_CHECK_MAX_SITES_PER_SECOND: '1' })
    portal = await startProcess({
      name: 'portal',
      ...portalProcess(webPort, { API_URL: apiUrl, PUBLIC_PORTAL_URL: webUrl }),
      ready: PORTAL_READY,
      timeoutMs: START_TIMEOUT_MS,
    })
  }, START_TIMEOUT_MS * 2)
  afterAll(async () => {
    await portal?.stop()
    await stopApi()
    rmSync(dataDir, { recursive: true, force: true })
  })

  // One session per account (sessions are rows of the database, so they outlive a restart of the API).
  const cookies = new Map<string, string>()
  async function cookieOf(username: string) {
    if (!cookies.has(username)) cookies.set(username, await sessionCookie(apiUrl, username))
    return cookies.get(username)!
  }
  const latest = async () => (await mustPost(apiUrl, LatestRun, {}, await cookieOf('conac'))).latestInstallCheckRun

  const stamp = `${Date.now() % 10_000_000}`.padStart(7, '0')
  let sequence = 0

  /** A self-built site of `unit` on its demo domain `chineseDomain`, through the API: applied, reviewed, badge issued. */
  async function selfBuiltBadge(unit: string, office: string, chineseDomain: string, englishDomain: string) {
    sequence += 1
    const unitCookie = await cookieOf(unit)
    const officeCookie = await cookieOf(office)
    const conacCookie = await cookieOf('conac')
    const domain = (await mustPost(apiUrl, Domains, {}, unitCookie)).domains.edges.find(
      (edge) => edge.node.fullName === chineseDomain,
    )
    expect(domain, `${unit} has the demo domain ${chineseDomain}`).toBeTruthy()
    const handlerMobile = `135${stamp}${sequence}`
    const idFirst17 = `41092219800101${`${sequence}`.padStart(3, '0')}`
    const draft = (
      await mustPost(
        apiUrl,
        SaveDraft,
        {
          input: {
            kind: 'NEW_SITE',
            siteName: `检测演示网站${sequence}`,
            siteIntro: '用于标识安装检测的演示网站。',
            chineseDomainId: domain!.node.id,
            useMicroSite: false,
            englishDomain,
            ipAddress: '203.0.113.20',
            principalName: '王负责',
            principalMobile: '13912340001',
            principalEmail: 'install-run-principal@example.com',
            handlerName: '李经办',
            handlerMobile,
            handlerEmail: 'install-run-handler@example.com',
            handlerIdNumber: idFirst17 + idNumberCheckCharacter(idFirst17),
          },
        },
        unitCookie,
      )
    ).saveSiteApplicationDraft
    await mustPost(apiUrl, SendCode, { input: { mobile: handlerMobile, purpose: 'SITE_APPLICATION' } }, unitCookie)
    const sms = (await mustPost(apiUrl, Outbox, {}, unitCookie)).developmentOutbox.find(
      (message) => message.address === handlerMobile && message.template === 'verification.code',
    )
    const code = /\b(\d{6})\b/.exec(sms?.body ?? '')?.[1]
    expect(code, 'the SMS code in the development outbox').toMatch(/^\d{6}$/)
    const submitted = (
      await mustPost(
        apiUrl,
        Submit,
        { input: { id: draft.id, version: draft.version, verificationCode: code! } },
        unitCookie,
      )
    ).submitSiteApplication
    let version = submitted.version
    let badge: string | undefined
    for (const cookie of [officeCookie, conacCookie]) {
      const reviewed = (
        await mustPost(apiUrl, Review, { input: { id: draft.id, version, decision: 'APPROVE' } }, cookie)
      ).reviewSiteApplication
      version = reviewed.version
      badge = reviewed.badge?.badgeNumber ?? badge
    }
    if (!badge) {
      // 党政机关: the office records the paper materials and confirms them, which issues the badge.
      version = (
        await mustPost(
          apiUrl,
          RecordPaper,
          { input: { id: draft.id, version, formCopiesReceived: 4, idCopyReceived: true, letterReceived: true } },
          officeCookie,
        )
      ).recordPaperMaterials.version
      badge = (
        await mustPost(apiUrl, ConfirmPaper, { input: { id: draft.id, version, decision: 'APPROVE' } }, officeCookie)
      ).confirmPaperMaterials.badge?.badgeNumber
    }
    expect(badge, `a badge for ${englishDomain}`).toMatch(/^\d+$/)
  }

  it(
    'with the scheduler: 立即运行检测 queues a run, the page follows it to its end with the numbers of latestInstallCheckRun',
    { timeout: 600_000 },
    async () => {
      // At start the scheduler catches up the day's run (before any self-built site exists): wait for its end, so
      // the run below is the only one.
      await expect
        .poll(async () => (await latest())?.status ?? 'none', {
          timeout: RUN_TIMEOUT_MS,
          interval: 2_000,
          message: 'the scheduler’s catch-up of the daily 标识安装检测 ends',
        })
        .toMatch(/SUCCEEDED|FAILED/)
      const daily = (await latest())!

      // Four self-built sites; their domains do not resolve on a test machine, so each check ends as 无法访问.
      await selfBuiltBadge('qfzf', 'qingfeng', '清丰县政府门户.政务', `www.qfmh${stamp}.gov.cn`)
      await selfBuiltBadge('qfzf', 'qingfeng', '清丰政务服务.政务', `www.qfzw${stamp}.gov.cn`)
      await selfBuiltBadge('qfzf', 'qingfeng', '清丰县信息公开.政务', `www.qfgk${stamp}.gov.cn`)
      await selfBuiltBadge('qfyy', 'qingfeng', '清丰医院预约.公益', `www.qfyy${stamp}.cn`)

      const people = new People(browser, webUrl)
      try {
        const page = await people.loggedIn('conac')
        await page.waitForURL(`${webUrl}/conac`)
        await page.goto(`${webUrl}${PAGE}`)
        // The day's run, as the API has it.
        await expect.poll(() => stateOf(page), SOON).toBe('succeeded')
        expect(await panel(page).textContent()).toContain('最近一次检测（每日定时检测）')
        expect(await textOf(page, 'install-run-started')).toBe(formatDateTime(daily.startedAt))
        await expect.poll(() => runButton(page).isEnabled(), SOON).toBe(true)

        // Every state the panel shows from here on, with whether the button could be pressed then.
        await page.evaluate(() => {
          const seen: string[] = []
          ;(window as unknown as { __installRunSeen: string[] }).__installRunSeen = seen
          const record = () => {
            const state =
              document.querySelector('[data-testid="install-run-progress"]')?.getAttribute('data-state') ?? 'none'
            const button = document.querySelector<HTMLButtonElement>('[data-testid="install-run-button"]')
            const entry = `${state}:${button?.disabled ? 'disabled' : 'enabled'}`
            if (seen[seen.length - 1] !== entry) seen.push(entry)
          }
          new MutationObserver(record).observe(document.body, {
            subtree: true,
            childList: true,
            attributes: true,
            characterData: true,
          })
        })

        await runButton(page).click()
        const question = await confirmInDialog(page, '开始检测')
        expect(question).toContain('后台')
        expect(question).toContain('几十分钟')
        expect(question).toContain('本页会显示检测进度')

        // The page shows the new run at once (the mutation's answer: queued), then follows it to its end.
        const seenSoFar = () =>
          page.evaluate(() => (window as unknown as { __installRunSeen: string[] }).__installRunSeen)
        await expect
          .poll(async () => (await seenSoFar()).some((entry) => /^(queued|waitingLong|running|stalled):/.test(entry)), {
            timeout: 60_000,
            interval: 100,
          })
          .toBe(true)
        await expect.poll(() => stateOf(page), { timeout: RUN_TIMEOUT_MS, interval: 500 }).toBe('succeeded')
        const run = (await latest())!
        expect(run.id, 'the run CONAC started, not the daily one').not.toBe(daily.id)
        expect(run).toMatchObject({ status: 'SUCCEEDED', queued: false, total: 4, sites: 4, checked: 4 })
        expect(run.found + run.missing + run.failed).toBe(4)
        expect(await shownNumbers(page)).toEqual({
          checked: run.checked,
          total: run.total,
          found: run.found,
          missing: run.missing,
          failed: run.failed,
        })
        expect(await textOf(page, 'install-run-percent')).toBe('100%')
        expect(await textOf(page, 'install-run-started')).toBe(formatDateTime(run.startedAt))
        expect(await textOf(page, 'install-run-finished')).toBe(formatDateTime(run.finishedAt))
        expect(await textOf(page, 'install-run-result')).toBe(
          `检测完成：共检测 4 个标识，已找到标识代码 ${run.found} 个，未找到 ${run.missing} 个，无法访问 ${run.failed} 个。`,
        )
        expect(await panel(page).textContent()).toContain('最近一次检测（手动运行）')
        expect(await page.getByTestId('install-run-bar').getAttribute('value')).toBe('4')
        await expect.poll(() => runButton(page).isEnabled(), SOON).toBe(true)

        const seen = await seenSoFar()
        const going = seen.filter((entry) => /^(queued|waitingLong|running|stalled):/.test(entry))
        expect(going.length, `the run was shown before its end: ${seen.join(' → ')}`).toBeGreaterThan(0)
        expect(
          going.filter((entry) => entry.endsWith(':enabled')),
          `立即运行检测 stays disabled while the run goes on: ${seen.join(' → ')}`,
        ).toEqual([])
        expect(seen[seen.length - 1]).toBe('succeeded:enabled')
        expect(await textProblems(page)).toEqual([])
        await shoot(page, 'after')
      } finally {
        await people.closeAll()
      }
    },
  )

  it(
    'without a scheduler: the run stays 排队中, the button disabled, and a second run is refused',
    { timeout: 600_000 },
    async () => {
      // The same data behind an API that does not run the scheduler (as production's API processes).
      await stopApi()
      await startApi({})
      const before = (await latest())!
      const people = new People(browser, webUrl)
      try {
        const page = await people.loggedIn('conac')
        await page.waitForURL(`${webUrl}/conac`)
        await page.goto(`${webUrl}${PAGE}`)
        await expect.poll(() => stateOf(page), SOON).toBe('succeeded')
        await runButton(page).click()
        await confirmInDialog(page, '开始检测')

        await page.getByTestId('install-run-queued').waitFor()
        expect(await textOf(page, 'install-run-queued')).toBe('排队中（等待调度进程开始，一般在一分钟内）')
        expect(await textOf(page, 'install-run-message')).toBe(
          '已提交标识安装检测，等待调度进程开始（一般在一分钟内）；检测在后台进行，进度显示在下方。',
        )
        const queued = (await latest())!
        expect(queued).toMatchObject({ status: 'RUNNING', queued: true })
        expect(queued.id).not.toBe(before.id)
        expect(await textOf(page, 'install-run-started')).toBe(formatDateTime(queued.startedAt))
        expect(await runButton(page).isDisabled()).toBe(true)

        // A second click is not possible: the button is disabled (a forced click opens no question)…
        await runButton(page).click({ force: true })
        await page.waitForTimeout(1_000)
        expect(await confirmDialog(page).count()).toBe(0)
        // …and the API refuses a second run while this one waits.
        const again = await postGraphql(apiUrl, RunChecks, {}, await cookieOf('conac'))
        expect(again.errors?.[0]?.extensions?.code).toBe('CONFLICT')
        expect(again.errors?.[0]?.message).toBe('标识安装检测正在执行，请等待本轮完成')

        // Still queued after 3 polls, and after a reload (the state is the API's).
        await page.waitForTimeout(6_000)
        expect(await stateOf(page)).toBe('queued')
        await page.reload()
        await page.getByTestId('install-run-queued').waitFor()
        expect(await runButton(page).isDisabled()).toBe(true)
        expect(await textOf(page, 'install-run-status')).toBe('排队中')
        expect(await textProblems(page)).toEqual([])
        await shoot(page, 'queued')
      } finally {
        await people.closeAll()
      }
    },
  )
})
