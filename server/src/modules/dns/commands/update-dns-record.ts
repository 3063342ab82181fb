// 修改解析: host, value, TTL and MX priority (the type stays; delete and add to change it). For a URL forward, the
// URL changes only the URL_FORWARD record, while host and TTL move its A record along so the pair stays on one
// host; the generated A record itself cannot be edited on its own.
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { logDnsChange } from '../history.ts'
import {
  BY_UNIT,
  DNS_TRANSACTION,
  dnsChangePolicy,
  findWritableRecord,
  invalid,
  refuseConflict,
  requireOwnUnit,
} from '../targets.ts'
import type { UrlForwardRedirect } from '../../../generated/prisma/enums.ts'
import { forwardedName, refuseForwardLoop } from '../urlForward.ts'
import { findConflict, validateRecord } from '../validation.ts'

export interface UpdateDnsRecordInput {
  id: string | number
  host?: string | null
  value?: string | null
  ttl?: number | null
  priority?: number | null
  /** URL_FORWARD only */
  forwardRedirect?: UrlForwardRedirect | null
  forwardKeepPath?: boolean | null
}

export const updateDnsRecord = defineCommand({
  name: 'updateDnsRecord',
  policy: dnsChangePolicy,
  scope: 'domainScope (a unit user: its own unit’s domains’ records)',
  effects: [
    'the record (and the A record of its URL forward when host or TTL move)',
    'a DnsRecordChange and audit dnsRecord.update per record',
  ],

  /** The id of the record changed. */
  async run(ctx, input: UpdateDnsRecordInput): Promise<number> {
    requireOwnUnit(ctx)
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
          ...(record.type === 'URL_FORWARD'
            ? {
                forwardRedirect: input.forwardRedirect ?? record.forwardRedirect,
                forwardKeepPath: input.forwardKeepPath ?? record.forwardKeepPath,
              }
            : { forwardRedirect: input.forwardRedirect, forwardKeepPath: input.forwardKeepPath }),
        },
        domain.fullName,
      )
      if (!checked.ok) invalid(checked.fields)
      const next = checked.record
      // The domain's other records: the forward's partner moves along, the rest must not clash with the result.
      const onDomain = await tx.dnsRecord.findMany({ where: { domainId: domain.id, id: { not: record.id } } })
      const partners = record.forwardGroup ? onDomain.filter((other) => other.forwardGroup === record.forwardGroup) : []
      refuseConflict(
        findConflict(
          next,
          onDomain.filter((other) => !partners.includes(other)),
        ),
      )
      if (next.type === 'URL_FORWARD')
        await refuseForwardLoop(tx, forwardedName(next.host, domain.fullName), next.value)

      const updated = await tx.dnsRecord.update({
        where: { id: record.id },
        data: {
          host: next.host,
          value: next.value,
          ttl: next.ttl,
          priority: next.priority,
          forwardRedirect: next.forwardRedirect,
          forwardKeepPath: next.forwardKeepPath,
        },
      })
      await logDnsChange(tx, ctx, { regionPath: domain.regionPath, before: record, after: updated, reason: BY_UNIT })
      for (const partner of partners) {
        if (partner.host === next.host && partner.ttl === next.ttl) continue
        const moved = await tx.dnsRecord.update({ where: { id: partner.id }, data: { host: next.host, ttl: next.ttl } })
        await logDnsChange(tx, ctx, { regionPath: domain.regionPath, before: partner, after: moved, reason: BY_UNIT })
      }
      return record.id
    }, DNS_TRANSACTION)
  },
})
