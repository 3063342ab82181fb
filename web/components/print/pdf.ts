// PDFs of the print pages (letter.pdf, form.pdf): headless Chromium (playwright-core) opens the print page on this
// same server with the requester's cookies, so it is rendered for the same person and scope, and prints it to A4.
// Chromium embeds the fonts it used as subsets, so with fonts-wqy-zenhei installed the PDF carries its Chinese glyphs.
//
// A render is the most expensive thing the portal does, so nothing is queued for it before the API has said, with
// the requester's cookie, that this person may print this application now (logged in, in scope, printable): an
// anonymous request with any cookie, an application out of scope or not yet approved is answered 401/404/409 from
// one small query, never by Chromium.
//
// One browser process serves every request: launched on first use and kept for the life of the server (a cold
// launch cost seconds on every PDF after a quiet minute), replaced when it dies, and one fresh browser context is
// kept ready for the next render (creating one is a good part of a render's time on a busy machine). Each render
// still gets a context of its own, closed with its page when the render ends, so no cookie or cache passes from one
// requester to the next. The print page is complete as the server renders it, so the context runs no JavaScript:
// the portal's scripts are not even loaded.
//
// At most MAX_RENDERS pages render at once; up to MAX_WAITING more wait their turn, beyond that the answer is 503.
// One account holds at most MAX_PER_ACCOUNT of those places (rendering or waiting), beyond that 429, so one client,
// however many sessions it opens, cannot fill the queue for everybody else.
// Server-only (node:fs, Chromium): imported by the route handlers under app/print/.
import { existsSync } from 'node:fs'
import type { NextRequest } from 'next/server'
import type { Browser, BrowserContext } from 'playwright-core'
import { graphql } from '@/graphql/generated'
import { serverQuery } from '@/graphql/server'
import { isSessionErrorCode } from '@/graphql/viewer'
import { isPrintable } from './load'
import { DOCUMENT_TITLES, printPath, type PrintDocumentKind } from './paths'

const MAX_RENDERS = 2
const MAX_WAITING = 20
const MAX_PER_ACCOUNT = 2
const NAVIGATION_TIMEOUT_MS = 30_000

/** What the API says about the requester and the application, before any render is queued. */
export const PrintPdfAccessQuery = graphql(`
  query PrintPdfAccess($id: ID!) {
    me {
      id
    }
    siteApplication(id: $id) {
      id
      status
    }
  }
`)

function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium'
}

const INSTALL_HINT =
  '请服务器管理员安装 Chromium 和中文字体（Debian/Ubuntu：apt install chromium fonts-wqy-zenhei），或用环境变量 CHROMIUM_PATH 指定 Chromium 的路径。'

class ChromiumUnavailableError extends Error {}
class BusyError extends Error {}
class AccountBusyError extends Error {}

interface PdfState {
  browser: Promise<Browser> | null
  /** A context made ahead of the next render, on the current browser. */
  spare: Promise<BrowserContext> | null
  active: number
  waiting: (() => void)[]
  /** Places (rendering or waiting) held per account id */
  perAccount: Map<string, number>
}

// Kept on globalThis so that a development reload of this module does not start a second browser.
const globalState = globalThis as typeof globalThis & { __conacPrintPdf?: PdfState }
const state: PdfState = (globalState.__conacPrintPdf ??= {
  browser: null,
  spare: null,
  active: 0,
  waiting: [],
  perAccount: new Map(),
})

async function launchBrowser(): Promise<Browser> {
  const executablePath = chromiumPath()
  if (!existsSync(executablePath)) throw new ChromiumUnavailableError(`Chromium not found at ${executablePath}`)
  const { chromium } = await import('playwright-core')
  try {
    return await chromium.launch({
      executablePath,
      headless: true,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    })
  } catch (error) {
    throw new ChromiumUnavailableError(`Chromium at ${executablePath} did not start: ${(error as Error).message}`)
  }
}

function browser(): Promise<Browser> {
  if (!state.browser) {
    const launching = launchBrowser()
    state.browser = launching
    state.spare = null
    // A browser that failed to start or went away is launched afresh by the next request.
    const forget = () => {
      if (state.browser !== launching) return
      state.browser = null
      state.spare = null
    }
    launching.then((started) => started.on('disconnected', forget), forget)
  }
  return state.browser
}

/** A context for one render: no JavaScript, Beijing time, Chinese locale. */
function newRenderContext(running: Browser): Promise<BrowserContext> {
  return running.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', javaScriptEnabled: false })
}

