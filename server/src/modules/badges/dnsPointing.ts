// 重新解析: the badge's Chinese domain (the site application's .政务/.公益 domain) forwards to the site that carries
// the badge, as the seed's manual step does (主机记录 @, 记录类型 URL转发, 目标地址 the site): a self-built site
// at http://<englishDomain>/, a micro-site at its public address. The forward is the usual pair (URL_FORWARD plus
// the A record to the forwarding server, see dns/urlForward.ts; 302 without the request's path, since the site's
// own paths are not the Chinese domain's) with a forwardGroup naming the badge, so a later
// change replaces it. A cancellation removes every URL forward of the Chinese domain, the badge's and any the unit
// added itself, as the 注销 form promises. Runs inside the caller's transaction; every record it adds or deletes
// is audited and written to the domain's history (dns/history.ts) with the badge and the request behind it.
import type { Context } from '../../context.ts'
import type { DnsRecord, Prisma } from '../../generated/prisma/client.ts'
import type { BadgePlacement } from '../../generated/prisma/enums.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { logDnsChange, type DnsChangeReason } from '../dns/history.ts'
import { forwardAddressRow, forwardedName, refuseForwardLoop } from '../dns/urlForward.ts'
import { DEFAULT_TTL, FORWARD_DEFAULTS, findConflict } from '../dns/validation.ts'
import { microSitePath, publicUrl } from './snippet.ts'

type Tx = Prisma.TransactionClient

export interface PointedBadge {
  id: number
  unitId: number
  siteApplicationId: number
  placement: BadgePlacement
  englishDomain: string | null
}

/** The host the badge's forward sits on: the Chinese domain itself. */
export const BADGE_FORWARD_HOST = '@'

/** The forwardGroup of the records a badge created (fits the 36-character column). */
export const badgeForwardGroup = (badgeId: number) => `badge-${badgeId}`

/** Where the Chinese domain should lead for this badge. */
export function forwardTarget(badge: Pick<PointedBadge, 'placement' | 'englishDomain' | 'unitId'>): string {
  if (badge.placement === 'SELF_BUILT' && badge.englishDomain) return `http://${badge.englishDomain}/`
  return publicUrl(microSitePath(badge.unitId))
}

/** The badge's Chinese domain, locked like a DNS change (dns/service.ts serialises changes per domain the same way). */
async function lockedChineseDomain(tx: Tx, siteApplicationId: number) {
  const app = await tx.siteApplication.findUnique({
    where: { id: siteApplicationId },
    select: {
      chineseDomain: {
        select: { id: true, name: true, suffix: true, unit: { select: { region: { select: { path: true } } } } },
      },
    },
  })
  const domain = app?.chineseDomain
  if (!domain) return null
  await tx.$queryRaw`SELECT "id" FROM "domains" WHERE "id" = ${domain.id} FOR UPDATE`
  return { id: domain.id, fullName: `${domain.name}${SUFFIX_TEXT[domain.suffix]}`, regionPath: domain.unit.region.path }
}

const BADGE_FORWARD_LOOP_MESSAGE = '该网站地址经URL转发后会回到本中文域名，形成循环，不能将中文域名转发到该地址'

async function deleteRecords(
  tx: Tx,
  ctx: Pick<Context, 'viewer' | 'ip'>,
  regionPath: string,
  records: DnsRecord[],
  reason: DnsChangeReason,
) {
  if (!records.length) return
  await tx.dnsRecord.deleteMany({ where: { id: { in: records.map((record) => record.id) } } })
  for (const record of records) await logDnsChange(tx, ctx, { regionPath, before: record, reason })
}

/** The records of a set plus their URL-forward partners. */
async function withPartners(tx: Tx, domainId: number, records: DnsRecord[]): Promise<DnsRecord[]> {
  const groups = [...new Set(records.map((record) => record.forwardGroup).filter((group): group is string => !!group))]
  const partners = groups.length
    ? await tx.dnsRecord.findMany({ where: { domainId, forwardGroup: { in: groups } } })
    : []
  const byId = new Map<number, DnsRecord>()
  for (const record of [...records, ...partners]) byId.set(record.id, record)
  return [...byId.values()].sort((a, b) => a.id - b.id)
}

