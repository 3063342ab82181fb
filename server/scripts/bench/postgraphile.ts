// PostGraphile 4.14, the anchor of issue 21: the same review-queue page served from the same database by a server
// that only reads. It connects as a read-only role made here (SELECT on the three tables the page reads, every
// transaction read-only) and gets the county's queue from one SQL function in a schema of its own — PostGraphile's
// usual way to add a query ("custom query"); with no filter plugin there is no other way to ask for the domains
// of one county. The function is a plain LANGUAGE sql STABLE one, so PostgreSQL inlines it into PostGraphile's
// statement and plans it like a join written out.
import { randomBytes } from 'node:crypto'
import type pg from 'pg'

export const READONLY_ROLE = 'bench_readonly'
export const ANCHOR_SCHEMA = 'bench_postgraphile'

/**
 * The office's queue as ours defines it (modules/domainApplications/queue.ts): the domains waiting for the office's
 * own review whose unit is in the office's region, longest waiting first. PostGraphile 4 has no orderBy argument on
 * a function's connection; it keeps the function's order (checked against ours before timing, and in
 * tests/api/bench-anchor.test.ts).
 */
export const QUEUE_FUNCTION_SQL = `CREATE OR REPLACE FUNCTION ${ANCHOR_SCHEMA}.county_review_queue(region_code character)
  RETURNS SETOF public.domains LANGUAGE sql STABLE AS $f$
    SELECT d.* FROM public.domains d JOIN public.units u ON u.id = d."unitId"
    WHERE d.status = 'PENDING_OFFICE_REVIEW' AND u."regionCode" = region_code
    ORDER BY d."submittedAt", d.id
  $f$`

/** Creates (or refreshes) the role and the function; returns the connection string for the role. */
export async function prepareAnchor(admin: pg.Client, url: string, applicationName: string): Promise<string> {
  // A fresh password each run, for servers whose pg_hba asks for one (trust ignores it).
  const password = randomBytes(18).toString('base64url')
  await admin.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${READONLY_ROLE}') THEN CREATE ROLE ${READONLY_ROLE} LOGIN; END IF;
    END $$`)
  await admin.query(`ALTER ROLE ${READONLY_ROLE} LOGIN PASSWORD '${password}'`)
  await admin.query(`ALTER ROLE ${READONLY_ROLE} SET default_transaction_read_only = on`)
  await admin.query(`CREATE SCHEMA IF NOT EXISTS ${ANCHOR_SCHEMA}`)
  await admin.query(QUEUE_FUNCTION_SQL)
  await admin.query(`GRANT USAGE ON SCHEMA public, ${ANCHOR_SCHEMA} TO ${READONLY_ROLE}`)
  await admin.query(`GRANT SELECT ON public.domains, public.units, public.regions TO ${READONLY_ROLE}`)
  await admin.query(`GRANT EXECUTE ON FUNCTION ${ANCHOR_SCHEMA}.county_review_queue(character) TO ${READONLY_ROLE}`)
  const readonly = new URL(url)
  readonly.username = READONLY_ROLE
  readonly.password = password
  readonly.searchParams.set('application_name', applicationName)
  return readonly.toString()
}

/** Drops what prepareAnchor made (best effort: the role may still have a connection closing). */
export async function dropAnchor(admin: pg.Client) {
  await admin.query(`DROP SCHEMA IF EXISTS ${ANCHOR_SCHEMA} CASCADE`)
  await admin.query(`DO $$ BEGIN
      IF EXISTS (SELECT FROM pg_roles WHERE rolname = '${READONLY_ROLE}') THEN
        EXECUTE 'DROP OWNED BY ${READONLY_ROLE}'; EXECUTE 'DROP ROLE ${READONLY_ROLE}';
      END IF;
    END $$`)
}

/** The PostGraphile query equivalent to the portal's DomainReviewQueue page: 20 rows, unit and region, the total. */
export const ANCHOR_QUEUE_QUERY = `query CountyReviewQueue($regionCode: String!, $first: Int!) {
  countyReviewQueue(regionCode: $regionCode, first: $first) {
    totalCount
    nodes {
      id name suffix years version status submittedAt
      unitByUnitId { id name type regionByRegionCode { code name } }
    }
  }
}`

/** One row of a queue page as both servers can give it: domain id, unit id, region code. */
export interface QueueRow {
  id: string
  unitId: string
  regionCode: string
}

export interface QueuePage {
  totalCount: number
  rows: QueueRow[]
}

interface OursBody {
  data?: {
    domainReviewQueue?: {
      totalCount: number
      edges: { node: { id: string | number; unit: { id: string | number; region: { code: string } } } }[]
    }
  }
  errors?: unknown[]
}

interface AnchorBody {
  data?: {
    countyReviewQueue?: {
      totalCount: number
      nodes: { id: number; unitByUnitId: { id: number; regionByRegionCode: { code: string } } }[]
    }
  }
  errors?: unknown[]
}

export function oursPage(body: unknown): QueuePage {
  const { data, errors } = body as OursBody
  const connection = data?.domainReviewQueue
  if (errors?.length || !connection) throw new Error(`our API's queue answer has errors: ${JSON.stringify(body)}`)
  return {
    totalCount: connection.totalCount,
    rows: connection.edges.map(({ node }) => ({
      id: String(node.id),
      unitId: String(node.unit.id),
      regionCode: node.unit.region.code.trim(),
    })),
  }
}

export function anchorPage(body: unknown): QueuePage {
  const { data, errors } = body as AnchorBody
  const connection = data?.countyReviewQueue
  if (errors?.length || !connection) throw new Error(`PostGraphile's queue answer has errors: ${JSON.stringify(body)}`)
  return {
    totalCount: connection.totalCount,
    rows: connection.nodes.map((node) => ({
      id: String(node.id),
      unitId: String(node.unitByUnitId.id),
      regionCode: node.unitByUnitId.regionByRegionCode.code.trim(),
    })),
  }
}

/** The differences between two pages (empty when they list the same rows in the same order with the same total). */
export function pageDifferences(ours: QueuePage, anchor: QueuePage): string[] {
  const differences: string[] = []
  if (ours.totalCount !== anchor.totalCount)
    differences.push(`totalCount: ours ${ours.totalCount}, PostGraphile ${anchor.totalCount}`)
  if (ours.rows.length !== anchor.rows.length)
    differences.push(`rows: ours ${ours.rows.length}, PostGraphile ${anchor.rows.length}`)
  const length = Math.max(ours.rows.length, anchor.rows.length)
  for (let i = 0; i < length; i++) {
    const a = ours.rows[i]
    const b = anchor.rows[i]
    if (JSON.stringify(a) !== JSON.stringify(b))
      differences.push(`row ${i + 1}: ours ${JSON.stringify(a)}, PostGraphile ${JSON.stringify(b)}`)
  }
  if (!ours.rows.length)
    differences.push('the page is empty: nothing to compare (choose a county with pending domains)')
  return differences
}
