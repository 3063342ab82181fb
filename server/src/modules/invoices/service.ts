// 预开发票 and 用户发票: an office requests pre-issued invoices from CONAC (at most 30,000 yuan of face value a
// request), CONAC ships or rejects, the office signs for them (签收, its stock rises); the office issues invoices to
// the units it collects for, drawing sheets from its stock; corrections (作废, 红字) and splits (拆分) are new rows.
// The stock changes only by inserting an InvoiceStockMovement (a trigger keeps offices.invoiceStock, a CHECK keeps it
// >= 0); issuing locks the office row first, so concurrent issuers never overdraw it. The database also enforces
// one correction per invoice and the conservation of a split (migration invoice_rules).
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { InvoiceType } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { withIdempotencyKey } from '../../lib/idempotency.ts'
import type { Tx } from '../../lib/ledger.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { draftsForUsers } from '../notifications/templates.ts'
import { checkReviewReason, conflictStale } from '../../lib/review.ts'
import { isConac, localOfficeOf, unitScope } from '../../lib/scope.ts'
import { actingUserId, type OfficeScope, type Viewer } from '../../viewer.ts'

/** 30,000 yuan: the most face value one request may ask for. */
export const MAX_REQUEST_FACE_VALUE_FEN = 3_000_000n
export const MAX_SHEETS = 1000
const FACE_VALUE_MESSAGE = '每次申请的发票票面总额不能超过 30,000 元'

const yuan = (fen: bigint) => {
  const abs = fen < 0n ? -fen : fen
  return `${fen < 0n ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`
}

function parseId(id: string | number, what: string): number {
  const value = Number(id)
  if (!Number.isSafeInteger(value) || value <= 0) throw notFound(what)
  return value
}

const conflict = (message: string, reason: string) => appError('CONFLICT', message, { reason })
export const insufficientStock = (stock: number) => conflict(`发票余额不足（现有 ${stock} 张）`, 'INSUFFICIENT_INVOICE_STOCK')

function requireLocalOffice(viewer: Viewer, message: string): OfficeScope {
  const office = localOfficeOf(viewer)
  if (!office) throw forbidden(message)
  return office
}

function requireConac(viewer: Viewer): void {
  if (!isConac(viewer)) throw forbidden('仅限 CONAC 工作人员')
}

function actorOf(viewer: Viewer): number {
  const id = actingUserId(viewer)
  if (id == null) throw forbidden()
  return id
}

/** Invoice requests the viewer may see: an office its subtree's offices', CONAC all, nobody else any. */
export function invoiceRequestScope(viewer: Viewer): Prisma.InvoiceRequestWhereInput {
  if (isConac(viewer)) return {}
  const office = localOfficeOf(viewer)
  if (!office) return { id: -1 }
  return { office: { region: { path: { startsWith: office.regionPath } } } }
}

/** Invoices the viewer may see: an office its subtree's offices', CONAC all, a unit user its own unit's. */
export function invoiceScope(viewer: Viewer): Prisma.InvoiceWhereInput {
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return { unitId: viewer.unitId ?? -1 }
  if (isConac(viewer)) return {}
  const office = localOfficeOf(viewer)
  if (!office) return { id: -1 }
  return { office: { region: { path: { startsWith: office.regionPath } } } }
}

/** True when the viewer may read the invoice stock of an office with this region path (itself, an ancestor, CONAC). */
export function canSeeStock(viewer: Viewer, officeRegionPath: string): boolean {
  if (isConac(viewer)) return true
  const office = localOfficeOf(viewer)
  return !!office && officeRegionPath.startsWith(office.regionPath)
}

export async function myInvoiceStock(ctx: Context): Promise<number> {
  const office = ctx.viewer.kind === 'anonymous' ? null : ctx.viewer.office
  if (!office) throw forbidden('仅限编办工作人员')
  const row = await ctx.prisma.office.findUniqueOrThrow({ where: { id: office.officeId }, select: { invoiceStock: true } })
  return row.invoiceStock
}

export function invoiceRequestListWhere(ctx: Context, filter?: { statuses?: string[] | null; officeId?: string | number | null } | null): Prisma.InvoiceRequestWhereInput {
  const and: Prisma.InvoiceRequestWhereInput[] = [invoiceRequestScope(ctx.viewer)]
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses as Prisma.InvoiceRequestWhereInput['status'] as never } })
  if (filter?.officeId != null) {
    const id = Number(filter.officeId)
    and.push({ officeId: Number.isSafeInteger(id) && id > 0 ? id : -1 })
  }
  return { AND: and }
}

