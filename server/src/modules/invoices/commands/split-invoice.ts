// 拆分: the issuing office splits a NORMAL invoice among units it collects for; the parts conserve its count and
// amount exactly (checked here, and by the database at the end of the statement). Moves no stock.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { collectableUnit, ownInvoiceLocked } from '../reads.ts'
import { actorOf, conflict, ownOffice, sheetsProblem, yuan } from '../rules.ts'
import { mapStockRaces } from '../stock.ts'

export interface SplitPartInput {
  unitId: string
  count: number
  amountFen: bigint
}

export const splitInvoice = defineCommand({
  name: 'splitInvoice',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'the issuing office only, among its same-level units (同级单位)',
    refusal: '只有开具发票的编办可以拆分发票',
  },
  scope: 'invoiceScope, unitScope',
  effects: ['2-50 SPLIT Invoices under the NORMAL invoice (no stock movement)'],

  async run(ctx, input: { id: string; parts: SplitPartInput[] }) {
    const office = ownOffice(ctx.viewer)
    const actorId = actorOf(ctx.viewer)
    if (input.parts.length < 2) throw badInput('拆分至少需要两条记录', { parts: '拆分至少需要两条记录' })
    if (input.parts.length > 50) throw badInput('一次最多拆分为 50 条记录', { parts: '一次最多拆分为 50 条记录' })
    const fields: Record<string, string> = {}
    input.parts.forEach((part, index) => {
      const countProblem = sheetsProblem(part.count)
      if (countProblem) fields[`parts.${index}.count`] = countProblem
      if (part.amountFen <= 0n) fields[`parts.${index}.amountFen`] = '金额必须大于 0'
    })
    if (Object.keys(fields).length) throw badInput('拆分信息有误', fields)
    const units = new Map<string, number>()
    for (const part of input.parts) {
      if (!units.has(String(part.unitId)))
        units.set(String(part.unitId), (await collectableUnit(ctx, office, part.unitId)).id)
    }
    const parts = input.parts.map((part) => ({
      unitId: units.get(String(part.unitId))!,
      count: part.count,
      amountFen: part.amountFen,
    }))

    return mapStockRaces(ctx, () =>
      ctx.prisma.$transaction(async (tx) => {
        const { invoice, corrected, split } = await ownInvoiceLocked(tx, ctx, office, input.id)
        if (invoice.kind !== 'NORMAL') throw conflict('只有开具的发票可以拆分', 'NOT_SPLITTABLE')
        if (corrected) throw conflict('该发票已作废或红冲，不能拆分', 'ALREADY_CORRECTED')
        if (split) throw conflict('该发票已拆分', 'ALREADY_SPLIT')
        checkConservation(invoice, parts)
        // One statement: the database checks the conservation at its end.
        await tx.invoice.createMany({
          data: parts.map((part) => ({
            ...part,
            officeId: invoice.officeId,
            feeCollectionId: invoice.feeCollectionId,
            kind: 'SPLIT' as const,
            parentId: invoice.id,
            issuedById: actorId,
          })),
        })
        await writeAudit(tx, ctx, {
          action: 'invoice.split',
          subjectType: 'Invoice',
          subjectId: invoice.id,
          regionPath: office.regionPath,
          after: { parts },
        })
        return invoice.id
      }),
    )
  },
})

/** The parts' sheets and amounts must add up to the invoice's exactly. */
function checkConservation(
  invoice: { count: number; amountFen: bigint },
  parts: { count: number; amountFen: bigint }[],
) {
  const totalCount = parts.reduce((sum, part) => sum + part.count, 0)
  const totalAmount = parts.reduce((sum, part) => sum + part.amountFen, 0n)
  if (totalCount === invoice.count && totalAmount === invoice.amountFen) return
  const problems: Record<string, string> = {}
  if (totalCount !== invoice.count)
    problems.count = `拆分后发票数量合计应为 ${invoice.count} 张（现为 ${totalCount} 张）`
  if (totalAmount !== invoice.amountFen)
    problems.amountFen = `拆分后金额合计应为 ${yuan(invoice.amountFen)} 元（现为 ${yuan(totalAmount)} 元）`
  throw badInput('拆分后的发票数量和金额之和须与原发票一致', { parts: Object.values(problems).join('；'), ...problems })
}
