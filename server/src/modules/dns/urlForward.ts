// URL转发: what a forward is beside an ordinary record. It is two rows sharing a forwardGroup (the URL_FORWARD row
// with the target and its options, and an A row pointing the host at the forwarding server, server/src/forwarder/),
// its target may not lead back to itself through the registry's own forwards, and the forwarding server finds it by
// the name a browser asks for (findForwardByName, served to that process by http/urlForwardLookup.ts).
import { config } from '../../config.ts'
import { appError } from '../../errors.ts'
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import type { UrlForwardRedirect } from '../../generated/prisma/enums.ts'
import { normalizeHostHeader, splitRegistryName, type RegistryName } from '../../forwarder/names.ts'
import { anonymous } from '../../viewer.ts'
import { logDnsChange } from './history.ts'
import { FORWARD_DEFAULTS } from './validation.ts'

type Db = Prisma.TransactionClient | PrismaClient

export const FORWARD_STATUS: Record<UrlForwardRedirect, 301 | 302> = { PERMANENT: 301, TEMPORARY: 302 }

/**
 * The domain a name belongs to (its own name, or a 简繁 variant the unit lets resolve), when DNS publishes it: the
 * view dns_publishable_domains is the one list of the states that resolve, for PowerDNS and this forwarder alike.
 */
async function publishedDomainIdOf(db: Db, name: RegistryName): Promise<number | null> {
  const rows = await db.$queryRaw<{ domain_id: number }[]>`
    SELECT n."domain_id" FROM "domain_names" n
      JOIN "dns_publishable_domains" p ON p."domain_id" = n."domain_id"
     WHERE n."suffix"::text = ${name.suffix} AND n."a_label" = ${name.domainALabel} AND n."resolves" AND n."live"`
  return rows[0]?.domain_id ?? null
}

/** How many forwards of ours a target may pass through before the chain counts as a loop. */
export const MAX_FORWARD_HOPS = 8

/** The A row that goes with a URL_FORWARD row: the same host and TTL, at the forwarding server's address. */
export function forwardAddressRow(forward: { host: string; ttl: number; forwardGroup: string }) {
  return {
    type: 'A' as const,
    host: forward.host,
    value: config.urlForwardServerIpv4,
    ttl: forward.ttl,
    priority: null,
    forwardGroup: forward.forwardGroup,
    forwardRedirect: null,
    forwardKeepPath: null,
  }
}

export interface ForwardRule {
  /** The 主机记录 that matched: the name's own host, or `*` */
  host: string
  target: string
  redirect: UrlForwardRedirect
  keepPath: boolean
}

/** The forward that answers `name` (exact host first, then the wildcard `*` below the domain), or null. */
export async function findForwardByName(db: Db, name: RegistryName): Promise<ForwardRule | null> {
  const domainId = await publishedDomainIdOf(db, name)
  if (domainId === null) return null
  const hosts = name.host === '@' ? ['@'] : [name.host, '*']
  const rows = await db.dnsRecord.findMany({
    where: { type: 'URL_FORWARD', host: { in: hosts }, domainId },
    select: { host: true, value: true, forwardRedirect: true, forwardKeepPath: true },
  })
  const row = rows.find((candidate) => candidate.host === name.host) ?? rows[0]
  if (!row) return null
  return {
    host: row.host,
    target: row.value,
    redirect: row.forwardRedirect ?? FORWARD_DEFAULTS.forwardRedirect,
    keepPath: row.forwardKeepPath ?? FORWARD_DEFAULTS.forwardKeepPath,
  }
}

/** The registry name a URL points at (A-label form), or null when its host is not under .政务 / .公益. */
function registryNameOf(url: string): { fqdn: string; name: RegistryName } | null {
  let hostname: string
  try {
    hostname = new URL(url).hostname
  } catch {
    return null
  }
  const fqdn = normalizeHostHeader(hostname)
  const name = fqdn ? splitRegistryName(fqdn) : null
  return fqdn && name ? { fqdn, name } : null
}

/** The domain whose records a name answers with (its own name, or a 简繁 variant switched on), published or not. */
async function resolvingDomainIdOf(db: Db, name: RegistryName): Promise<number | null> {
  const rows = await db.$queryRaw<{ domain_id: number }[]>`
    SELECT "domain_id" FROM "domain_names"
     WHERE "suffix"::text = ${name.suffix} AND "a_label" = ${name.domainALabel} AND "resolves" AND "live"`
  return rows[0]?.domain_id ?? null
}

/** Whether two names are answered by one domain's records: the same name, or a domain and its resolving variant. */
async function sameDomain(db: Db, one: RegistryName, other: RegistryName): Promise<boolean> {
  if (one.suffix === other.suffix && one.domainALabel === other.domainALabel) return true
  const [oneId, otherId] = [await resolvingDomainIdOf(db, one), await resolvingDomainIdOf(db, other)]
  return oneId !== null && oneId === otherId
}

/** Whether the forward of `source` (a host of a domain, perhaps `*`) is what answers `name`. */
async function answeredBy(db: Db, source: RegistryName, name: RegistryName): Promise<boolean> {
  if (!(await sameDomain(db, source, name))) return false
  if (name.host === source.host) return true
  if (source.host !== '*' || name.host === '@') return false
  // The wildcard answers every host below the domain that has no forward of its own.
  const own = await findForwardByName(db, name)
  return own === null || own.host === '*'
}

