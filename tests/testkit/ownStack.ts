// A browser test file's own stack on PostgreSQL: a fresh empty database on the TEST_DATABASE_URL server, the real API,
// portal (and optionally the URL转发 server) on it, and a browser with its people. For files that need what the shared
// PGlite stack cannot give (PowerDNS reading the database, rows dated in the past written straight into it).
import type { Browser } from 'playwright-core'
import { launchBrowser } from './browser.ts'
import { createEmptyPostgresDatabase } from './database.ts'
import { People } from './portal.ts'
import { startStack, type Stack } from './processes.ts'

export interface OwnStack {
  databaseUrl: string
  stack: Stack
  people: People
  /** Closes the browser, stops the processes and drops the database. */
  stop(): Promise<void>
}

export async function startOwnPostgresStack(
  purpose: string,
  options: Omit<Parameters<typeof startStack>[0], 'database'>,
): Promise<OwnStack> {
  const database = await createEmptyPostgresDatabase(purpose)
  let stack: Stack | undefined
  let browser: Browser | undefined
  let people: People | undefined
  const stop = async () => {
    await people?.closeAll()
    await browser?.close()
    await stack?.stop()
    await database.drop()
  }
  try {
    stack = await startStack({ ...options, database: { postgresUrl: database.url } })
    browser = await launchBrowser()
    people = new People(browser, stack.webUrl)
    return { databaseUrl: database.url, stack, people, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
