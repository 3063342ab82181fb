// The review queue (待审核域名 / CONAC 审核) read in one statement: a page of rows with the relations the portal's
// queue page shows (unit and its region with the names on its path, the applying office, the review decisions with
// their office and reviewer), and with it the counts that both domainReviewQueueSummary and the connection's
// totalCount show (a statement of their own when they are asked for before the page). Prisma without relation joins would load each relation with a query
// of its own; here the page's rows come with them as JSON, shaped as Prisma would return them, so the Pothos
// relation fields resolve from the row.
//
// The page query follows Prisma's own for `findMany({ where, orderBy: [waiting asc, id asc], cursor, skip, take })`
// (the same rows, order and cursor semantics); a selection it does not cover goes to that findMany instead.
import type { Context } from '../../context.ts'
import { forbidden } from '../../errors.ts'
import { queryPrepared } from '../../db/prepared.ts'
import { Prisma } from '../../generated/prisma/client.ts'
import { fromJsonRow, parseJsonColumn, toDate } from '../../lib/jsonRows.ts'
import { primeRegionNames } from '../../lib/regionNames.ts'
import { isConac, localOfficeOf } from '../../lib/scope.ts'

type Json = Record<string, unknown>

/** Whose queue: CONAC's (OFFICE_APPROVED, waiting since updatedAt) or an office's (its same-level units). */
function queueOf(ctx: Context) {
  if (isConac(ctx.viewer)) return { conac: true as const, regionCode: null, waiting: Prisma.raw('"updatedAt"') }
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden('只有编办或 CONAC 工作人员有待审核队列')
  // A region's path ends with its own code (/100000/410000/410900/410922/).
  const regionCode = office.regionPath.split('/').filter(Boolean).at(-1)!
  return { conac: false as const, regionCode, waiting: Prisma.raw('"submittedAt"') }
}

/**
 * FROM and WHERE of the queue (mirrors reviewQueueWhere in reads.ts), over `domains d`. An office's: the pending
 * domains whose unit is in the office's region, which the triggers of migration 20261207103500_office_queue_region
 * carry on the domain as queueRegionCode, so the partial index domains_office_queue_idx finds them (and in
 * submission order) without going through every unit of the region.
 */
function queueFrom(queue: ReturnType<typeof queueOf>): Prisma.Sql {
  return queue.conac
    ? Prisma.sql`FROM domains d WHERE d.status = 'OFFICE_APPROVED'`
    : Prisma.sql`FROM domains d WHERE d.status = 'PENDING_OFFICE_REVIEW' AND d."queueRegionCode" = ${queue.regionCode}::bpchar`
}

export interface QueueCounts {
  pending: number
  oldestSubmittedAt: Date | null
  overThreeDays: number
}

const counts = new WeakMap<object, Promise<QueueCounts>>()

/** The statement of the counts, one row with one jsonb column `counts`; also a scalar subquery of the page's. */
function countsStatement(queue: ReturnType<typeof queueOf>): Prisma.Sql {
  const threeDaysAgo = new Date(Date.now() - 3 * 86_400_000).toISOString()
  const w = Prisma.sql`d.${queue.waiting}`
  return Prisma.sql`
    SELECT jsonb_build_object(
      'pending', count(*),
      'oldest', min(${w}),
      'over', count(*) FILTER (WHERE ${w} < (${threeDaysAgo}::timestamptz AT TIME ZONE 'UTC'))
    ) AS counts
    ${queueFrom(queue)}`
}

function countsOf(json: unknown): QueueCounts {
  const { pending, oldest, over } = parseJsonColumn<{ pending: number; oldest: string | null; over: number }>(json)
  return { pending, overThreeDays: over, oldestSubmittedAt: oldest == null ? null : toDate(oldest) }
}

/**
 * How many wait, the oldest, and how many for more than three days: shared by the request, read by the page's own
 * statement when the page came first (reviewQueuePage), else by a statement of its own.
 */
export function reviewQueueCounts(ctx: Context): Promise<QueueCounts> {
  let loaded = counts.get(ctx)
  if (!loaded) {
    loaded = queryPrepared<{ counts: unknown }>(ctx.prisma, countsStatement(queueOf(ctx))).then(([row]) =>
      countsOf(row!.counts),
    )
    counts.set(ctx, loaded)
  }
  return loaded
}