// ---------------------------------------------------------------------------------------------------------------
// Stock

/** Locks the office row (serializing every stock draw of the office) and returns its current stock. */
async function lockStock(tx: Tx, officeId: number): Promise<number> {
  const rows = await tx.$queryRaw<{ invoiceStock: number }[]>`SELECT "invoiceStock" FROM "offices" WHERE "id" = ${officeId} FOR UPDATE`
  return Number(rows[0]?.invoiceStock ?? 0)
}

function isStockRefusal(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? '')}`
  return text.includes('offices_invoice_stock_not_negative')
}

function isLineageRefusal(error: unknown): boolean {
  const text = `${(error as Error)?.message ?? ''} ${JSON.stringify((error as { meta?: unknown })?.meta ?? '')}`
  return /invoices_one_correction_per_parent|invoices_split_conservation|invoices_correction_rule|P2002|Unique constraint/.test(text)
}

/** Runs a transaction; a stock or lineage refusal by the database (a lost race) becomes a CONFLICT. */
async function guarded<T>(ctx: Context, run: () => Promise<T>): Promise<T> {
  try {
    return await run()
  } catch (error) {
    if (isStockRefusal(error)) {
      const office = localOfficeOf(ctx.viewer)
      const stock = office ? (await ctx.prisma.office.findUnique({ where: { id: office.officeId }, select: { invoiceStock: true } }))?.invoiceStock ?? 0 : 0
      throw insufficientStock(stock)
    }
    if (isLineageRefusal(error)) throw conflict('该发票已被处理，请刷新', 'ALREADY_CORRECTED')
    throw error
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 预开发票申请

export interface RequestInvoicesInput {
  count: number
  invoiceType: InvoiceType
  faceValueFen: bigint
  mailingAddress: string
}

export async function requestInvoices(ctx: Context, input: RequestInvoicesInput): Promise<{ id: number }> {
  const office = requireLocalOffice(ctx.viewer, '只有各级编办可以申请预开发票')
  const actorId = actorOf(ctx.viewer)
  const fields: Record<string, string> = {}
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_SHEETS) fields.count = `发票数量应为 1-${MAX_SHEETS} 张`
  if (input.faceValueFen <= 0n) fields.faceValueFen = '票面总额必须大于 0'
  else if (input.faceValueFen > MAX_REQUEST_FACE_VALUE_FEN) fields.faceValueFen = FACE_VALUE_MESSAGE
  const address = input.mailingAddress.trim()
  if (!address) fields.mailingAddress = '请填写邮寄地址'
  else if ([...address].length > 256 || address.length > 256) fields.mailingAddress = '邮寄地址不能超过 256 个字符'
  if (Object.keys(fields).length) throw badInput(fields.faceValueFen === FACE_VALUE_MESSAGE ? FACE_VALUE_MESSAGE : '预开发票申请有误', fields)
  return ctx.prisma.$transaction(async (tx) => {
    const request = await tx.invoiceRequest.create({
      data: { officeId: office.officeId, count: input.count, invoiceType: input.invoiceType, faceValueFen: input.faceValueFen, mailingAddress: address, requestedById: actorId },
    })
    await writeAudit(tx, ctx, { action: 'invoiceRequest.request', subjectType: 'InvoiceRequest', subjectId: request.id, regionPath: office.regionPath, after: request })
    // Work now waits for CONAC.
    const [conacStaff, requester] = await Promise.all([
      tx.user.findMany({ where: { role: 'CONAC_STAFF', status: 'ACTIVE' }, select: { id: true } }),
      tx.office.findUniqueOrThrow({ where: { id: office.officeId }, select: { name: true } }),
    ])
    await enqueueNotifications(
      tx,
      draftsForUsers(conacStaff, 'invoiceRequest.submitted', { office: requester.name, count: input.count, amount: yuan(input.faceValueFen) }, {
        key: `invoice-request:${request.id}:submitted`,
        payload: { invoiceRequestId: request.id },
      }),
    )
    return { id: request.id }
  })
}

/** The active staff of an office, who are told about its invoice requests. */
function officeStaffOf(tx: Tx, officeId: number) {
  return tx.user.findMany({ where: { officeId, status: 'ACTIVE' }, select: { id: true, email: true } })
}

async function requestInScope(ctx: Context, id: string | number) {
  const request = await ctx.prisma.invoiceRequest.findFirst({
    where: { AND: [{ id: parseId(id, '发票申请') }, invoiceRequestScope(ctx.viewer)] },
    include: { office: { include: { region: true } } },
  })
  if (!request) throw notFound('发票申请')
  return request
}

export async function shipInvoiceRequest(ctx: Context, input: { id: string | number; version: number; trackingNumber?: string | null }): Promise<{ id: number }> {
  requireConac(ctx.viewer)
  const trackingNumber = input.trackingNumber?.trim() || null
  if (trackingNumber && trackingNumber.length > 64) throw badInput('快递单号不能超过 64 个字符', { trackingNumber: '快递单号不能超过 64 个字符' })
  const request = await requestInScope(ctx, input.id)
  return ctx.prisma.$transaction(async (tx) => {
    const moved = await tx.invoiceRequest.updateMany({
      where: { id: request.id, status: 'REQUESTED', version: input.version },
      data: { status: 'SHIPPED', shippedAt: new Date(), trackingNumber, version: { increment: 1 } },
    })
    if (moved.count !== 1) throw conflictStale()
    await writeAudit(tx, ctx, {
      action: 'invoiceRequest.ship',
      subjectType: 'InvoiceRequest',
      subjectId: request.id,
      regionPath: request.office.region.path,
      before: { status: request.status, version: input.version },
      after: { status: 'SHIPPED', trackingNumber },
    })
    await enqueueNotifications(
      tx,
      draftsForUsers(
        await officeStaffOf(tx, request.officeId),
        'invoiceRequest.shipped',
        { number: `#${request.id}`, count: request.count, tracking: trackingNumber },
        { key: `invoice-request:${request.id}:shipped`, payload: { invoiceRequestId: request.id }, channels: ['IN_APP', 'EMAIL'] },
      ),
    )
    return { id: request.id }
  })
}

