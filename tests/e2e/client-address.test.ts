// Per-address limits through the real portal: a client that rotates X-Forwarded-For is still one address, because
// the portal's server (web/server.mjs) tells the API the socket's address and never passes the client's header on.
// Plain HTTP from distinct loopback addresses (127.0.0.9 for SMS codes, .10 and .11 for logins, .12 for the request
// id), so the limits exhausted here do not touch the browser tests, which all come from 127.0.0.1.
import { request, type IncomingHttpHeaders } from 'node:http'
import type { TypedDocumentNode } from '@graphql-typed-document-node/core'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser } from 'playwright-core'
import { DEMO_PASSWORD } from '../../server/src/seed/demo.ts'
import { graphql } from '../graphql/generated/index.ts'
import { launchBrowser } from '../testkit/browser.ts'
import { awayFromBeijingMidnight } from '../testkit/clock.ts'
import { documentHash, mustPost, sessionCookie, type HttpResult } from '../testkit/http.ts'

const webUrl = inject('webUrl')
const apiUrl = inject('apiUrl')

const SendCode = graphql(`
  mutation E2eAddressSendCode($input: SendVerificationCodeInput!) {
    sendVerificationCode(input: $input) {
      expiresAt
    }
  }
`)

const Login = graphql(`
  mutation E2eAddressLogin($input: LoginInput!) {
    login(input: $input) {
      expiresAt
    }
  }
`)

const SmsBudget = graphql(`
  query E2eSmsBudget {
    smsBudget {
      perHour
      perDay
      sentThisHour
      sentToday
      anonymousShare
      anonymousPerHour
      anonymousPerDay
      anonymousSentThisHour
      anonymousSentToday
    }
  }
`)

const AuditAddresses = graphql(`
  query E2eAuditAddresses($filter: AuditLogFilter, $after: String) {
    auditLogs(first: 100, after: $after, filter: $filter) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          action
          ip
          requestId
        }
      }
    }
  }
`)

/** POSTs a persisted document to the portal's /graphql from a chosen local address, with the headers given. */
async function throughPortal<T, V>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  from: string,
  headers: Record<string, string>,
): Promise<HttpResult<T>> {
  return (await portalExchange(document, variables, from, headers)).body
}