/** What made the badge point its domain: its issue, or an approved 变更 request. */
export type PointingCause = { cause: 'BADGE_ISSUED' } | { cause: 'BADGE_CHANGED'; badgeChangeRequestId: number }

/**
 * Points the badge's Chinese domain at its site: removes the badge's earlier forward and whatever else on host @
 * would clash with a URL forward (an A/AAAA, a CNAME or another forward, with their partners), then adds the
 * URL_FORWARD record and its A record. Returns the forward record, or null when the application has no Chinese domain.
 */
export async function pointChineseDomain(
  tx: Tx,
  ctx: Context,
  badge: PointedBadge,
  why: PointingCause,
): Promise<DnsRecord | null> {
  const domain = await lockedChineseDomain(tx, badge.siteApplicationId)
  if (!domain) return null
  const reason: DnsChangeReason = { ...why, badgeId: badge.id }
  const target = forwardTarget(badge)
  const forwardGroup = badgeForwardGroup(badge.id)
  // The same check as a forward the unit saves (a micro-site address under .政务/.公益 may forward back here).
  await refuseForwardLoop(tx, forwardedName(BADGE_FORWARD_HOST, domain.fullName), target, BADGE_FORWARD_LOOP_MESSAGE)
  const existing = await tx.dnsRecord.findMany({ where: { domainId: domain.id }, orderBy: { id: 'asc' } })
  const clashing = existing.filter(
    (record) =>
      record.forwardGroup === forwardGroup ||
      (record.host === BADGE_FORWARD_HOST &&
        findConflict({ type: 'URL_FORWARD', host: BADGE_FORWARD_HOST, value: target }, [record]) !== null),
  )
  await deleteRecords(tx, ctx, domain.regionPath, await withPartners(tx, domain.id, clashing), reason)

  const rows = [
    {
      type: 'URL_FORWARD' as const,
      host: BADGE_FORWARD_HOST,
      value: target,
      ttl: DEFAULT_TTL,
      priority: null,
      forwardGroup,
      ...FORWARD_DEFAULTS,
    },
    forwardAddressRow({ host: BADGE_FORWARD_HOST, ttl: DEFAULT_TTL, forwardGroup }),
  ]
  let forward: DnsRecord | null = null
  for (const row of rows) {
    const saved = await tx.dnsRecord.create({ data: { domainId: domain.id, ...row } })
    if (row.type === 'URL_FORWARD') forward = saved
    await logDnsChange(tx, ctx, { regionPath: domain.regionPath, after: saved, reason })
  }
  return forward
}

/**
 * On an approved 注销: removes every URL forward of the badge's Chinese domain with its partner record, whoever made
 * it (the badge's own, or one the unit added on any host), since the cancelled badge's site no longer stands behind
 * the domain. Records that are no forward stay. Returns the ids deleted.
 */
export async function removeChineseDomainForwards(
  tx: Tx,
  ctx: Pick<Context, 'viewer' | 'ip'>,
  badge: Pick<PointedBadge, 'id' | 'siteApplicationId'>,
  /** The approved badge 注销 request, the approved 域名注销 the badge goes with, or the 机构改革 that cancels it. */
  cancelledBy: number | { domainCancellationRequestId: number } | { reorganisationId: number },
): Promise<number[]> {
  const domain = await lockedChineseDomain(tx, badge.siteApplicationId)
  if (!domain) return []
  const forwards = await tx.dnsRecord.findMany({
    where: { domainId: domain.id, OR: [{ type: 'URL_FORWARD' }, { forwardGroup: badgeForwardGroup(badge.id) }] },
    orderBy: { id: 'asc' },
  })
  const doomed = await withPartners(tx, domain.id, forwards)
  await deleteRecords(
    tx,
    ctx,
    domain.regionPath,
    doomed,
    typeof cancelledBy === 'number'
      ? { cause: 'BADGE_CANCELLED', badgeId: badge.id, badgeChangeRequestId: cancelledBy }
      : { cause: 'BADGE_CANCELLED', badgeId: badge.id, ...cancelledBy },
  )
  return doomed.map((record) => record.id)
}