export async function rejectInvoiceRequest(ctx: Context, input: { id: string | number; version: number; reason: string }): Promise<{ id: number }> {
  requireConac(ctx.viewer)
  const reason = checkReviewReason(false, input.reason)!
  const request = await requestInScope(ctx, input.id)
  return ctx.prisma.$transaction(async (tx) => {
    const moved = await tx.invoiceRequest.updateMany({
      where: { id: request.id, status: 'REQUESTED', version: input.version },
      data: { status: 'REJECTED', rejectReason: reason, version: { increment: 1 } },
    })
    if (moved.count !== 1) throw conflictStale()
    await writeAudit(tx, ctx, {
      action: 'invoiceRequest.reject',
      subjectType: 'InvoiceRequest',
      subjectId: request.id,
      regionPath: request.office.region.path,
      before: { status: request.status, version: input.version },
      after: { status: 'REJECTED', reason },
    })
    await enqueueNotifications(
      tx,
      draftsForUsers(
        await officeStaffOf(tx, request.officeId),
        'invoiceRequest.rejected',
        { number: `#${request.id}`, reason },
        { key: `invoice-request:${request.id}:rejected`, payload: { invoiceRequestId: request.id }, channels: ['IN_APP', 'EMAIL'] },
      ),
    )
    return { id: request.id }
  })
}

