// 域名解析: the rules for changing a registered domain's DNS records. Only the unit's own users change them;
// offices and CONAC read them through Domain.dnsRecords. Every change is audited and written to the domain's
// history (history.ts) in the same transaction.
import { randomUUID } from 'node:crypto'
import { config } from '../../config.ts'
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { DnsRecord, Prisma } from '../../generated/prisma/client.ts'
import type { DnsRecordType } from '../../generated/prisma/enums.ts'
import { domainScope } from '../../lib/scope.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { logDnsChange, type DnsChangeReason } from './history.ts'
import { findConflict, validateRecord, type ExistingRecord, type FieldErrors } from './validation.ts'

export interface AddDnsRecordInput {
  domainId: string | number
  host: string
  type: DnsRecordType
  value: string
  ttl?: number | null
  priority?: number | null
}

export interface UpdateDnsRecordInput {
  id: string | number
  host?: string | null
  value?: string | null
  ttl?: number | null
  priority?: number | null
}

type Tx = Prisma.TransactionClient

const BY_UNIT: DnsChangeReason = { cause: 'UNIT' }

/** Only unit users change DNS; staff (and their API tokens) get FORBIDDEN, never a silent no-op. */
function requireUnitUser(ctx: Context) {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER' || viewer.unitId == null) {
    throw forbidden('只有注册单位可以修改本单位域名的解析记录，编办和 CONAC 只能查看')
  }
  return viewer
}

const domainSelect = { id: true, name: true, suffix: true, status: true, unit: { select: { region: { select: { path: true } } } } } as const

/** The viewer's domain (NOT_FOUND outside the scope), which must be registered to carry DNS records. */
async function findWritableDomain(db: Tx, ctx: Context, id: number) {
  const domain = Number.isSafeInteger(id)
    ? await db.domain.findFirst({ where: { AND: [{ id }, domainScope(ctx.viewer)] }, select: domainSelect })
    : null
  if (!domain) throw notFound('域名')
  if (domain.status !== 'REGISTERED') throw appError('CONFLICT', '只有注册成功的域名才能设置解析')
  // Serialise changes per domain: the conflict checks read the other records, and no index can enforce them.
  await db.$queryRaw`SELECT "id" FROM "domains" WHERE "id" = ${domain.id} FOR UPDATE`
  return { ...domain, fullName: `${domain.name}${SUFFIX_TEXT[domain.suffix]}`, regionPath: domain.unit.region.path }
}

/** A record of the viewer's unit's domains, with its domain checked like findWritableDomain. */
async function findWritableRecord(db: Tx, ctx: Context, id: string | number) {
  const recordId = Number(id)
  const record = Number.isSafeInteger(recordId)
    ? await db.dnsRecord.findFirst({ where: { id: recordId, domain: domainScope(ctx.viewer) } })
    : null
  if (!record) throw notFound('解析记录')
  const domain = await findWritableDomain(db, ctx, record.domainId)
  return { record, domain }
}

function invalid(fields: FieldErrors): never {
  throw badInput('解析记录填写有误', fields as Record<string, string>)
}

async function othersOnDomain(db: Tx, domainId: number, exclude: number[]): Promise<ExistingRecord[]> {
  return db.dnsRecord.findMany({
    where: { domainId, id: { notIn: exclude } },
    select: { id: true, type: true, host: true, value: true, priority: true },
  })
}

/**
 * 添加解析. A URL forward (URL转发) becomes TWO records sharing a new forwardGroup, as the old system did
 * (seed 002: 添加解析 URL转发 … 自动生成两条记录): the URL_FORWARD record (host -> target URL) and an A record
 * for the same host pointing at the registry's forwarding server, which answers with the redirect. Deleting
 * either deletes both; updating the URL changes only the URL_FORWARD record.
 */
