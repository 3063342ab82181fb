// Pieces shared by the benchmarks that drive the real app in-process with an API token and the portal's persisted
// documents (bench-statistics.ts, bench-node.ts, bench-api.ts).
import { readFileSync } from 'node:fs'
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
