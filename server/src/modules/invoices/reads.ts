// The rows an invoice command acts on, each read once and only inside the viewer's scope (NOT_FOUND otherwise), and
// the filters of the invoice lists.
import type { Context } from '../../context.ts'
import { forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { InvoiceRequestStatus } from '../../generated/prisma/enums.ts'
import type { Tx } from '../../lib/ledger.ts'
import { invoiceRequestScope, invoiceScope, isConac, localOfficeOf, unitScope } from '../../lib/scope.ts'
import type { OfficeScope, Viewer } from '../../viewer.ts'
import { parseId } from './rules.ts'

/** An invoice request in the viewer's scope with its office (name, region) for the audit row and notices. */
export async function requestInScope(ctx: Context, id: string | number) {
  const request = await ctx.prisma.invoiceRequest.findFirst({
    where: { AND: [{ id: parseId(id, '发票申请') }, invoiceRequestScope(ctx.viewer)] },
    include: { office: { include: { region: true } } },
  })
  if (!request) throw notFound('发票申请')
  return request
}

/** A unit the office collects for (its same-level units), or NOT_FOUND / FORBIDDEN. */
export async function collectableUnit(ctx: Context, office: OfficeScope, unitId: string | number) {
  const unit = await ctx.prisma.unit.findFirst({
    where: { AND: [{ id: parseId(unitId, '单位') }, unitScope(ctx.viewer)] },
    include: { region: true },
  })
  if (!unit) throw notFound('单位')
  if (unit.region.path !== office.regionPath) throw forbidden('只能为本编办收费的单位（同级单位）开具发票')
  return unit
}

/**
 * The invoice in scope, issued by the viewer's own office, locked for the rest of the transaction, with whether it
 * has been corrected (作废/红字) or split already. The lock comes first, so the children read are the committed ones
 * and no concurrent correction or split can add one until this transaction ends.
 */
export async function ownInvoiceLocked(tx: Tx, ctx: Context, office: OfficeScope, id: string | number) {
  const invoiceId = parseId(id, '发票')
  await tx.$queryRaw`SELECT "id" FROM "invoices" WHERE "id" = ${invoiceId} FOR UPDATE`
  const invoice = await tx.invoice.findFirst({
    where: { AND: [{ id: invoiceId }, invoiceScope(ctx.viewer)] },
    include: { children: { select: { kind: true } } },
  })
  if (!invoice) throw notFound('发票')
  if (invoice.officeId !== office.officeId) throw forbidden('只有开具发票的编办可以处理该发票')
  const { children, ...row } = invoice
  return {
    invoice: row,
    corrected: children.some((c) => c.kind === 'VOID' || c.kind === 'RED_LETTER'),
    split: children.some((c) => c.kind === 'SPLIT'),
  }
}

/** True when the viewer may read the invoice stock of an office with this region path (itself, an ancestor, CONAC). */
export function canSeeStock(viewer: Viewer, officeRegionPath: string): boolean {
  if (isConac(viewer)) return true
  const office = localOfficeOf(viewer)
  return !!office && officeRegionPath.startsWith(office.regionPath)
}

export interface InvoiceRequestFilter {
  statuses?: InvoiceRequestStatus[] | null
  officeId?: string | number | null
}

/** 预开发票管理: the requests the viewer may see (invoiceRequestScope), narrowed by the filter. */
export function invoiceRequestListWhere(
  ctx: Context,
  filter?: InvoiceRequestFilter | null,
): Prisma.InvoiceRequestWhereInput {
  const and: Prisma.InvoiceRequestWhereInput[] = [invoiceRequestScope(ctx.viewer)]
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses } })
  if (filter?.officeId != null) {
    const id = Number(filter.officeId)
    and.push({ officeId: Number.isSafeInteger(id) && id > 0 ? id : -1 })
  }
  return { AND: and }
}