/** 签收 by the requesting office: the request becomes SIGNED and the stock rises by its count, once. */
export async function signInvoiceRequest(ctx: Context, input: { id: string | number; version: number }): Promise<{ id: number }> {
  const office = requireLocalOffice(ctx.viewer, '只有申请发票的编办可以签收')
  const actorId = actorOf(ctx.viewer)
  const request = await requestInScope(ctx, input.id)
  if (request.officeId !== office.officeId) throw forbidden('只有申请发票的编办可以签收')
  return ctx.prisma.$transaction(async (tx) => {
    const moved = await tx.invoiceRequest.updateMany({
      where: { id: request.id, officeId: office.officeId, status: 'SHIPPED', version: input.version },
      data: { status: 'SIGNED', signedAt: new Date(), signedById: actorId, version: { increment: 1 } },
    })
    if (moved.count !== 1) throw conflictStale()
    await tx.invoiceStockMovement.create({
      data: { officeId: office.officeId, quantity: request.count, reason: 'SIGNED', invoiceRequestId: request.id, createdById: actorId },
    })
    await writeAudit(tx, ctx, {
      action: 'invoiceRequest.sign',
      subjectType: 'InvoiceRequest',
      subjectId: request.id,
      regionPath: office.regionPath,
      before: { status: request.status, version: input.version },
      after: { status: 'SIGNED', stockAdded: request.count },
    })
    const conacStaff = await tx.user.findMany({ where: { role: 'CONAC_STAFF', status: 'ACTIVE' }, select: { id: true } })
    await enqueueNotifications(
      tx,
      draftsForUsers(conacStaff, 'invoiceRequest.signed', { office: request.office.name, number: `#${request.id}`, count: request.count }, {
        key: `invoice-request:${request.id}:signed`,
        payload: { invoiceRequestId: request.id },
      }),
    )
    return { id: request.id }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// 开具发票

export interface IssueInTx {
  office: OfficeScope
  actorId: number
  unitId: number
  feeCollectionId: number | null
  count: number
  amountFen: bigint
  note?: string | null
  /** false: the caller's act records the invoice in its own audit row (收费 with invoices writes one row, fee.collect). */
  audit?: boolean
}

/**
 * Issues an invoice inside the caller's transaction: locks the office's stock, refuses a shortfall with
 * INSUFFICIENT_INVOICE_STOCK, writes the invoice, its ISSUED movement and an audit row. collectFee uses it too.
 */
export async function issueInvoiceInTx(tx: Tx, ctx: Context, args: IssueInTx): Promise<{ invoiceId: number; stockBefore: number }> {
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
    data: { officeId: args.office.officeId, quantity: -args.count, reason: 'ISSUED', invoiceId: invoice.id, createdById: args.actorId },
  })
  if (args.audit !== false) {
    await writeAudit(tx, ctx, {
      action: 'invoice.issue',
      subjectType: 'Invoice',
      subjectId: invoice.id,
      regionPath: args.office.regionPath,
      after: { unitId: args.unitId, feeCollectionId: args.feeCollectionId, count: args.count, amountFen: args.amountFen, stockBefore: stock },
    })
  }
  return { invoiceId: invoice.id, stockBefore: stock }
}

/** A unit the office collects for (its same-level units), or NOT_FOUND / FORBIDDEN. */
async function collectableUnit(ctx: Context, office: OfficeScope, unitId: string | number) {
  const unit = await ctx.prisma.unit.findFirst({ where: { AND: [{ id: parseId(unitId, '单位') }, unitScope(ctx.viewer)] }, include: { region: true } })
  if (!unit) throw notFound('单位')
  if (unit.region.path !== office.regionPath) throw forbidden('只能为本编办收费的单位（同级单位）开具发票')
  return unit
}

/** Net amount invoiced for a collection: its live rows (a split parent is replaced by its parts), corrections negative. */
async function invoicedFor(tx: Tx, feeCollectionId: number): Promise<bigint> {
  const rows = await tx.invoice.findMany({
    where: { feeCollectionId },
    select: { amountFen: true, children: { where: { kind: 'SPLIT' }, select: { id: true }, take: 1 } },
  })
  return rows.reduce((sum, row) => (row.children.length ? sum : sum + row.amountFen), 0n)
}

function checkNote(raw: string | null | undefined, field: string, required: boolean): string | null {
  const note = raw?.trim() || null
  const length = note ? [...note].length : 0
  if (required && length < 2) throw badInput('请填写原因', { [field]: '请填写 2-500 个字的原因' })
  if (length > 500) throw badInput('内容过长', { [field]: '不能超过 500 个字' })
  return note
}

export interface IssueInvoiceInput {
  unitId: string
  feeCollectionId?: string | null
  count: number
  amountFen: bigint
  note?: string | null
  idempotencyKey: string
}

export async function issueInvoice(ctx: Context, input: IssueInvoiceInput): Promise<{ invoiceId: number }> {
  const office = requireLocalOffice(ctx.viewer, '只有各级编办可以开具发票')
  const actorId = actorOf(ctx.viewer)
  const fields: Record<string, string> = {}
  if (!Number.isInteger(input.count) || input.count < 1 || input.count > MAX_SHEETS) fields.count = `发票数量应为 1-${MAX_SHEETS} 张`
  if (input.amountFen <= 0n) fields.amountFen = '金额必须大于 0'
  if (Object.keys(fields).length) throw badInput('开具发票信息有误', fields)
  const note = checkNote(input.note, 'note', false)
  const unit = await collectableUnit(ctx, office, input.unitId)
  const feeCollectionId = input.feeCollectionId == null || input.feeCollectionId === '' ? null : parseId(input.feeCollectionId, '收费记录')
  const args = { unitId: unit.id, feeCollectionId, count: input.count, amountFen: input.amountFen, note }
  return guarded(ctx, () =>
    withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'issueInvoice', args }, async (tx) => {
      if (feeCollectionId != null) {
        const collection = await tx.feeCollection.findFirst({ where: { id: feeCollectionId, unitId: unit.id, officeId: office.officeId } })
        if (!collection) throw notFound('收费记录')
        // The office row lock serializes this check with every other issue of the office.
        await lockStock(tx, office.officeId)
        const remaining = collection.amountFen - (await invoicedFor(tx, feeCollectionId))
        if (input.amountFen > remaining) {
          throw badInput(`超出该笔收费的未开票金额（剩余 ${yuan(remaining < 0n ? 0n : remaining)} 元）`, {
            amountFen: `不能超过该笔收费的未开票金额 ${yuan(remaining < 0n ? 0n : remaining)} 元`,
          })
        }
      }
      const result = await issueInvoiceInTx(tx, ctx, { office, actorId, unitId: unit.id, feeCollectionId, count: input.count, amountFen: input.amountFen, note })
      const users = await tx.user.findMany({ where: { unitId: unit.id }, select: { id: true } })
      const body = `编办已为您单位开具发票 ${input.count} 张，金额 ${yuan(input.amountFen)} 元。`
      await enqueueNotifications(
        tx,
        users.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template: 'invoice.issued', subject: '发票开具通知', body, dedupeKey: `invoice.issued:${result.invoiceId}:${user.id}` })),
      )
      return result
    }),
  )
}

