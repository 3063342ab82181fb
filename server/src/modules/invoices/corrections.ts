// 作废 and 红字: a correction is a new row negating its parent (never an edit), made by the issuing office, once per
// invoice (the database's invoices_one_correction_per_parent backs the check below), and not on a split parent (its
// parts are corrected instead). A red-letter invoice is printed on new sheets, so it draws from the stock.
import type { Context } from '../../context.ts'
import { badInput } from '../../errors.ts'
import { writeAudit } from '../../lib/audit.ts'
import type { OfficeScope } from '../../viewer.ts'
import { ownInvoiceLocked } from './reads.ts'
import { actorOf, checkNote, conflict, sheetsProblem } from './rules.ts'
import { insufficientStock, lockStock, mapStockRaces } from './stock.ts'

export interface CorrectionInput {
  id: string | number
  reason: string
  /** Sheets of a red-letter invoice (default 1); a void takes the parent's. */
  count?: number | null
}

export async function correctInvoice(
  ctx: Context,
  office: OfficeScope,
  kind: 'VOID' | 'RED_LETTER',
  input: CorrectionInput,
): Promise<number> {
  const actorId = actorOf(ctx.viewer)
  const reason = checkNote(input.reason, 'reason', true)!
  const count = input.count ?? 1
  const countProblem = kind === 'RED_LETTER' ? sheetsProblem(count, '红字发票数量') : null
  if (countProblem) throw badInput(countProblem, { count: countProblem })

  return mapStockRaces(ctx, () =>
    ctx.prisma.$transaction(async (tx) => {
      const { invoice, corrected, split } = await ownInvoiceLocked(tx, ctx, office, input.id)
      if (invoice.kind !== 'NORMAL' && invoice.kind !== 'SPLIT') {
        throw conflict('只有开具或拆分所得的发票可以作废或红冲', 'NOT_CORRECTABLE')
      }
      if (corrected) throw conflict('该发票已作废或红冲', 'ALREADY_CORRECTED')
      if (split) throw conflict('该发票已拆分，请对拆分后的发票作废或红冲', 'ALREADY_SPLIT')
      let stock: number | null = null
      if (kind === 'RED_LETTER') {
        stock = await lockStock(tx, office.officeId)
        if (stock < count) throw insufficientStock(stock)
      }
      const row = await tx.invoice.create({
        data: {
          officeId: invoice.officeId,
          unitId: invoice.unitId,
          feeCollectionId: invoice.feeCollectionId,
          kind,
          count: kind === 'VOID' ? invoice.count : count,
          amountFen: -invoice.amountFen,
          parentId: invoice.id,
          issuedById: actorId,
          note: reason,
        },
      })
      if (kind === 'RED_LETTER') {
        await tx.invoiceStockMovement.create({
          data: {
            officeId: office.officeId,
            quantity: -count,
            reason: 'ISSUED',
            invoiceId: row.id,
            createdById: actorId,
          },
        })
      }
      await writeAudit(tx, ctx, {
        action: kind === 'VOID' ? 'invoice.void' : 'invoice.redLetter',
        subjectType: 'Invoice',
        subjectId: invoice.id,
        regionPath: office.regionPath,
        after: { correctionId: row.id, kind, count: row.count, amountFen: row.amountFen, reason, stockBefore: stock },
      })
      return row.id
    }),
  )
}