/** The context made ready for this render (or a new one), and another made ready for the next. */
async function takeContext(running: Browser): Promise<BrowserContext> {
  const ready = state.spare
  state.spare = null
  const context = (ready && (await ready.catch(() => null))) || (await newRenderContext(running))
  if (running.isConnected()) {
    const spare = newRenderContext(running)
    spare.catch(() => {})
    state.spare = spare
  }
  return context
}

/**
 * A render slot for this account: at most MAX_PER_ACCOUNT places per account, MAX_RENDERS rendering at once and
 * MAX_WAITING waiting; a released slot passes straight to the next waiting request.
 */
async function acquire(account: string): Promise<void> {
  const held = state.perAccount.get(account) ?? 0
  if (held >= MAX_PER_ACCOUNT) throw new AccountBusyError('this account has enough PDF renders under way')
  if (state.active >= MAX_RENDERS && state.waiting.length >= MAX_WAITING)
    throw new BusyError('too many PDF renders waiting')
  state.perAccount.set(account, held + 1)
  if (state.active < MAX_RENDERS) {
    state.active += 1
    return
  }
  await new Promise<void>((resolve) => state.waiting.push(resolve))
}

function release(account: string) {
  const held = (state.perAccount.get(account) ?? 1) - 1
  if (held > 0) state.perAccount.set(account, held)
  else state.perAccount.delete(account)
  const next = state.waiting.shift()
  if (next) return next()
  state.active -= 1
}

/** The name=value pairs of a Cookie header. */
function parseCookies(header: string): { name: string; value: string }[] {
  return header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const at = part.indexOf('=')
      return at < 0 ? { name: '', value: part } : { name: part.slice(0, at).trim(), value: part.slice(at + 1).trim() }
    })
    .filter((cookie) => cookie.name !== '')
}

type Rendered =
  | { kind: 'pdf'; pdf: Uint8Array<ArrayBuffer>; serialNumber: string }
  | { kind: 'unauthenticated' }
  | { kind: 'not-found' }
  | { kind: 'not-printable' }
  | { kind: 'failed'; detail: string }

/** Renders on the warm browser; when the browser died meanwhile, once more on a new one. */
async function render(origin: string, path: string, cookieHeader: string): Promise<Rendered> {
  let running = await browser()
  if (!running.isConnected()) {
    // It went away before its 'disconnected' event reached us.
    state.browser = null
    running = await browser()
  }
  try {
    return await renderOn(running, origin, path, cookieHeader)
  } catch (error) {
    if (running.isConnected()) throw error
    console.error('[print] the PDF browser went away during a render; starting another', error)
    if (state.browser && (await state.browser.catch(() => null)) === running) state.browser = null
    return renderOn(await browser(), origin, path, cookieHeader)
  }
}

async function renderOn(running: Browser, origin: string, path: string, cookieHeader: string): Promise<Rendered> {
  const context = await takeContext(running)
  try {
    const cookies = parseCookies(cookieHeader).map((cookie) => ({ ...cookie, url: origin }))
    if (cookies.length) await context.addCookies(cookies)
    const page = await context.newPage()
    page.setDefaultTimeout(NAVIGATION_TIMEOUT_MS)
    // The page needs nothing from elsewhere (requests to other origins are refused) and runs nothing (the portal's
    // scripts are not fetched).
    await page.route('**/*', (route) => {
      let sameOrigin = false
      try {
        sameOrigin = new URL(route.request().url()).origin === origin
      } catch {
        /* not a URL we load */
      }
      return sameOrigin && route.request().resourceType() !== 'script' ? route.continue() : route.abort()
    })
    const response = await page.goto(`${origin}${path}`, { waitUntil: 'load', timeout: NAVIGATION_TIMEOUT_MS })
    const landed = new URL(page.url())
    if (landed.pathname === '/login') return { kind: 'unauthenticated' }
    const status = response?.status() ?? 0
    if (status === 404) return { kind: 'not-found' }
    if (status !== 200) return { kind: 'failed', detail: `the print page answered ${status}` }
    const marker = await page.evaluate(() => {
      const root = document.querySelector('.print-root')
      return root
        ? { state: root.getAttribute('data-print-state'), serialNumber: root.getAttribute('data-serial-number') }
        : null
    })
    if (marker?.state === 'blocked') return { kind: 'not-printable' }
    if (marker?.state !== 'ready') return { kind: 'failed', detail: 'the print page shows no printable document' }
    await page.evaluate(() => document.fonts.ready.then(() => undefined))
    const pdf = await page.pdf({ format: 'A4', printBackground: true, preferCSSPageSize: true })
    await page.close()
    return { kind: 'pdf', pdf: new Uint8Array(pdf), serialNumber: marker.serialNumber ?? '' }
  } finally {
    // Closing the context closes its page too, whatever happened above.
    await context.close().catch(() => {})
  }
}