// ---------------------------------------------------------------------------------------------------------------
// 作废, 红字, 拆分

/** The invoice in scope, issued by the viewer's own office, locked for the rest of the transaction. */
async function ownInvoiceLocked(tx: Tx, ctx: Context, office: OfficeScope, id: string | number) {
  const invoice = await tx.invoice.findFirst({ where: { AND: [{ id: parseId(id, '发票') }, invoiceScope(ctx.viewer)] } })
  if (!invoice) throw notFound('发票')
  if (invoice.officeId !== office.officeId) throw forbidden('只有开具发票的编办可以处理该发票')
  await tx.$queryRaw`SELECT "id" FROM "invoices" WHERE "id" = ${invoice.id} FOR UPDATE`
  const children = await tx.invoice.findMany({ where: { parentId: invoice.id }, select: { kind: true } })
  return { invoice, corrected: children.some((c) => c.kind === 'VOID' || c.kind === 'RED_LETTER'), split: children.some((c) => c.kind === 'SPLIT') }
}

async function correct(ctx: Context, kind: 'VOID' | 'RED_LETTER', input: { id: string; reason: string; count?: number | null }): Promise<{ invoiceId: number }> {
  const office = requireLocalOffice(ctx.viewer, kind === 'VOID' ? '只有开具发票的编办可以作废发票' : '只有开具发票的编办可以开具红字发票')
  const actorId = actorOf(ctx.viewer)
  const reason = checkNote(input.reason, 'reason', true)!
  const count = input.count ?? 1
  if (kind === 'RED_LETTER' && (!Number.isInteger(count) || count < 1 || count > MAX_SHEETS)) throw badInput(`红字发票数量应为 1-${MAX_SHEETS} 张`, { count: `红字发票数量应为 1-${MAX_SHEETS} 张` })
  return guarded(ctx, () =>
    ctx.prisma.$transaction(async (tx) => {
      const { invoice, corrected, split } = await ownInvoiceLocked(tx, ctx, office, input.id)
      if (invoice.kind !== 'NORMAL' && invoice.kind !== 'SPLIT') throw conflict('只有开具或拆分所得的发票可以作废或红冲', 'NOT_CORRECTABLE')
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
        await tx.invoiceStockMovement.create({ data: { officeId: office.officeId, quantity: -count, reason: 'ISSUED', invoiceId: row.id, createdById: actorId } })
      }
      await writeAudit(tx, ctx, {
        action: kind === 'VOID' ? 'invoice.void' : 'invoice.redLetter',
        subjectType: 'Invoice',
        subjectId: invoice.id,
        regionPath: office.regionPath,
        after: { correctionId: row.id, kind, count: row.count, amountFen: row.amountFen, reason, stockBefore: stock },
      })
      return { invoiceId: row.id }
    }),
  )
}

