// 域名解析: who may change a registered domain's DNS records, and the rows a change acts on. Only the unit's own
// users change them; offices and CONAC read them through Domain.dnsRecords. Every change is audited and written to
// the domain's history (history.ts) in the same transaction; the commands are in commands/.
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { domainScope, ownUnitOf } from '../../lib/scope.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import type { DnsChangeReason } from './history.ts'
import type { ExistingRecord, FieldErrors } from './validation.ts'

type Tx = Prisma.TransactionClient

/** The DNS commands' policy: staff (and their API tokens) get FORBIDDEN, never a silent no-op. */
export const dnsChangePolicy: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: only the domain’s own unit’s users (domainScope; NOT_FOUND otherwise); the domain must be REGISTERED',
  refusal: '只有注册单位可以修改本单位域名的解析记录，编办和 CONAC 只能查看',
}

/** A unit user of a unit (the policy admitted unit users; one without a unit is refused the same way). */
export function requireOwnUnit(ctx: Context): void {
  if (ownUnitOf(ctx.viewer) == null) throw forbidden(dnsChangePolicy.refusal)
}

export const BY_UNIT: DnsChangeReason = { cause: 'UNIT' }

/** A DNS change waits for others on its domain (and a forward for every forward save): more than Prisma's 5 s. */
export const DNS_TRANSACTION = { maxWait: 30_000, timeout: 30_000 } as const

const domainSelect = {
  id: true,
  name: true,
  suffix: true,
  status: true,
  unit: { select: { region: { select: { path: true } } } },
} as const

/** The viewer's domain (NOT_FOUND outside the scope), which must be registered to carry DNS records. */
export async function findWritableDomain(db: Tx, ctx: Context, id: number) {
  const domain = Number.isSafeInteger(id)
    ? await db.domain.findFirst({ where: { AND: [{ id }, domainScope(ctx.viewer)] }, select: domainSelect })
    : null
  if (!domain) throw notFound('域名')
  return lockWritable(db, domain)
}

/** A record of the viewer's unit's domains, read with its domain in one statement, checked like findWritableDomain. */
export async function findWritableRecord(db: Tx, ctx: Context, id: string | number) {
  const recordId = Number(id)
  const found = Number.isSafeInteger(recordId)
    ? await db.dnsRecord.findFirst({
        where: { id: recordId, domain: domainScope(ctx.viewer) },
        include: { domain: { select: domainSelect } },
      })
    : null
  if (!found) throw notFound('解析记录')
  const locked = await lockWritable(db, found.domain)
  // Read again under the domain's lock: a change that committed while this one waited (another edit of the same
  // record, its deletion) is what this one builds on, not the row as it was before.
  const record = await db.dnsRecord.findUnique({ where: { id: recordId } })
  if (!record) throw notFound('解析记录')
  return { record, domain: locked }
}

type DomainRow = {
  id: number
  name: string
  suffix: keyof typeof SUFFIX_TEXT
  status: string
  unit: { region: { path: string } }
}

async function lockWritable(db: Tx, domain: DomainRow) {
  if (domain.status !== 'REGISTERED') throw appError('CONFLICT', '只有注册成功的域名才能设置解析')
  // Serialise changes per domain: the conflict checks read the other records, and no index can enforce them.
  await db.$queryRaw`SELECT "id" FROM "domains" WHERE "id" = ${domain.id} FOR UPDATE`
  return { ...domain, fullName: `${domain.name}${SUFFIX_TEXT[domain.suffix]}`, regionPath: domain.unit.region.path }
}

export function invalid(fields: FieldErrors): never {
  throw badInput('解析记录填写有误', fields as Record<string, string>)
}

export async function othersOnDomain(db: Tx, domainId: number, exclude: number[]): Promise<ExistingRecord[]> {
  return db.dnsRecord.findMany({
    where: { domainId, id: { notIn: exclude } },
    select: { id: true, type: true, host: true, value: true, priority: true },
  })
}

/** A record would clash with another on its host (CNAME beside other records, a duplicate …): CONFLICT on host. */
export function refuseConflict(conflict: { message: string } | null): void {
  if (conflict) throw appError('CONFLICT', conflict.message, { fields: { host: conflict.message } })
}