// ---------------------------------------------------------------------------------------------------------------
// The page

/** What Pothos asks of a relation: `true`, or { include/select, orderBy, ... }. */
type RelationQuery =
  | true
  | { include?: Record<string, unknown>; select?: Record<string, unknown>; orderBy?: unknown; [key: string]: unknown }

/** The relations the page statement can load, as found in the Pothos query; null when it asks for more. */
interface PagePlan {
  unit: boolean
  region: boolean
  submittedByOffice: boolean
  reviewDecisions: boolean
  decisionOffice: boolean
  decisionReviewer: boolean
}

/** An include of exactly these keys (each `true` or plain `{}`), else null. */
function includeOf(query: RelationQuery, allowed: Record<string, (value: unknown) => boolean>): Set<string> | null {
  if (query === true) return new Set()
  const { include, ...rest } = query
  if (Object.keys(rest).length) return null
  const keys = new Set<string>()
  for (const [key, value] of Object.entries(include ?? {})) {
    if (value === undefined || value === false) continue
    if (!allowed[key]?.(value)) return null
    keys.add(key)
  }
  return keys
}

const isBare = (value: unknown) =>
  value === true || (typeof value === 'object' && value !== null && includeOf(value as RelationQuery, {})?.size === 0)
const sameJson = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b)

function planFor(query: Json): PagePlan | null {
  const { include, take, skip, cursor, ...rest } = query
  if (Object.keys(rest).length) return null
  let unitRegion = false
  let decisionOffice = false
  let decisionReviewer = false
  const top = includeOf(
    { include: include as Record<string, unknown> | undefined },
    {
      unit: (value) => {
        const nested = includeOf(value as RelationQuery, { region: isBare })
        unitRegion = !!nested?.has('region')
        return nested !== null
      },
      submittedByOffice: isBare,
      // Domain.reviewDecisions: every decision, oldest first (not latestRejection's filtered one).
      reviewDecisions: (value) => {
        if (typeof value !== 'object' || value === null) return false
        const { orderBy, ...relation } = value as Exclude<RelationQuery, true>
        if (!sameJson(orderBy, { id: 'asc' })) return false
        const nested = includeOf(relation, {
          office: isBare,
          reviewer: (reviewer) => sameJson(reviewer, { select: { displayName: true } }),
        })
        decisionOffice = !!nested?.has('office')
        decisionReviewer = !!nested?.has('reviewer')
        return nested !== null
      },
    },
  )
  if (!top) return null
  return {
    unit: top.has('unit'),
    region: unitRegion,
    submittedByOffice: top.has('submittedByOffice'),
    reviewDecisions: top.has('reviewDecisions'),
    decisionOffice,
    decisionReviewer,
  }
}

interface PageRow {
  domain: Json
  unit?: Json
  region?: Json
  regionNames?: Record<string, string> | null
  submittedByOffice?: Json | null
  reviewDecisions?: (Json & { office?: Json; reviewer?: Json })[]
}

/**
 * A page of the queue for the Pothos connection `query` ({ include, take, skip, cursor }), in one statement, or
 * null when the selection needs relations this statement does not load (the caller then uses Prisma).
 */
