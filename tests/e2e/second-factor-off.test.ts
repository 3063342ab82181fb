// SECOND_FACTOR=off in production (issue 17): staff then sign in with a password alone, below what 等保 level 3 asks.
// The API still starts (an operator may need it while the SMS gateway is down), but never silently: each boot warns
// in the log and writes one audit row system.secondFactorOff, which CONAC reads in 操作日志. Two boots of the real
// API on one embedded database: two warnings, two rows; a boot with the second factor on writes none.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { graphql } from '../graphql/generated/index.ts'
import { mustPost, sessionCookie } from '../testkit/http.ts'
import { apiProcess, freePort, startProcess } from '../testkit/processes.ts'

const SecondFactorOffRows = graphql(`
  query TestSecondFactorOffRows {
    auditLogs(first: 10, filter: { action: "system.secondFactorOff" }) {
      totalCount
      edges {
        node {
          action
          subjectType
          after
        }
      }
    }
  }
`)

const WARNING = '[api] SECOND_FACTOR=off in production'

const dataDir = mkdtempSync(path.join(tmpdir(), 'conac-second-factor-off-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

/** Boots the API on the shared data folder, gives it to `whileUp`, stops it; returns what it printed. */
async function boot(secondFactor: 'on' | 'off', whileUp?: (apiUrl: string) => Promise<void>): Promise<string> {
  const port = await freePort()
  const api = await startProcess({
    ...apiProcess(port, { pgliteDir: dataDir }, 'http://127.0.0.1:1', {
      SECOND_FACTOR: secondFactor,
      DEMO_SKIPS_SECOND_FACTOR: 'false',
      NOTIFICATION_WORKER: 'false',
    }),
    timeoutMs: 240_000,
  })
  try {
    await whileUp?.(`http://127.0.0.1:${port}`)
    return api.output()
  } finally {
    await api.stop()
  }
}

describe('production with SECOND_FACTOR=off', () => {
  it('warns at every boot and writes one audit row per boot; on, it does neither', { timeout: 900_000 }, async () => {
    const first = await boot('off')
    expect(first).toContain(WARNING)
    const quiet = await boot('on')
    expect(quiet).not.toContain(WARNING)

    const second = await boot('off', async (apiUrl) => {
      // With the second factor off, CONAC's demo account signs in with its password alone.
      const cookie = await sessionCookie(apiUrl, 'conac')
      const rows = (await mustPost(apiUrl, SecondFactorOffRows, {}, cookie)).auditLogs
      expect(rows.totalCount).toBe(2)
      for (const { node } of rows.edges) {
        expect(node).toMatchObject({ action: 'system.secondFactorOff', subjectType: 'System' })
        expect(JSON.parse(node.after!)).toMatchObject({ NODE_ENV: 'production', SECOND_FACTOR: 'off' })
      }
    })
    expect(second).toContain(WARNING)
  })
})