/** throughPortal, with the answer's headers. */
function portalExchange<T, V>(
  document: TypedDocumentNode<T, V>,
  variables: V,
  from: string,
  headers: Record<string, string>,
): Promise<{ body: HttpResult<T>; headers: IncomingHttpHeaders }> {
  const url = new URL('/graphql', webUrl)
  const body = JSON.stringify({ documentId: documentHash(document), variables })
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        localAddress: from,
        headers: { 'content-type': 'application/json', ...headers },
      },
      (res) => {
        let text = ''
        res.setEncoding('utf8')
        res.on('data', (chunk) => (text += chunk))
        res.on('end', () => {
          try {
            resolve({ body: JSON.parse(text) as HttpResult<T>, headers: res.headers })
          } catch {
            reject(new Error(`portal answered ${res.statusCode}: ${text.slice(0, 300)}`))
          }
        })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

/** Forged forwarding headers, different on every request, as an attacker would rotate them. */
const forged = (i: number) => ({
  'x-forwarded-for': `198.51.100.${i + 1}`,
  'x-real-ip': `192.0.2.${i + 1}`,
  forwarded: `for=203.0.113.${i + 1}`,
})
const outcome = (result: HttpResult<unknown>) => result.errors?.[0]?.extensions?.code ?? 'OK'

let conac: string
beforeAll(async () => {
  conac = await sessionCookie(apiUrl, 'conac')
  await awayFromBeijingMidnight() // the jobs page's "today" below counts this file's sends
})

/** Every audit row of the action (all pages). */
async function auditRows(action: string) {
  const rows = []
  let after: string | null | undefined
  do {
    const { auditLogs } = await mustPost(apiUrl, AuditAddresses, { filter: { action }, after }, conac)
    rows.push(...auditLogs.edges.map((edge) => edge.node))
    after = auditLogs.pageInfo.hasNextPage ? auditLogs.pageInfo.endCursor : null
  } while (after)
  return rows
}

/** Audit rows under this test's real address, and under any address it forged. */
const underForged = (rows: { ip?: string | null }[]) =>
  rows.filter((row) => /^(198\.51\.100|192\.0\.2|203\.0\.113)\./.test(row.ip ?? ''))

describe('a client that rotates X-Forwarded-For through the portal', () => {
  it('40 SMS codes with 40 forged addresses are limited like 40 from one address (30 an hour), and audited under the real one', async () => {
    const outcomes = []
    for (let i = 0; i < 40; i++) {
      const mobile = `1360009${String(i).padStart(4, '0')}`
      outcomes.push(
        outcome(
          await throughPortal(SendCode, { input: { mobile, purpose: 'UNIT_REGISTRATION' } }, '127.0.0.9', forged(i)),
        ),
      )
    }
    expect(outcomes).toEqual([...Array<string>(30).fill('OK'), ...Array<string>(10).fill('TOO_MANY_ATTEMPTS')])
    const sends = await auditRows('verification.send')
    expect(sends.filter((row) => row.ip === '127.0.0.9')).toHaveLength(30)
    expect(underForged(sends)).toEqual([])
  })

  it('40 wrong passwords with forged addresses lock the real address out of the account; the holder elsewhere gets in', async () => {
    const outcomes = []
    for (let i = 0; i < 40; i++)
      outcomes.push(
        outcome(
          await throughPortal(Login, { input: { username: 'nanle', password: `wrong-${i}` } }, '127.0.0.10', forged(i)),
        ),
      )
    // As from one address: the fifth locks (account, address), and every later attempt is refused by the lock
    // (refusals check no password and do not count towards the per-address throttle).
    expect(outcomes).toEqual([
      ...Array<string>(4).fill('INVALID_CREDENTIALS'),
      ...Array<string>(36).fill('ACCOUNT_LOCKED'),
    ])
    // Even the right password from there is refused; from another address (the browser's) it works.
    expect(
      outcome(
        await throughPortal(Login, { input: { username: 'nanle', password: DEMO_PASSWORD } }, '127.0.0.10', forged(99)),
      ),
    ).toBe('ACCOUNT_LOCKED')
    expect(
      outcome(await throughPortal(Login, { input: { username: 'nanle', password: DEMO_PASSWORD } }, '127.0.0.1', {})),
    ).toBe('OK')

    const locks = await auditRows('auth.lockAddress')
    expect(locks.filter((row) => row.ip === '127.0.0.10')).toHaveLength(1)
    expect(underForged(locks)).toEqual([])
  })

  it('40 failed logins under 40 names with forged addresses meet the per-address throttle after 20', async () => {
    const outcomes = []
    for (let i = 0; i < 40; i++)
      outcomes.push(
        outcome(
          await throughPortal(
            Login,
            { input: { username: `rotating-${i}`, password: 'wrong' } },
            '127.0.0.11',
            forged(i),
          ),
        ),
      )
    expect(outcomes).toEqual([
      ...Array<string>(20).fill('INVALID_CREDENTIALS'),
      ...Array<string>(20).fill('TOO_MANY_ATTEMPTS'),
    ])
  })
})

describe('the request id through the portal', () => {
  // web/server.mjs keeps nginx's X-Request-Id when well-formed, else makes one, answers with it and passes it to the
  // API, whose audit rows of the request carry it (and its log line: server/src/observability/requestLog.ts).
  it('a well-formed X-Request-Id reaches the API: the audit row of the call carries it', async () => {
    const id = 'e2e-portal-request-0001'
    const { body, headers } = await portalExchange(
      SendCode,
      { input: { mobile: '13600080001', purpose: 'UNIT_REGISTRATION' } },
      '127.0.0.12',
      { 'x-request-id': id },
    )
    expect(outcome(body)).toBe('OK')
    expect(headers['x-request-id']).toBe(id)
    const sends = await auditRows('verification.send')
    expect(sends.filter((row) => row.requestId === id)).toEqual([
      { action: 'verification.send', ip: '127.0.0.12', requestId: id },
    ])
  })

  it('a malformed one is replaced by the portal, and the API gets the replacement', async () => {
    const { body, headers } = await portalExchange(
      SendCode,
      { input: { mobile: '13600080002', purpose: 'UNIT_REGISTRATION' } },
      '127.0.0.12',
      { 'x-request-id': 'bad id <script>' },
    )
    expect(outcome(body)).toBe('OK')
    const id = headers['x-request-id'] as string
    expect(id).toMatch(/^[A-Za-z0-9-]{8,64}$/)
    const sends = await auditRows('verification.send')
    expect(sends.filter((row) => row.requestId === id).map((row) => row.ip)).toEqual(['127.0.0.12'])
    expect(sends.some((row) => row.requestId?.includes('script'))).toBe(false)
  })
})

describe('the SMS budget on CONAC’s jobs page', () => {
  let browser: Browser
  beforeAll(async () => {
    browser = await launchBrowser()
  })
  afterAll(() => browser?.close())

  it('shows the budget and its anonymous share, and what this hour and today used of each', async () => {
    const context = await browser.newContext({ locale: 'zh-CN' })
    const page = await context.newPage()
    try {
      const { smsBudget: used } = await mustPost(apiUrl, SmsBudget, {}, conac)
      expect(used.sentToday).toBeGreaterThanOrEqual(30) // this file's sends, at least
      await page.goto(`${webUrl}/login`)
      await page.getByLabel('用户名').fill('conac')
      await page.getByLabel('密码').fill(DEMO_PASSWORD)
      await page.getByRole('button', { name: '登录' }).click()
      await page.waitForURL(`${webUrl}/conac`)
      await page.goto(`${webUrl}/conac/jobs`)
      const panel = page.getByTestId('sms-budget')
      await expect
        .poll(() => panel.textContent(), { timeout: 30_000 })
        .toContain(
          `全系统每小时最多发送 ${used.perHour} 条、每日（北京时间）最多 ${used.perDay} 条验证码短信；本小时已发送 ${used.sentThisHour} 条，今日已发送 ${used.sentToday} 条。`,
        )
      // The share of it that registration codes (no login) may use, and their own use.
      expect(await panel.textContent()).toContain(
        `其中新用户注册（无需登录）的验证码最多占 ${used.anonymousShare}%：每小时 ${used.anonymousPerHour} 条、每日 ${used.anonymousPerDay} 条；本小时已发送 ${used.anonymousSentThisHour} 条，今日已发送 ${used.anonymousSentToday} 条。`,
      )
      expect(await panel.textContent()).toContain('近 7 天未达到发送上限')
    } finally {
      await context.close()
    }
  })
})
