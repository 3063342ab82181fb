// 域名到期后的生命周期 in the portal: on a stack of its own (PostgreSQL, so the test can date the unit's domains in the
// past), CONAC runs 域名到期处理 (立即执行 through the API) and the unit's 我的域名 shows 宽限期 / 赎回期 / 已删除 with
// what happens next and when; its 续费 lists the domain in grace but not the one in redemption, which the office's
// 续费 lists. Screenshots: tests/.artifacts/screenshots/domain-lifecycle-*.png (1366 and 390 px).
import pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { rowWith, screenshotBothWidths } from '../testkit/portal.ts'
import { startOwnPostgresStack, type OwnStack } from '../testkit/ownStack.ts'

const RunJobNow = graphql(`
  mutation LifecycleRunJobNow($job: String!) {
    runJobNow(job: $job) {
      run {
        status
      }
    }
  }
`)

const UNIT = '清丰县人民政府办公室'
const DAY = 86_400_000
const DOMAINS = [
  { name: '到期前域名', expiresInDays: 10 },
  { name: '宽限期域名', expiresInDays: -5 },
  { name: '赎回期域名', expiresInDays: -40 },
  { name: '已删除域名', expiresInDays: -70 },
]

// The test writes its dated domains straight into its own PostgreSQL database; without one (a plain `npm test` on
// the embedded database) it is skipped, and the lifecycle itself is still tested on PGlite by api/domain-lifecycle.
const unavailable = process.env.TEST_DATABASE_URL ? null : 'needs a PostgreSQL server (set TEST_DATABASE_URL)'
if (unavailable) console.warn(`[domain-lifecycle] skipped: ${unavailable}`)

let own: OwnStack | undefined

beforeAll(async () => {
  if (unavailable) return
  own = await startOwnPostgresStack('lifecycle', { timeoutMs: 400_000 })
  // Registered years ago, expiring around today: rows a test may write only in its own database.
  const client = new pg.Client({ connectionString: own.databaseUrl })
  await client.connect()
  try {
    const unit = await client.query<{ id: number }>('SELECT id FROM units WHERE name = $1', [UNIT])
    for (const domain of DOMAINS) {
      const expiresAt = new Date(Date.now() + domain.expiresInDays * DAY)
      await client.query(
        `INSERT INTO domains (name, suffix, "unitId", status, years, "registeredAt", "expiresAt", "updatedAt")
         VALUES ($1, 'ZHENGWU', $2, 'REGISTERED', 1, $3, $4, now())`,
        [domain.name, unit.rows[0]!.id, new Date(expiresAt.getTime() - 365 * DAY), expiresAt],
      )
    }
  } finally {
    await client.end()
  }
}, 1_300_000)

afterAll(() => own?.stop(), 120_000)

describe.skipIf(unavailable !== null)('a domain’s life after expiry in the portal', () => {
  it(
    '我的域名 names each state and what comes next; 续费 offers grace to the unit, redemption to the office',
    { timeout: 600_000 },
    async () => {
      const { apiUrl, webUrl } = own!.stack
      const conac = await sessionCookie(apiUrl, 'conac')
      const ran = await mustPost(apiUrl, RunJobNow, { job: 'domainLifecycle' }, conac)
      expect(ran.runJobNow?.run.status).toBe('SUCCEEDED')

      const unit = await own!.people.loggedIn('qfzf')
      await unit.goto(`${webUrl}/unit/domains`)
      const table = unit.getByTestId('my-domains')
      await table.waitFor()
      const expectRow = async (name: string, status: string, note: RegExp | null) => {
        const row = rowWith(table, `${name}.政务`)
        expect(await row.getByTestId('domain-status').innerText()).toBe(status)
        const lifecycle = row.getByTestId('domain-lifecycle')
        if (note) expect(await lifecycle.innerText()).toMatch(note)
        else expect(await lifecycle.count()).toBe(0)
      }
      await expectRow('到期前域名', '注册成功', /^\d{4}-\d{2}-\d{2} 到期；到期后有宽限期/)
      await expectRow('宽限期域名', '宽限期', /^宽限期至 \d{4}-\d{2}-\d{2}，解析照常/)
      await expectRow('赎回期域名', '赎回期', /^赎回期，已停止解析；请于 \d{4}-\d{2}-\d{2} 前到同级编办办理续费/)
      await expectRow('已删除域名', '已删除', /^已删除，不能续费；名称保留至 \d{4}-\d{2}-\d{2}/)
      expect(await unit.locator('body').innerText()).not.toMatch(/GRACE|REDEMPTION|DELETED|undefined/)
      await screenshotBothWidths(unit, 'domain-lifecycle-my-domains')

      await unit.goto(`${webUrl}/unit/renewals`)
      const renewable = unit.getByTestId('renewable-domains')
      await renewable.waitFor()
      expect(await rowWith(renewable, '宽限期域名.政务').innerText()).toContain('（宽限期）')
      expect(await rowWith(renewable, '赎回期域名.政务').count()).toBe(0)
      expect(await rowWith(renewable, '已删除域名.政务').count()).toBe(0)
      await screenshotBothWidths(unit, 'domain-lifecycle-unit-renewals')

      const office = await own!.people.loggedIn('qingfeng')
      await office.goto(`${webUrl}/office/renewals`)
      const officeList = office.getByTestId('renewable-domains')
      await officeList.waitFor()
      expect(await rowWith(officeList, '赎回期域名.政务').innerText()).toContain('（赎回期）')
      expect(await rowWith(officeList, '已删除域名.政务').count()).toBe(0)
      await screenshotBothWidths(office, 'domain-lifecycle-office-renewals')
    },
  )
})