export async function reviewQueuePage(ctx: Context, query: Json): Promise<Json[] | null> {
  const plan = planFor(query)
  if (!plan) return null
  const queue = queueOf(ctx)
  const take = Number(query.take)
  const skip = Number(query.skip ?? 0)
  const cursorId = (query.cursor as { id?: number } | undefined)?.id
  if (
    !Number.isSafeInteger(take) ||
    !Number.isSafeInteger(skip) ||
    (query.cursor !== undefined && !Number.isSafeInteger(cursorId))
  )
    return null

  // Prisma pages backwards (negative take) by reversing the order, then hands the rows back in forward order.
  const backward = take < 0
  const direction = Prisma.raw(backward ? 'DESC' : 'ASC')
  const w = queue.waiting
  // Prisma's cursor: rows from the cursor row's position on (inclusive; `skip: 1` then drops the first row).
  // An unknown cursor id matches nothing, as with Prisma.
  const cursorCondition =
    cursorId === undefined
      ? Prisma.empty
      : Prisma.sql`AND (d.${w}, d.id) ${Prisma.raw(backward ? '<=' : '>=')} (SELECT c.${w}, c.id FROM domains c WHERE c.id = ${cursorId})`

  const needRegion = plan.unit && plan.region
  const decisionParts: Prisma.Sql[] = []
  if (plan.decisionOffice) decisionParts.push(Prisma.sql`'office', to_jsonb(ro)`)
  if (plan.decisionReviewer)
    decisionParts.push(Prisma.sql`'reviewer', jsonb_build_object('displayName', ru."displayName")`)
  const decisions = plan.reviewDecisions
    ? Prisma.sql`, 'reviewDecisions', coalesce((
        SELECT jsonb_agg(to_jsonb(rd) || jsonb_build_object(${decisionParts.length ? Prisma.join(decisionParts, ', ') : Prisma.empty}) ORDER BY rd.id)
        FROM review_decisions rd
        ${plan.decisionOffice ? Prisma.sql`JOIN offices ro ON ro.id = rd."officeId"` : Prisma.empty}
        ${plan.decisionReviewer ? Prisma.sql`JOIN users ru ON ru.id = rd."reviewerId"` : Prisma.empty}
        WHERE rd."domainId" = p.id), '[]'::jsonb)`
    : Prisma.empty

  // The counts ride along when nothing has asked for them yet: the portal's page shows them (totalCount, the
  // summary), and one statement instead of two saves a round trip, a bind and an execute per request. A request that
  // does not show them pays an index-only count of the queue.
  const withCounts = !counts.has(ctx)
  const statement = queryPrepared<{ counts?: unknown; rows: unknown }>(
    ctx.prisma,
    Prisma.sql`
    WITH p AS (
      SELECT d.* ${queueFrom(queue)} ${cursorCondition}
      ORDER BY d.${w} ${direction}, d.id ${direction}
      LIMIT ${Math.abs(take)} OFFSET ${skip}
    )
    SELECT ${withCounts ? Prisma.sql`(${countsStatement(queue)}) AS counts,` : Prisma.empty} (
      SELECT coalesce(jsonb_agg(jsonb_build_object(
        'domain', to_jsonb(p)
        ${plan.unit ? Prisma.sql`, 'unit', to_jsonb(u)` : Prisma.empty}
        ${needRegion ? Prisma.sql`, 'region', to_jsonb(r), 'regionNames', (SELECT jsonb_object_agg(l.code, l.name) FROM regions l WHERE l.code = ANY (CAST(string_to_array(btrim(r.path, '/'), '/') AS bpchar[])))` : Prisma.empty}
        ${plan.submittedByOffice ? Prisma.sql`, 'submittedByOffice', to_jsonb(o)` : Prisma.empty}
        ${decisions}
      ) ORDER BY p.${w} ASC, p.id ASC), '[]'::jsonb)
      FROM p
      ${plan.unit ? Prisma.sql`JOIN units u ON u.id = p."unitId"` : Prisma.empty}
      ${needRegion ? Prisma.sql`JOIN regions r ON r.code = u."regionCode"` : Prisma.empty}
      ${plan.submittedByOffice ? Prisma.sql`LEFT JOIN offices o ON o.id = p."submittedByOfficeId"` : Prisma.empty}
    ) AS rows`,
  )
  if (withCounts) {
    const loaded = statement.then(([result]) => countsOf(result!.counts))
    // The page's own await reports a failure; the counts may never be asked for.
    loaded.catch(() => {})
    counts.set(ctx, loaded)
  }
  const [result] = await statement
  const rows = parseJsonColumn<PageRow[]>(result!.rows)

  return rows.map((page) => {
    const domain = fromJsonRow('Domain', page.domain)
    if (plan.unit) {
      const unit = fromJsonRow('Unit', page.unit!)
      if (needRegion) {
        unit.region = fromJsonRow('Region', page.region!)
        if (page.regionNames) primeRegionNames(ctx, page.regionNames)
      }
      domain.unit = unit
    }
    if (plan.submittedByOffice)
      domain.submittedByOffice = page.submittedByOffice ? fromJsonRow('Office', page.submittedByOffice) : null
    if (plan.reviewDecisions) {
      domain.reviewDecisions = page.reviewDecisions!.map((json) => {
        const decision = fromJsonRow('ReviewDecision', json)
        if (plan.decisionOffice) decision.office = fromJsonRow('Office', json.office!)
        if (plan.decisionReviewer) decision.reviewer = { displayName: json.reviewer!.displayName }
        return decision
      })
    }
    return domain
  })
}
