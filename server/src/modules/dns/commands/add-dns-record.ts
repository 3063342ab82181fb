// 添加解析. A URL forward (URL转发) becomes TWO records sharing a new forwardGroup, as the old system did (seed 002:
// 添加解析 URL转发 … 自动生成两条记录): the URL_FORWARD record (host -> target URL) and an A record for the same host
// pointing at the registry's forwarding server, which answers with the redirect. Deleting either deletes both;
// updating the URL changes only the URL_FORWARD record.
import { randomUUID } from 'node:crypto'
import { defineCommand } from '../../../commands/define.ts'
import type { DnsRecordType, UrlForwardRedirect } from '../../../generated/prisma/enums.ts'
import { logDnsChange } from '../history.ts'
import {
  BY_UNIT,
  DNS_TRANSACTION,
  dnsChangePolicy,
  findWritableDomain,
  invalid,
  othersOnDomain,
  refuseConflict,
  requireOwnUnit,
} from '../targets.ts'
import { forwardAddressRow, forwardedName, refuseForwardLoop } from '../urlForward.ts'
import { findConflict, validateRecord } from '../validation.ts'

export interface AddDnsRecordInput {
  domainId: string | number
  host: string
  type: DnsRecordType
  value: string
  ttl?: number | null
  priority?: number | null
  forwardRedirect?: UrlForwardRedirect | null
  forwardKeepPath?: boolean | null
}

export const addDnsRecord = defineCommand({
  name: 'addDnsRecord',
  policy: dnsChangePolicy,
  scope: 'domainScope (a unit user: its own unit’s domains)',
  effects: ['one DNS record, or two for a URL forward', 'a DnsRecordChange and audit dnsRecord.add per record'],

  /** The ids of the records created. */
  async run(ctx, input: AddDnsRecordInput): Promise<number[]> {
    requireOwnUnit(ctx)
    return ctx.prisma.$transaction(async (tx) => {
      const domain = await findWritableDomain(tx, ctx, Number(input.domainId))
      const checked = validateRecord(input, domain.fullName)
      if (!checked.ok) invalid(checked.fields)
      const record = checked.record
      refuseConflict(findConflict(record, await othersOnDomain(tx, domain.id, [])))
      if (record.type === 'URL_FORWARD')
        await refuseForwardLoop(tx, forwardedName(record.host, domain.fullName), record.value)

      const forwardGroup: string | null = record.type === 'URL_FORWARD' ? randomUUID() : null
      const rows = [{ ...record, forwardGroup }]
      if (forwardGroup) rows.push(forwardAddressRow({ host: record.host, ttl: record.ttl, forwardGroup }))
      const created: number[] = []
      for (const row of rows) {
        const saved = await tx.dnsRecord.create({ data: { ...row, domainId: domain.id } })
        created.push(saved.id)
        await logDnsChange(tx, ctx, { regionPath: domain.regionPath, after: saved, reason: BY_UNIT })
      }
      return created
    }, DNS_TRANSACTION)
  },
})