export async function addDnsRecord(ctx: Context, input: AddDnsRecordInput): Promise<DnsRecord[]> {
  requireUnitUser(ctx)
  return ctx.prisma.$transaction(async (tx) => {
    const domain = await findWritableDomain(tx, ctx, Number(input.domainId))
    const checked = validateRecord(input, domain.fullName)
    if (!checked.ok) invalid(checked.fields)
    const record = checked.record
    const conflict = findConflict(record, await othersOnDomain(tx, domain.id, []))
    if (conflict) throw appError('CONFLICT', conflict.message, { fields: { host: conflict.message } })

    const forwardGroup = record.type === 'URL_FORWARD' ? randomUUID() : null
    const rows = [{ ...record, forwardGroup }]
    if (forwardGroup) {
      rows.push({ type: 'A', host: record.host, value: config.urlForwardServerIpv4, ttl: record.ttl, priority: null, forwardGroup })
    }
    const created: DnsRecord[] = []
    for (const row of rows) {
      const saved = await tx.dnsRecord.create({ data: { ...row, domainId: domain.id } })
      created.push(saved)
      await logDnsChange(tx, ctx, { regionPath: domain.regionPath, after: saved, reason: BY_UNIT })
    }
    return created
  })
}

/**
 * 修改解析: host, value, TTL and MX priority (the type stays; delete and add to change it). For a URL forward,
 * the URL changes only the URL_FORWARD record, while host and TTL move its A record along so the pair stays on
 * one host; the generated A record itself cannot be edited on its own.
 */
export async function updateDnsRecord(ctx: Context, input: UpdateDnsRecordInput): Promise<DnsRecord> {
  requireUnitUser(ctx)
  return ctx.prisma.$transaction(async (tx) => {
    const { record, domain } = await findWritableRecord(tx, ctx, input.id)
    if (record.forwardGroup && record.type !== 'URL_FORWARD') {
      throw appError('CONFLICT', '该 A 记录由 URL转发自动生成，请修改对应的 URL转发记录')
    }
    const checked = validateRecord(
      {
        type: record.type,
        host: input.host ?? record.host,
        value: input.value ?? record.value,
        ttl: input.ttl ?? record.ttl,
        priority: record.type === 'MX' ? (input.priority ?? record.priority) : input.priority,
      },
      domain.fullName,
    )
    if (!checked.ok) invalid(checked.fields)
    const next = checked.record
    const partners = record.forwardGroup
      ? await tx.dnsRecord.findMany({ where: { forwardGroup: record.forwardGroup, id: { not: record.id } } })
      : []
    const conflict = findConflict(next, await othersOnDomain(tx, domain.id, [record.id, ...partners.map((p) => p.id)]))
    if (conflict) throw appError('CONFLICT', conflict.message, { fields: { host: conflict.message } })

    const updated = await tx.dnsRecord.update({
      where: { id: record.id },
      data: { host: next.host, value: next.value, ttl: next.ttl, priority: next.priority },
    })
    await logDnsChange(tx, ctx, { regionPath: domain.regionPath, before: record, after: updated, reason: BY_UNIT })
    for (const partner of partners) {
      if (partner.host === next.host && partner.ttl === next.ttl) continue
      const moved = await tx.dnsRecord.update({ where: { id: partner.id }, data: { host: next.host, ttl: next.ttl } })
      await logDnsChange(tx, ctx, { regionPath: domain.regionPath, before: partner, after: moved, reason: BY_UNIT })
    }
    return updated
  })
}

/** 删除解析. Deleting either record of a URL forward deletes both. Returns the ids deleted. */
export async function deleteDnsRecord(ctx: Context, id: string | number): Promise<number[]> {
  requireUnitUser(ctx)
  return ctx.prisma.$transaction(async (tx) => {
    const { record, domain } = await findWritableRecord(tx, ctx, id)
    const doomed = record.forwardGroup
      ? await tx.dnsRecord.findMany({ where: { domainId: domain.id, forwardGroup: record.forwardGroup }, orderBy: { id: 'asc' } })
      : [record]
    await tx.dnsRecord.deleteMany({ where: { id: { in: doomed.map((row) => row.id) } } })
    for (const row of doomed) await logDnsChange(tx, ctx, { regionPath: domain.regionPath, before: row, reason: BY_UNIT })
    return doomed.map((row) => row.id)
  })
}
