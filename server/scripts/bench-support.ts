// Pieces shared by the benchmarks that drive the real app in-process with an API token and the portal's persisted
// documents (bench-statistics.ts, bench-node.ts, bench-api.ts).
import { randomBytes } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { repositoryRoot } from '../src/config.ts'
import type { PrismaClient } from '../src/generated/prisma/client.ts'
import { newSecret, sha256Hex } from '../src/lib/tokens.ts'

/** The portal's persisted documents: "sha256:<hex>" -> operation text. */
export function portalManifest(): Record<string, string> {
  return JSON.parse(
    readFileSync(path.join(repositoryRoot, 'web/graphql/generated/persisted-documents.json'), 'utf8'),
  ) as Record<string, string>
}

/** The portal's document of operation `name`: its id (what the portal sends) and text. */
export function portalDocumentEntry(name: string): { id: string; text: string } {
  // The query may follow its fragments in the document.
  const entry = Object.entries(portalManifest()).find(
    ([, query]) => query.includes(`query ${name}(`) || query.includes(`query ${name} `),
  )
  if (!entry) throw new Error(`portal document ${name} not found: run npm run generate`)
  return { id: entry[0], text: entry[1] }
}

export const portalDocument = (name: string): string => portalDocumentEntry(name).text

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!

/** A READ_ONLY token of the office of `regionCode`, made for the run (the caller revokes it at the end). */
export async function tokenFor(prisma: PrismaClient, regionCode: string, name = '统计基准测试') {
  const office = await prisma.office.findUniqueOrThrow({ where: { regionCode } })
  let creator = await prisma.user.findFirst({ where: { officeId: office.id, status: 'ACTIVE' } })
  creator ??= await prisma.user.create({
    data: {
      username: `bench-${regionCode}`,
      displayName: '基准测试',
      role: office.level === 'CENTRAL' ? 'CONAC_STAFF' : 'OFFICE_STAFF',
      officeId: office.id,
      passwordHash: 'bench-no-login',
      email: `bench-${regionCode}@example.com`,
    },
  })
  const secret = newSecret('conac')
  const token = await prisma.apiToken.create({
    data: {
      name,
      access: 'READ_ONLY',
      prefix: secret.slice(0, 12),
      tokenHash: sha256Hex(secret),
      officeId: office.id,
      createdById: creator.id,
    },
  })
  return { secret, id: token.id, officeId: office.id, creatorId: creator.id }
}

/** The county with the most domains waiting for their same-level review (the busiest review queue), if any. */
export async function busiestCounty(prisma: PrismaClient): Promise<string | undefined> {
  const [busiest] = await prisma.$queryRawUnsafe<{ regionCode: string }[]>(
    `SELECT u."regionCode" FROM domains d JOIN units u ON u.id = d."unitId" JOIN regions r ON r.code = u."regionCode"
     WHERE d.status = 'PENDING_OFFICE_REVIEW' AND r.level = 'COUNTY' GROUP BY u."regionCode" ORDER BY count(*) DESC LIMIT 1`,
  )
  return busiest?.regionCode
}

/**
 * The environment our API runs with in the benchmarks that start it as a child process (bench-api.ts,
 * bench-install-checks.ts): as production runs it (trusted documents, the permission rules), with only the per-token
 * rate limit raised (or it would refuse the load), and the scheduler and notification worker left to "another
 * process" so they do not write to the dataset mid-run.
 */
export function ourApiEnvironment(databaseUrl: string, port: number): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'production',
    DATABASE_URL: databaseUrl,
    API_HOST: '127.0.0.1',
    API_PORT: String(port),
    TRUSTED_DOCUMENTS: 'on',
    SEED_ON_START: 'false',
    SCHEDULER: 'false',
    NOTIFICATION_WORKER: 'false',
    DNS_SERVER: 'none',
    WHOIS_PORT: '',
    API_TOKEN_RATE_POINTS: '1000000000',
    // No line per request, like PostGraphile's --disable-query-log (production logs each at info).
    LOG_LEVEL: 'warn',
    PUBLIC_PORTAL_URL: process.env.PUBLIC_PORTAL_URL ?? 'http://127.0.0.1:3000',
    // Production refuses the development key; the queue and the dashboards decrypt nothing.
    PII_ENCRYPTION_KEYS: process.env.PII_ENCRYPTION_KEYS ?? `bench:${randomBytes(32).toString('base64')}`,
    // The address the dataset's URL转发 records already hold (the API moves them at start otherwise).
    URL_FORWARD_SERVER_IPV4: process.env.URL_FORWARD_SERVER_IPV4 ?? '127.0.0.1',
  }
}

/** The commit the benchmark ran at, marked when the work tree has changes. */
export function gitCommit(): string {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repositoryRoot }).toString().trim()
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: repositoryRoot })
      .toString()
      .trim()
    return dirty ? `${commit} + uncommitted changes` : commit
  } catch {
    return 'unknown'
  }
}

/**
 * Appends `block` at the end of the docs/benchmarks.md subsection `heading` (made at the end of the file, with
 * `intro`, if missing).
 */
export function appendToDocsSection(heading: string, intro: string, block: string) {
  const file = path.join(repositoryRoot, 'docs/benchmarks.md')
  let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n'
  const start = text.indexOf(`\n${heading}\n`)
  if (start < 0) {
    text = `${text.replace(/\n*$/, '\n\n')}${intro}\n${block}`
  } else {
    // The section ends where the next section or subsection starts.
    const after = start + heading.length + 1
    const found = ['\n## ', '\n### '].map((next) => text.indexOf(next, after)).filter((at) => at >= 0)
    const next = found.length ? Math.min(...found) : -1
    const end = next < 0 ? text.length : next + 1
    text = `${text.slice(0, end).replace(/\n*$/, '\n\n')}${block}${next < 0 ? '' : `\n${text.slice(end)}`}`
  }
  writeFileSync(file, text)
  console.log(`appended to ${path.relative(process.cwd(), file)}`)
}
