// 开具发票: an office issues an invoice to a unit it collects for (its same-level unit), drawing sheets from its
// stock; against a collection, at most what is not yet invoiced of it. Idempotent: a retry with the same key replays.
import type { Context } from '../../../context.ts'
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { badInput, notFound } from '../../../errors.ts'
import { withIdempotencyKey } from '../../../lib/idempotency.ts'
import type { Tx } from '../../../lib/ledger.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { invoiceIssuedNotices } from '../notices.ts'
import { collectableUnit } from '../reads.ts'
import { actorOf, checkNote, ownOffice, parseId, sheetsProblem, yuan } from '../rules.ts'
import { issueInvoiceInTx, lockStock, mapStockRaces } from '../stock.ts'

export interface IssueInvoiceInput {
  unitId: string
  feeCollectionId?: string | null
  count: number
  amountFen: bigint
  note?: string | null
  idempotencyKey: string
}

export const issueInvoice = defineCommand({
  name: 'issueInvoice',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'same-level units only: the units the office collects for (同级单位), and that unit’s collections by the office',
    refusal: '只有各级编办可以开具发票',
  },
  scope: 'unitScope',
  effects: ['a NORMAL Invoice', 'an ISSUED InvoiceStockMovement of −count (the office’s 发票余额)'],
  notices: ['invoice.issued'],

  async run(ctx, input: IssueInvoiceInput) {
    const office = ownOffice(ctx.viewer)
    const actorId = actorOf(ctx.viewer)
    const fields: Record<string, string> = {}
    const countProblem = sheetsProblem(input.count)
    if (countProblem) fields.count = countProblem
    if (input.amountFen <= 0n) fields.amountFen = '金额必须大于 0'
    if (Object.keys(fields).length) throw badInput('开具发票信息有误', fields)
    const note = checkNote(input.note, 'note', false)
    const unit = await collectableUnit(ctx, office, input.unitId)
    const feeCollectionId =
      input.feeCollectionId == null || input.feeCollectionId === '' ? null : parseId(input.feeCollectionId, '收费记录')
    const args = { unitId: unit.id, feeCollectionId, count: input.count, amountFen: input.amountFen, note }

    const { invoiceId } = await mapStockRaces(ctx, () =>
      withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'issueInvoice', args }, async (tx) => {
        if (feeCollectionId != null) await checkUninvoiced(tx, ctx, { ...args, feeCollectionId })
        const result = await issueInvoiceInTx(tx, ctx, { ...args, office, actorId })
        const params = { count: input.count, amount: yuan(input.amountFen) }
        await enqueueNotifications(tx, await invoiceIssuedNotices(tx, result.invoiceId, unit.id, params))
        return result
      }),
    )
    return invoiceId
  },
})

/** Refuses an amount beyond what is not yet invoiced of the unit's collection by this office. */
async function checkUninvoiced(
  tx: Tx,
  ctx: Context,
  args: { unitId: number; feeCollectionId: number; amountFen: bigint },
) {
  const office = ownOffice(ctx.viewer)
  const collection = await tx.feeCollection.findFirst({
    where: { id: args.feeCollectionId, unitId: args.unitId, officeId: office.officeId },
  })
  if (!collection) throw notFound('收费记录')
  // The office row lock serializes this check with every other issue of the office.
  await lockStock(tx, office.officeId)
  const remaining = collection.amountFen - (await invoicedFor(tx, args.feeCollectionId))
  if (args.amountFen > remaining) {
    const left = yuan(remaining < 0n ? 0n : remaining)
    throw badInput(`超出该笔收费的未开票金额（剩余 ${left} 元）`, {
      amountFen: `不能超过该笔收费的未开票金额 ${left} 元`,
    })
  }
}

/**
 * Net amount invoiced for a collection: its live rows (a split parent counts through its parts); corrections are
 * negative.
 */
async function invoicedFor(tx: Tx, feeCollectionId: number): Promise<bigint> {
  const rows = await tx.invoice.findMany({
    where: { feeCollectionId },
    select: { amountFen: true, children: { where: { kind: 'SPLIT' }, select: { id: true }, take: 1 } },
  })
  return rows.reduce((sum, row) => (row.children.length ? sum : sum + row.amountFen), 0n)
}