function message(status: number, text: string, headers: Record<string, string> = {}): Response {
  return new Response(`${text}\n`, {
    status,
    headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', ...headers },
  })
}

/** attachment; filename="letter-WZ-2026-000001.pdf"; filename*=UTF-8''%E7%94%B3%E8%AF%B7%E5%87%BD-WZ-2026-000001.pdf */
export function contentDisposition(document: PrintDocumentKind, serialNumber: string): string {
  const serial = serialNumber.replace(/[^A-Za-z0-9-]/g, '') || 'document'
  const name = `${DOCUMENT_TITLES[document]}-${serial}.pdf`
  return `attachment; filename="${document}-${serial}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`
}

/**
 * The origin Chromium loads the print page from: PRINT_ORIGIN when set (e.g. http://127.0.0.1:3000 behind a
 * reverse proxy whose public address the server cannot reach itself), otherwise the origin of the request.
 */
function printOrigin(request: NextRequest): string {
  const configured = process.env.PRINT_ORIGIN?.trim().replace(/\/+$/, '')
  return configured ? new URL(configured).origin : request.nextUrl.origin
}

/** Whether the requester may print this application now (asked of the API with the requester's cookie), and who it is. */
async function checkAccess(id: string): Promise<{ account: string } | { refused: Response }> {
  let result
  try {
    result = await serverQuery(PrintPdfAccessQuery, { id })
  } catch (error) {
    console.error('[print] access check failed', error)
    return { refused: message(502, '暂时无法生成 PDF，请稍后再试') }
  }
  const { data, errors } = result
  if (errors.some((error) => isSessionErrorCode(error.code)))
    return { refused: message(401, '登录已失效，请重新登录后再下载 PDF') }
  if (errors.some((error) => error.code === 'UNAUTHENTICATED') || (!errors.length && !data?.me)) {
    return { refused: message(401, '请先登录后再下载 PDF') }
  }
  if (errors.some((error) => error.code === 'NOT_FOUND'))
    return { refused: message(404, '网站开办申请不存在或无权查看') }
  if (errors.length || !data?.me || !data.siteApplication) {
    console.error(
      `[print] access check for application ${id}: ${errors.map((error) => error.code ?? error.message).join(', ') || 'no data'}`,
    )
    return { refused: message(502, '暂时无法生成 PDF，请稍后再试') }
  }
  if (!isPrintable(data.siteApplication.status)) return { refused: message(409, '申请审核通过后方可打印') }
  return { account: data.me.id }
}

/** The answer of letter.pdf / form.pdf: the PDF, or 401/404/409/429/503 with a message (never a PDF of an error page). */
export async function printPdfResponse(
  request: NextRequest,
  id: string,
  document: PrintDocumentKind,
): Promise<Response> {
  if (!/^\d{1,12}$/.test(id)) return message(404, '页面不存在')
  const cookieHeader = request.headers.get('cookie') ?? ''
  if (!parseCookies(cookieHeader).length) return message(401, '请先登录后再下载 PDF')
  const access = await checkAccess(id)
  if ('refused' in access) return access.refused
  try {
    await acquire(access.account)
  } catch (error) {
    if (error instanceof AccountBusyError)
      return message(429, '您的 PDF 正在生成，请等它完成后再下载', { 'retry-after': '10' })
    if (error instanceof BusyError) return message(503, '正在生成的 PDF 较多，请稍后再试', { 'retry-after': '10' })
    throw error
  }
  let rendered: Rendered
  try {
    rendered = await render(printOrigin(request), printPath(id, document), cookieHeader)
  } catch (error) {
    if (error instanceof ChromiumUnavailableError) {
      console.error(`[print] ${error.message}`)
      return message(503, `无法生成 PDF：服务器上没有可用的 Chromium 浏览器。${INSTALL_HINT}`)
    }
    console.error('[print] PDF render failed', error)
    return message(502, '生成 PDF 失败，请稍后再试，或在页面上使用“打印”。')
  } finally {
    release(access.account)
  }
  switch (rendered.kind) {
    case 'pdf':
      return new Response(rendered.pdf, {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-length': String(rendered.pdf.byteLength),
          'content-disposition': contentDisposition(document, rendered.serialNumber),
          'cache-control': 'private, no-store',
        },
      })
    case 'unauthenticated':
      return message(401, '登录已失效，请重新登录后再下载 PDF')
    case 'not-found':
      return message(404, '网站开办申请不存在或无权查看')
    case 'not-printable':
      return message(409, '申请审核通过后方可打印')
    case 'failed':
      console.error(`[print] ${printPath(id, document)}: ${rendered.detail}`)
      return message(502, '生成 PDF 失败，请稍后再试，或在页面上使用“打印”。')
  }
}
