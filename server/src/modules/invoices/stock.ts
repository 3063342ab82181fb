// 发票余额: an office's stock of pre-issued invoices. It changes only by inserting an InvoiceStockMovement
// (append-only; a trigger keeps offices.invoiceStock, a CHECK keeps it >= 0). Every draw locks the office row first,
// so concurrent issuers never overdraw it; the database's refusals (a lost race) become CONFLICTs here. The database
// also enforces one correction per invoice and the conservation of a split (migration invoice_rules).
import type { Context } from '../../context.ts'
import type { Tx } from '../../lib/ledger.ts'
import { writeAudit } from '../../lib/audit.ts'
import { localOfficeOf } from '../../lib/scope.ts'
import type { OfficeScope } from '../../viewer.ts'
import { conflict } from './rules.ts'

export const insufficientStock = (stock: number) =>
  conflict(`发票余额不足（现有 ${stock} 张）`, 'INSUFFICIENT_INVOICE_STOCK')

/** Locks the office row (serializing every stock draw of the office) and returns its current stock. */
export async function lockStock(tx: Tx, officeId: number): Promise<number> {
  const rows = await tx.$queryRaw<
    { invoiceStock: number }[]
  >`SELECT "invoiceStock" FROM "offices" WHERE "id" = ${officeId} FOR UPDATE`
  return Number(rows[0]?.invoiceStock ?? 0)
}

const refusalText = (error: unknown) =>
  `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? '')}`

const isStockRefusal = (error: unknown) => refusalText(error).includes('offices_invoice_stock_not_negative')

const isLineageRefusal = (error: unknown) =>
  /invoices_one_correction_per_parent|invoices_split_conservation|invoices_correction_rule|P2002|Unique constraint/.test(
    refusalText(error),
  )

/** Runs a transaction; a stock or lineage refusal by the database (a lost race) becomes a CONFLICT. */
export async function mapStockRaces<T>(ctx: Context, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isStockRefusal(error)) {
      const office = localOfficeOf(ctx.viewer)
      const stock = office
        ? ((await ctx.prisma.office.findUnique({ where: { id: office.officeId }, select: { invoiceStock: true } }))
            ?.invoiceStock ?? 0)
        : 0
      throw insufficientStock(stock)
    }
    if (isLineageRefusal(error)) throw conflict('该发票已被处理，请刷新', 'ALREADY_CORRECTED')
    throw error
  }
}

export interface IssueInTx {
  office: OfficeScope
  actorId: number
  unitId: number
  feeCollectionId: number | null
  count: number
  amountFen: bigint
  note?: string | null
}

/**
 * Draws `count` sheets for a NORMAL invoice inside the caller's transaction, without an audit row of its own (for a
 * command whose one audit row records the invoice too): locks the office's stock, refuses a shortfall with
 * INSUFFICIENT_INVOICE_STOCK, writes the invoice and its ISSUED movement. Returns the stock before the draw.
 */
export async function drawInvoice(tx: Tx, args: IssueInTx): Promise<{ invoiceId: number; stockBefore: number }> {
  const stock = await lockStock(tx, args.office.officeId)
  if (stock < args.count) throw insufficientStock(stock)
  const invoice = await tx.invoice.create({
    data: {
      officeId: args.office.officeId,
      unitId: args.unitId,
      feeCollectionId: args.feeCollectionId,
      kind: 'NORMAL',
      count: args.count,
      amountFen: args.amountFen,
      issuedById: args.actorId,
      note: args.note ?? null,
    },
  })
  await tx.invoiceStockMovement.create({
    data: {
      officeId: args.office.officeId,
      quantity: -args.count,
      reason: 'ISSUED',
      invoiceId: invoice.id,
      createdById: args.actorId,
    },
  })
  return { invoiceId: invoice.id, stockBefore: stock }
}

/** drawInvoice with its audit row (invoice.issue): issueInvoice uses it, and collectFee (收费的同时开具发票). */
export async function issueInvoiceInTx(tx: Tx, ctx: Context, args: IssueInTx): Promise<{ invoiceId: number }> {
  const { invoiceId, stockBefore } = await drawInvoice(tx, args)
  await writeAudit(tx, ctx, {
    action: 'invoice.issue',
    subjectType: 'Invoice',
    subjectId: invoiceId,
    regionPath: args.office.regionPath,
    after: {
      unitId: args.unitId,
      feeCollectionId: args.feeCollectionId,
      count: args.count,
      amountFen: args.amountFen,
      stockBefore,
    },
  })
  return { invoiceId }
}