/**
 * Whether following `target` through the registry's own forwards comes back to `source` (the forwarded host of a
 * domain, as splitRegistryName gives it) or goes round in a circle or on for more than MAX_FORWARD_HOPS names: the
 * forwarding server answers every path of a forwarded name, so a browser sent there would bounce until it gives up.
 * `source`'s own stored row (an update) counts as the new target, so the old one is never followed.
 */
export async function leadsBackTo(db: Db, source: RegistryName, target: string): Promise<boolean> {
  const seen = new Set<string>()
  let next = target
  for (let hop = 0; hop <= MAX_FORWARD_HOPS; hop++) {
    const ours = registryNameOf(next)
    if (!ours) return false
    if (seen.has(ours.fqdn) || (await answeredBy(db, source, ours.name))) return true
    seen.add(ours.fqdn)
    const forward = await findForwardByName(db, ours.name)
    if (!forward) return false
    next = forward.target
  }
  return true
}

export const FORWARD_LOOP_MESSAGE = 'URL转发的目标地址经转发后会回到本域名，形成循环，请填写其他网址'

/**
 * Refuses a forward of `source` to `target` that would loop (BAD_USER_INPUT on value, reason FORWARD_LOOP). The
 * check reads other domains' forwards, which the domain's own row lock does not hold still: two saves on two
 * domains, each to the other's name, would each see no loop and together make one. So every forward save checks
 * under one transaction-level lock over the whole forward graph, held until it commits; the second one then sees
 * the first's forward. Forward saves are rare, and the lock is taken after the domain's row lock, always in that
 * order, so it cannot deadlock with it.
 */
export async function refuseForwardLoop(
  tx: Prisma.TransactionClient,
  source: RegistryName,
  target: string,
  message = FORWARD_LOOP_MESSAGE,
) {
  await lockForwardGraph(tx)
  if (await leadsBackTo(tx, source, target)) {
    throw appError('BAD_USER_INPUT', message, {
      fields: { value: message },
      reason: 'FORWARD_LOOP',
    })
  }
}

/** The one lock over every forward save and every change that adds names the forwards answer (see refuseForwardLoop). */
async function lockForwardGraph(tx: Prisma.TransactionClient) {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('dns:url-forward-graph'))`
}

export const VARIANT_FORWARD_LOOP_MESSAGE =
  '该变体开始解析后，本域名的URL转发会经该变体转回本域名，形成循环；请先修改URL转发的目标地址'

/**
 * Refuses a 简繁 variant switched on (already written in `tx`) when a forward of its domain would then loop: the
 * variant answers with the domain's forwards, so a forward whose target is (or leads to) the variant, saved while
 * the variant did not resolve, would now send a browser round. Locks the domain's row, then the forward graph, the
 * same order as a forward save, and checks each of the domain's forwards as if saved again (CONFLICT, FORWARD_LOOP).
 */
export async function refuseVariantForwardLoop(tx: Prisma.TransactionClient, domainId: number) {
  await tx.$queryRaw`SELECT "id" FROM "domains" WHERE "id" = ${domainId} FOR UPDATE`
  await lockForwardGraph(tx)
  const [primary] = await tx.$queryRaw<{ suffix: RegistryName['suffix']; a_label: string }[]>`
    SELECT "suffix"::text AS "suffix", "a_label" FROM "domain_names" WHERE "domain_id" = ${domainId} AND "kind" = 'PRIMARY'`
  if (!primary) return
  const forwards = await tx.dnsRecord.findMany({
    where: { domainId, type: 'URL_FORWARD' },
    select: { host: true, value: true },
    orderBy: { id: 'asc' },
  })
  for (const forward of forwards) {
    const source = { suffix: primary.suffix, domainALabel: primary.a_label, host: forward.host }
    if (await leadsBackTo(tx, source, forward.value))
      throw appError('CONFLICT', VARIANT_FORWARD_LOOP_MESSAGE, { reason: 'FORWARD_LOOP' })
  }
}

/** A host of a domain as the registry name it forwards, e.g. ('www', 清丰县政府门户.政务). */
export function forwardedName(host: string, domainFullName: string): RegistryName {
  const domain = normalizeHostHeader(domainFullName)
  const name = domain ? splitRegistryName(domain) : null
  if (!name) throw new Error(`not a registry name: ${domainFullName}`)
  return { ...name, host }
}

/**
 * Points the A record of every URL forward at the forwarding server's configured address (URL_FORWARD_SERVER_IPV4),
 * for a deployment whose address changed (or a database from when it defaulted to a documentation address). Each
 * moved record is written to its domain's history and the audit log as the system's change. Returns how many moved.
 */
export async function repointForwardAddresses(prisma: PrismaClient, address = config.urlForwardServerIpv4) {
  const stale = await prisma.dnsRecord.findMany({
    where: { type: 'A', forwardGroup: { not: null }, value: { not: address } },
    include: { domain: { select: { unit: { select: { region: { select: { path: true } } } } } } },
    orderBy: { id: 'asc' },
  })
  for (const { domain, ...record } of stale) {
    await prisma.$transaction(async (tx) => {
      const moved = await tx.dnsRecord.update({ where: { id: record.id }, data: { value: address } })
      await logDnsChange(tx, SYSTEM, {
        regionPath: domain.unit.region.path,
        before: record,
        after: moved,
        reason: { cause: 'FORWARD_SERVER_MOVED' },
      })
    })
  }
  return stale.length
}

const SYSTEM = { viewer: anonymous, ip: null }