/** 作废: a VOID row negating the parent; the sheets are spoiled, so the stock is not restored. */
export const voidInvoice = (ctx: Context, input: { id: string; reason: string }) => correct(ctx, 'VOID', input)

/** 红字: a RED_LETTER row negating the parent, on `count` (default 1) new sheets drawn from the stock. */
export const redLetterInvoice = (ctx: Context, input: { id: string; reason: string; count?: number | null }) => correct(ctx, 'RED_LETTER', input)

export interface SplitPartInput {
  unitId: string
  count: number
  amountFen: bigint
}

/** 拆分 a NORMAL invoice among units the office collects for; the parts conserve its count and amount. */
export async function splitInvoice(ctx: Context, input: { id: string; parts: SplitPartInput[] }): Promise<{ invoiceId: number }> {
  const office = requireLocalOffice(ctx.viewer, '只有开具发票的编办可以拆分发票')
  const actorId = actorOf(ctx.viewer)
  if (input.parts.length < 2) throw badInput('拆分至少需要两条记录', { parts: '拆分至少需要两条记录' })
  if (input.parts.length > 50) throw badInput('一次最多拆分为 50 条记录', { parts: '一次最多拆分为 50 条记录' })
  const fields: Record<string, string> = {}
  input.parts.forEach((part, index) => {
    if (!Number.isInteger(part.count) || part.count < 1 || part.count > MAX_SHEETS) fields[`parts.${index}.count`] = `发票数量应为 1-${MAX_SHEETS} 张`
    if (part.amountFen <= 0n) fields[`parts.${index}.amountFen`] = '金额必须大于 0'
  })
  if (Object.keys(fields).length) throw badInput('拆分信息有误', fields)
  const units = new Map<string, number>()
  for (const part of input.parts) {
    if (!units.has(String(part.unitId))) units.set(String(part.unitId), (await collectableUnit(ctx, office, part.unitId)).id)
  }
  return guarded(ctx, () =>
    ctx.prisma.$transaction(async (tx) => {
      const { invoice, corrected, split } = await ownInvoiceLocked(tx, ctx, office, input.id)
      if (invoice.kind !== 'NORMAL') throw conflict('只有开具的发票可以拆分', 'NOT_SPLITTABLE')
      if (corrected) throw conflict('该发票已作废或红冲，不能拆分', 'ALREADY_CORRECTED')
      if (split) throw conflict('该发票已拆分', 'ALREADY_SPLIT')
      const totalCount = input.parts.reduce((sum, part) => sum + part.count, 0)
      const totalAmount = input.parts.reduce((sum, part) => sum + part.amountFen, 0n)
      if (totalCount !== invoice.count || totalAmount !== invoice.amountFen) {
        const problems: Record<string, string> = {}
        if (totalCount !== invoice.count) problems.count = `拆分后发票数量合计应为 ${invoice.count} 张（现为 ${totalCount} 张）`
        if (totalAmount !== invoice.amountFen) problems.amountFen = `拆分后金额合计应为 ${yuan(invoice.amountFen)} 元（现为 ${yuan(totalAmount)} 元）`
        throw badInput('拆分后的发票数量和金额之和须与原发票一致', { parts: Object.values(problems).join('；'), ...problems })
      }
      // One statement: the database checks the conservation at its end.
      await tx.invoice.createMany({
        data: input.parts.map((part) => ({
          officeId: invoice.officeId,
          unitId: units.get(String(part.unitId))!,
          feeCollectionId: invoice.feeCollectionId,
          kind: 'SPLIT' as const,
          count: part.count,
          amountFen: part.amountFen,
          parentId: invoice.id,
          issuedById: actorId,
        })),
      })
      await writeAudit(tx, ctx, {
        action: 'invoice.split',
        subjectType: 'Invoice',
        subjectId: invoice.id,
        regionPath: office.regionPath,
        after: { parts: input.parts.map((part) => ({ unitId: units.get(String(part.unitId)), count: part.count, amountFen: part.amountFen })) },
      })
      return { invoiceId: invoice.id }
    }),
  )
}
