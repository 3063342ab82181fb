// 删除解析. Deleting either record of a URL forward deletes both.
import { defineCommand } from '../../../commands/define.ts'
import { logDnsChange } from '../history.ts'
import { BY_UNIT, DNS_TRANSACTION, dnsChangePolicy, findWritableRecord, requireOwnUnit } from '../targets.ts'

export const deleteDnsRecord = defineCommand({
  name: 'deleteDnsRecord',
  policy: dnsChangePolicy,
  scope: 'domainScope (a unit user: its own unit’s domains’ records)',
  effects: ['the record (both records of a URL forward)', 'a DnsRecordChange and audit dnsRecord.delete per record'],

  /** The ids deleted. */
  async run(ctx, input: { id: string | number }): Promise<number[]> {
    requireOwnUnit(ctx)
    return ctx.prisma.$transaction(async (tx) => {
      const { record, domain } = await findWritableRecord(tx, ctx, input.id)
      const doomed = record.forwardGroup
        ? await tx.dnsRecord.findMany({
            where: { domainId: domain.id, forwardGroup: record.forwardGroup },
            orderBy: { id: 'asc' },
          })
        : [record]
      await tx.dnsRecord.deleteMany({ where: { id: { in: doomed.map((row) => row.id) } } })
      for (const row of doomed)
        await logDnsChange(tx, ctx, { regionPath: domain.regionPath, before: row, reason: BY_UNIT })
      return doomed.map((row) => row.id)
    }, DNS_TRANSACTION)
  },
})
