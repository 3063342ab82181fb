// 两代一统: offices collect fees for CONAC (收费), remit them weekly (汇款单), CONAC confirms the money (认款) and
// recharges the office's prepaid account (帐户余额), and the daily charge consumes it to register or renew domains.
// Every money movement is one balanced ledger posting in the same transaction as the change it records.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { JobRun, PrismaClient } from '../../generated/prisma/client.ts'
import type { CollectionMode, DomainSuffix } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { withIdempotencyKey } from '../../lib/idempotency.ts'
import { accountOf, conacAccountOf, isBalanceRefusal, postLedgerTransaction, type Tx } from '../../lib/ledger.ts'
import { enqueueNotifications } from '../../lib/outbox.ts'
import { issueInvoiceInTx } from '../invoices/service.ts'
import { latestDueSlot, periodKeyOf, type Schedule } from '../jobs/schedule.ts'
import { isConac, localOfficeOf, unitScope } from '../../lib/scope.ts'
import { anonymous, type OfficeScope, type Viewer } from '../../viewer.ts'

const SUFFIX_TEXT: Record<DomainSuffix, string> = { ZHENGWU: '.政务', GONGYI: '.公益' }
const DAY_MS = 86_400_000
/** China Standard Time, for the calendar weeks and days of remittances and the daily charge. */
const CST_OFFSET_MS = 8 * 3_600_000

export const yuan = (fen: bigint) => `${fen / 100n}.${String(fen % 100n).padStart(2, '0')}`

export function parseId(id: string | number, what: string): number {
  const value = Number(id)
  if (!Number.isSafeInteger(value) || value <= 0) throw notFound(what)
  return value
}

function conflict(message: string, reason = 'STATE_CHANGED') {
  return appError('CONFLICT', message, { reason })
}

/** Adds whole years in UTC (29 February becomes 1 March). */
export function addYears(date: Date, years: number): Date {
  const next = new Date(date)
  next.setUTCFullYear(next.getUTCFullYear() + years)
  return next
}

// ---------------------------------------------------------------------------------------------------------------
// Price list

/** The fee for `years` of a suffix: the newest price list entry effective on `date`, times the years. */
export async function feeFor(tx: Tx, suffix: DomainSuffix, years: number, date: Date = new Date()): Promise<bigint> {
  const entry = await tx.priceListEntry.findFirst({
    where: { suffix, effectiveFrom: { lte: date } },
    orderBy: { effectiveFrom: 'desc' },
  })
  if (!entry) throw conflict(`价格表中没有${SUFFIX_TEXT[suffix]}在该日期有效的价格`, 'NO_PRICE')
  return entry.feePerYearFen * BigInt(years)
}

// ---------------------------------------------------------------------------------------------------------------
// 缴费方式设置

/** The office a viewer's payment settings question is about. */
export async function paymentSettingsOfficeId(ctx: Context, officeId?: string | null): Promise<number> {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') throw forbidden()
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') {
    // A unit pays at its same-level office: the office of its own region.
    const unit = await ctx.prisma.unit.findUnique({ where: { id: viewer.unitId ?? -1 }, select: { region: { select: { office: { select: { id: true } } } } } })
    const office = unit?.region.office
    if (!office) throw notFound('同级编办')
    // Asking for any other office's settings is answered as if it did not exist, not with the unit's own.
    if (officeId != null && officeId !== String(office.id)) throw notFound('编办')
    return office.id
  }
  const own = viewer.office
  if (!own) throw forbidden()
  if (officeId == null) return own.officeId
  const id = parseId(officeId, '编办')
  const office = await ctx.prisma.office.findFirst({ where: { id, ...(isConac(viewer) ? {} : { region: { path: { startsWith: own.regionPath } } }) } })
  if (!office) throw notFound('编办')
  return office.id
}

export interface PaymentSettingsInput {
  mode: CollectionMode
  bankName?: string | null
  accountName?: string | null
  accountNumber?: string | null
  details?: string | null
}

export async function updatePaymentSettings(ctx: Context, input: PaymentSettingsInput) {
  const { viewer } = ctx
  const office = viewer.kind === 'anonymous' ? null : viewer.office
  if (!office) throw forbidden('仅限编办工作人员设置本编办的缴费方式')
  const clean = (value: string | null | undefined) => (value ?? '').trim() || null
  const data = {
    mode: input.mode,
    bankName: clean(input.bankName),
    accountName: clean(input.accountName),
    accountNumber: clean(input.accountNumber),
    details: clean(input.details),
  }
  const fields: Record<string, string> = {}
  if (data.bankName && data.bankName.length > 128) fields.bankName = '开户行不能超过 128 个字符'
  if (data.accountName && data.accountName.length > 128) fields.accountName = '户名不能超过 128 个字符'
  if (data.accountNumber && data.accountNumber.length > 64) fields.accountNumber = '账号不能超过 64 个字符'
  if (data.details && data.details.length > 1000) fields.details = '说明不能超过 1000 个字符'
  if (input.mode !== 'COUNTER') {
    if (!data.bankName) fields.bankName = '银行转账需填写开户行'
    if (!data.accountName) fields.accountName = '银行转账需填写户名'
    if (!data.accountNumber) fields.accountNumber = '银行转账需填写账号'
  }
  if (Object.keys(fields).length) throw badInput('缴费方式设置有误', fields)
  return ctx.prisma.$transaction(async (tx) => {
    const before = await tx.paymentSettings.findUnique({ where: { officeId: office.officeId } })
    const after = await tx.paymentSettings.upsert({ where: { officeId: office.officeId }, create: { officeId: office.officeId, ...data }, update: data })
    await writeAudit(tx, ctx, {
      action: 'paymentSettings.update',
      subjectType: 'Office',
      subjectId: office.officeId,
      regionPath: office.regionPath,
      before: before ?? undefined,
      after,
    })
    return after
  })
}

// ---------------------------------------------------------------------------------------------------------------
// 收费

export interface DueItem {
  domainId: number
  renewalId: number | null
  kind: 'REGISTRATION' | 'RENEWAL'
  years: number
  feeFen: bigint
}

/** What a unit owes now: its CONAC_APPROVED domains and the REQUESTED renewals of its domains, at today's prices. */
export async function dueItemsOf(tx: Tx, unitId: number, date = new Date()): Promise<DueItem[]> {
  const domains = await tx.domain.findMany({ where: { unitId, status: 'CONAC_APPROVED' }, orderBy: { id: 'asc' } })
  const renewals = await tx.domainRenewal.findMany({ where: { status: 'REQUESTED', domain: { unitId } }, include: { domain: true }, orderBy: { id: 'asc' } })
  const items: DueItem[] = []
  for (const domain of domains) {
    items.push({ domainId: domain.id, renewalId: null, kind: 'REGISTRATION', years: domain.years, feeFen: await feeFor(tx, domain.suffix, domain.years, date) })
  }
  for (const renewal of renewals) {
    items.push({ domainId: renewal.domainId, renewalId: renewal.id, kind: 'RENEWAL', years: renewal.years, feeFen: await feeFor(tx, renewal.domain.suffix, renewal.years, date) })
  }
  return items
}

/** Units the viewer may see that owe something, with what they owe. */
export async function unitsAwaitingPayment(ctx: Context) {
  const units = await ctx.prisma.unit.findMany({
    where: {
      AND: [
        unitScope(ctx.viewer),
        { domains: { some: { OR: [{ status: 'CONAC_APPROVED' }, { renewals: { some: { status: 'REQUESTED' } } }] } } },
      ],
    },
    orderBy: { id: 'asc' },
    take: 200,
  })
  const result = []
  for (const unit of units) {
    const items = await dueItemsOf(ctx.prisma, unit.id)
    result.push({ unitId: unit.id, items, amountDueFen: items.reduce((sum, item) => sum + item.feeFen, 0n) })
  }
  return result
}

export interface CollectFeeInput {
  unitId: string
  domainIds?: string[] | null
  renewalIds?: string[] | null
  amountFen: bigint
  invoiceCount: number
  idempotencyKey: string
}

function idList(ids: string[] | null | undefined, what: string, field: string): number[] {
  const list = (ids ?? []).map((id) => Number(id))
  if (list.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw badInput(`${what}编号无效`, { [field]: `${what}编号无效` })
  if (new Set(list).size !== list.length) throw badInput(`${what}重复`, { [field]: `${what}重复` })
  if (list.length > 100) throw badInput(`一次最多 100 个${what}`, { [field]: `一次最多 100 个${what}` })
  return list
}

/** The office a local office staff member (or its token) acts for; CONAC and units cannot collect or remit. */
function requireLocalOffice(viewer: Viewer, message: string): OfficeScope {
  const office = localOfficeOf(viewer)
  if (!office) throw forbidden(message)
  return office
}

export async function collectFee(ctx: Context, input: CollectFeeInput): Promise<{ feeCollectionId: number }> {
  const office = requireLocalOffice(ctx.viewer, '只有同级编办可以收费')
  const domainIds = idList(input.domainIds, '域名', 'domainIds')
  const renewalIds = idList(input.renewalIds, '续费申请', 'renewalIds')
  if (!domainIds.length && !renewalIds.length) throw badInput('请选择要收费的域名或续费申请', { domainIds: '至少选择一项' })
  if (!Number.isInteger(input.invoiceCount) || input.invoiceCount < 0 || input.invoiceCount > 1000) {
    throw badInput('开具发票数量应为 0-1000', { invoiceCount: '开具发票数量应为 0-1000' })
  }
  if (input.amountFen <= 0n) throw badInput('金额必须大于 0', { amountFen: '金额必须大于 0' })
  const unitId = parseId(input.unitId, '单位')
  const unit = await ctx.prisma.unit.findFirst({ where: { AND: [{ id: unitId }, unitScope(ctx.viewer)] }, include: { region: true } })
  if (!unit) throw notFound('单位')
  if (unit.region.path !== office.regionPath) throw forbidden('只有单位的同级编办可以收费')
  const actorId = ctx.viewer.kind === 'anonymous' ? null : ctx.viewer.userId

  const args = { unitId, domainIds: [...domainIds].sort((a, b) => a - b), renewalIds: [...renewalIds].sort((a, b) => a - b), amountFen: input.amountFen, invoiceCount: input.invoiceCount }
  return withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'collectFee', args }, async (tx) => {
    const now = new Date()
    const domains = await tx.domain.findMany({ where: { id: { in: domainIds }, unitId } })
    if (domains.length !== domainIds.length) throw notFound('域名')
    const notApproved = domains.filter((domain) => domain.status !== 'CONAC_APPROVED')
    if (notApproved.length) throw conflict(`域名状态已变化，不能收费：${notApproved.map((d) => d.name + SUFFIX_TEXT[d.suffix]).join('、')}`)
    const renewals = await tx.domainRenewal.findMany({ where: { id: { in: renewalIds }, domain: { unitId } }, include: { domain: true } })
    if (renewals.length !== renewalIds.length) throw notFound('续费申请')
    if (renewals.some((renewal) => renewal.status !== 'REQUESTED')) throw conflict('续费申请状态已变化，不能收费')

    const items: DueItem[] = []
    for (const domain of domains) {
      items.push({ domainId: domain.id, renewalId: null, kind: 'REGISTRATION', years: domain.years, feeFen: await feeFor(tx, domain.suffix, domain.years, now) })
    }
    for (const renewal of renewals) {
      items.push({ domainId: renewal.domainId, renewalId: renewal.id, kind: 'RENEWAL', years: renewal.years, feeFen: await feeFor(tx, renewal.domain.suffix, renewal.years, now) })
    }
    const expected = items.reduce((sum, item) => sum + item.feeFen, 0n)
    if (expected !== input.amountFen) {
      throw appError('BAD_USER_INPUT', `金额与价格表不符：应收 ${yuan(expected)} 元`, {
        fields: { amountFen: `应收 ${yuan(expected)} 元` },
        expectedAmountFen: Number(expected),
      })
    }

    const collection = await tx.feeCollection.create({
      data: {
        officeId: office.officeId,
        unitId,
        amountFen: expected,
        invoiceCount: input.invoiceCount,
        collectedById: actorId!,
        collectedAt: now,
        items: {
          createMany: {
            data: items.map((item) => ({ domainId: item.domainId, renewalId: item.renewalId, kind: item.kind, years: item.years, amountFen: item.feeFen })),
          },
        },
      },
    })
    // 收费的同时开具发票: the invoice draws from the office's stock; a shortfall refuses the whole collection.
    if (input.invoiceCount > 0) {
      await issueInvoiceInTx(tx, ctx, { office, actorId: actorId!, unitId, feeCollectionId: collection.id, count: input.invoiceCount, amountFen: expected })
    }
    // Conditional transitions: a domain or renewal that changed since it was read makes the whole collection fail.
    if (domainIds.length) {
      const moved = await tx.domain.updateMany({
        where: { id: { in: domainIds }, unitId, status: 'CONAC_APPROVED' },
        data: { status: 'FEE_COLLECTED', version: { increment: 1 } },
      })
      if (moved.count !== domainIds.length) throw conflict('域名状态已变化，请刷新后重试')
    }
    if (renewalIds.length) {
      const moved = await tx.domainRenewal.updateMany({
        where: { id: { in: renewalIds }, status: 'REQUESTED' },
        data: { status: 'FEE_COLLECTED', version: { increment: 1 } },
      })
      if (moved.count !== renewalIds.length) throw conflict('续费申请状态已变化，请刷新后重试')
    }
    const unitPayments = await conacAccountOf(tx, 'UNIT_PAYMENTS')
    const collected = await accountOf(tx, office.officeId, 'OFFICE_COLLECTED')
    await postLedgerTransaction(tx, {
      kind: 'COLLECTION',
      memo: `收费 #${collection.id} ${unit.name}`,
      createdById: actorId,
      entries: [
        { accountId: unitPayments.id, amountFen: -expected },
        { accountId: collected.id, amountFen: expected },
      ],
    })
    await writeAudit(tx, ctx, {
      action: 'fee.collect',
      subjectType: 'FeeCollection',
      subjectId: collection.id,
      regionPath: office.regionPath,
      after: { unitId, domainIds, renewalIds, amountFen: expected, invoiceCount: input.invoiceCount },
    })
    const users = await tx.user.findMany({ where: { unitId }, select: { id: true } })
    const body = `您单位已在编办缴纳域名费用 ${yuan(expected)} 元（${items.length} 项），系统扣费后即完成注册或续费。`
    await enqueueNotifications(tx, [
      { channel: 'SMS', address: unit.handlerMobile, template: 'fee.collected', body, dedupeKey: `fee.collected:${collection.id}:sms` },
      ...users.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template: 'fee.collected', subject: '收费通知', body, dedupeKey: `fee.collected:${collection.id}:${user.id}` })),
    ])
    return { feeCollectionId: collection.id }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// 汇款单 and 认款

/**
 * A calendar week (Monday to Sunday, China time) given by any instant of its Monday in China time: 2026-11-30
 * (UTC midnight, what the portal sends) and 2026-11-30T00:00:00+08:00 are both that Monday. `monday` is the
 * Monday's date as a UTC midnight (how Remittance.weekStart is stored).
 */
export function weekOf(weekStart: Date): { monday: Date; from: Date; to: Date } {
  const local = new Date(weekStart.getTime() + CST_OFFSET_MS)
  const monday = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()))
  if (monday.getUTCDay() !== 1) throw badInput('汇款周应从星期一开始', { weekStart: '请选择星期一' })
  const from = new Date(monday.getTime() - CST_OFFSET_MS)
  return { monday, from, to: new Date(from.getTime() + 7 * DAY_MS) }
}

/** The Monday (as a UTC date) of the China-time week containing `date`. */
export function mondayOf(date: Date): Date {
  const local = new Date(date.getTime() + CST_OFFSET_MS)
  const day = local.getUTCDay() || 7
  return new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - (day - 1)))
}

/** 汇款单 for a week: all of the office's collections up to the end of that week not yet remitted. */
export async function createRemittance(ctx: Context, input: { weekStart: Date; bankReference?: string | null; idempotencyKey: string }) {
  const office = requireLocalOffice(ctx.viewer, '只有编办可以提交汇款单')
  const { monday, to } = weekOf(input.weekStart)
  if (monday.getTime() > mondayOf(new Date()).getTime()) throw badInput('不能提交未来一周的汇款单', { weekStart: '不能选择未来的周' })
  const bankReference = input.bankReference?.trim() || null
  if (bankReference && bankReference.length > 64) throw badInput('汇款凭证号不能超过 64 个字符', { bankReference: '不能超过 64 个字符' })
  const actorId = ctx.viewer.kind === 'anonymous' ? null : ctx.viewer.userId
  const args = { weekStart: monday, bankReference }
  return withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'createRemittance', args }, async (tx) => {
    const existing = await tx.remittance.findUnique({ where: { officeId_weekStart: { officeId: office.officeId, weekStart: monday } } })
    if (existing) throw conflict('该周的汇款单已提交', 'ALREADY_REMITTED')
    // Everything not yet remitted up to the end of the week: a collection made after an earlier week's remittance
    // was submitted (one remittance per week) goes with the next week's.
    const collections = await tx.feeCollection.findMany({
      where: { officeId: office.officeId, remittanceId: null, collectedAt: { lt: to } },
      select: { id: true, amountFen: true },
    })
    if (!collections.length) throw badInput('该周没有待汇款的收费', { weekStart: '该周没有待汇款的收费' })
    const amountFen = collections.reduce((sum, c) => sum + c.amountFen, 0n)
    const remittance = await tx.remittance.create({
      data: { officeId: office.officeId, weekStart: monday, amountFen, bankReference, submittedById: actorId! },
    })
    const linked = await tx.feeCollection.updateMany({
      where: { id: { in: collections.map((c) => c.id) }, remittanceId: null },
      data: { remittanceId: remittance.id },
    })
    if (linked.count !== collections.length) throw conflict('收费记录已变化，请刷新后重试')
    const collected = await accountOf(tx, office.officeId, 'OFFICE_COLLECTED')
    const inTransit = await accountOf(tx, office.officeId, 'OFFICE_IN_TRANSIT')
    await postLedgerTransaction(tx, {
      kind: 'REMITTANCE',
      memo: `汇款单 #${remittance.id} ${monday.toISOString().slice(0, 10)} 周`,
      createdById: actorId,
      entries: [
        { accountId: collected.id, amountFen: -amountFen },
        { accountId: inTransit.id, amountFen },
      ],
    })
    await writeAudit(tx, ctx, {
      action: 'remittance.create',
      subjectType: 'Remittance',
      subjectId: remittance.id,
      regionPath: office.regionPath,
      after: { weekStart: monday, amountFen, collections: collections.map((c) => c.id), bankReference },
    })
    return { remittanceId: remittance.id }
  })
}

/**
 * 认款: the remittance's money moves from 在途 to the office's 帐户余额, and then (seed 003: "当日系统自动为已充值单位
 * 消费") what the new balance covers is charged at once (chargeAfterConfirmation), so a domain paid for today is
 * registered today rather than at the next 01:00. A retried 认款 (same key) replays the confirmation and tries the
 * charge again, which finds its items already charged.
 */
export async function confirmRemittance(ctx: Context, input: { id: string; version: number; idempotencyKey: string }) {
  const confirmed = await confirmRemittanceMoney(ctx, input)
  await chargeAfterConfirmation(ctx.prisma, confirmed.remittanceId, ctx)
  return confirmed
}

async function confirmRemittanceMoney(ctx: Context, input: { id: string; version: number; idempotencyKey: string }) {
  if (!isConac(ctx.viewer)) throw forbidden('只有 CONAC 可以认款')
  const id = parseId(input.id, '汇款单')
  const actorId = ctx.viewer.kind === 'anonymous' ? null : ctx.viewer.userId
  return withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'confirmRemittance', args: { id, version: input.version } }, async (tx) => {
    const remittance = await tx.remittance.findUnique({ where: { id }, include: { office: { include: { region: true } } } })
    if (!remittance) throw notFound('汇款单')
    const now = new Date()
    const moved = await tx.remittance.updateMany({
      where: { id, status: 'SUBMITTED', version: input.version },
      data: { status: 'CONFIRMED', confirmedAt: now, confirmedById: actorId, version: { increment: 1 } },
    })
    if (moved.count !== 1) throw conflict('汇款单已被处理或已变化，请刷新后重试')
    const inTransit = await accountOf(tx, remittance.officeId, 'OFFICE_IN_TRANSIT')
    const prepaid = await accountOf(tx, remittance.officeId, 'OFFICE_PREPAID')
    await postLedgerTransaction(tx, {
      kind: 'REMITTANCE_CONFIRMATION',
      memo: `认款 汇款单 #${id} ${remittance.office.name}`,
      createdById: actorId,
      entries: [
        { accountId: inTransit.id, amountFen: -remittance.amountFen },
        { accountId: prepaid.id, amountFen: remittance.amountFen },
      ],
    })
    await writeAudit(tx, ctx, {
      action: 'remittance.confirm',
      subjectType: 'Remittance',
      subjectId: id,
      regionPath: remittance.office.region.path,
      before: { status: 'SUBMITTED' },
      after: { status: 'CONFIRMED', amountFen: remittance.amountFen },
    })
    const staff = await tx.user.findMany({ where: { officeId: remittance.officeId }, select: { id: true, email: true } })
    const body = `汇款单 #${id}（${yuan(remittance.amountFen)} 元）已认款，帐户余额已充值。`
    const payload = { remittanceId: id }
    await enqueueNotifications(tx, [
      ...staff.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template: 'remittance.confirmed', subject: '认款通知', body, payload, dedupeKey: `remittance.confirmed:${id}:${user.id}` })),
      ...staff
        .filter((user) => user.email)
        .map((user) => ({ channel: 'EMAIL' as const, userId: user.id, address: user.email, template: 'remittance.confirmed', subject: '认款通知', body, payload, dedupeKey: `remittance.confirmed:${id}:EMAIL:${user.id}` })),
    ])
    return { remittanceId: id }
  })
}

// ---------------------------------------------------------------------------------------------------------------
// The daily charge

export type ChargeOutcome = 'charged' | 'skipped' | 'already'
/** Who a charge is recorded against in the audit log: CONAC staff at 认款 or 立即执行, nobody for the scheduler. */
type ChargeActor = { viewer: Viewer; ip: string | null }

/** Thrown inside a charge's transaction to roll it back without an error for the caller. */
class ChargeSkipped extends Error {}

/**
 * Charges one fee item in its own transaction. The item row is claimed first (conditional on chargedAt null), so
 * a concurrent charge of the same item waits and then finds nothing to do; an office balance that cannot cover
 * the fee makes the database refuse the posting, which rolls everything back ('skipped').
 */
export async function chargeFeeItem(prisma: PrismaClient, itemId: number, actor: ChargeActor = { viewer: anonymous, ip: null }): Promise<ChargeOutcome> {
  try {
    return await prisma.$transaction(async (tx) => {
      const now = new Date()
      const claimed = await tx.feeCollectionItem.updateMany({ where: { id: itemId, chargedAt: null }, data: { chargedAt: now } })
      if (claimed.count !== 1) return 'already' as const
      const item = await tx.feeCollectionItem.findUniqueOrThrow({
        where: { id: itemId },
        include: { feeCollection: { include: { office: { include: { region: true } } } }, domain: true, renewal: true },
      })
      const office = item.feeCollection.office
      const prepaid = await accountOf(tx, office.id, 'OFFICE_PREPAID')
      const revenue = await conacAccountOf(tx, 'CONAC_REVENUE')
      const fullName = item.domain.name + SUFFIX_TEXT[item.domain.suffix]
      const posting = await postLedgerTransaction(tx, {
        kind: 'CHARGE',
        memo: `扣费 ${item.kind === 'RENEWAL' ? '续费' : '注册'} ${fullName} ${item.years}年`,
        createdById: actor.viewer.kind === 'anonymous' ? null : actor.viewer.userId,
        entries: [
          { accountId: prepaid.id, amountFen: -item.amountFen },
          { accountId: revenue.id, amountFen: item.amountFen },
        ],
      })
      await tx.feeCollectionItem.update({ where: { id: itemId }, data: { chargeTransactionId: posting.id } })
      let after: Record<string, unknown>
      if (item.kind === 'REGISTRATION') {
        const expiresAt = addYears(now, item.years)
        const registered = await tx.domain.updateMany({
          where: { id: item.domainId, status: 'FEE_COLLECTED' },
          data: { status: 'REGISTERED', registeredAt: now, expiresAt, version: { increment: 1 } },
        })
        if (registered.count !== 1) throw new ChargeSkipped('domain no longer waits for its charge')
        after = { status: 'REGISTERED', registeredAt: now, expiresAt }
      } else {
        const renewal = item.renewal
        if (!renewal || renewal.status !== 'FEE_COLLECTED' || !item.domain.expiresAt || !['REGISTERED', 'EXPIRED'].includes(item.domain.status)) {
          throw new ChargeSkipped('renewal no longer waits for its charge')
        }
        const previousExpiry = item.domain.expiresAt
        const newExpiry = addYears(previousExpiry > now ? previousExpiry : now, item.years)
        const extended = await tx.domain.updateMany({
          where: { id: item.domainId, version: item.domain.version },
          data: { status: 'REGISTERED', expiresAt: newExpiry, version: { increment: 1 } },
        })
        const charged = await tx.domainRenewal.updateMany({
          where: { id: renewal.id, status: 'FEE_COLLECTED' },
          data: { status: 'CHARGED', previousExpiry, newExpiry, version: { increment: 1 } },
        })
        if (extended.count !== 1 || charged.count !== 1) throw new ChargeSkipped('domain or renewal changed')
        after = { renewalId: renewal.id, previousExpiry, newExpiry }
      }
      await writeAudit(tx, actor, {
        action: item.kind === 'REGISTRATION' ? 'charge.register' : 'charge.renew',
        subjectType: 'Domain',
        subjectId: item.domainId,
        regionPath: office.region.path,
        after: { ...after, feeItemId: itemId, amountFen: item.amountFen },
      })
      const users = await tx.user.findMany({ where: { unitId: item.domain.unitId }, select: { id: true } })
      const body = item.kind === 'REGISTRATION' ? `域名 ${fullName} 已注册成功。` : `域名 ${fullName} 已续费 ${item.years} 年。`
      await enqueueNotifications(
        tx,
        users.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template: 'domain.charged', subject: '域名注册/续费成功', body, dedupeKey: `domain.charged:${itemId}:${user.id}` })),
      )
      return 'charged' as const
    }, { maxWait: 60_000, timeout: 60_000 })
  } catch (error) {
    if (error instanceof ChargeSkipped || isBalanceRefusal(error)) return 'skipped'
    throw error
  }
}

export interface ChargeRunResult {
  [key: string]: number
  charged: number
  skipped: number
  already: number
  chargedFen: number
}

const noCharges = (): ChargeRunResult => ({ charged: 0, skipped: 0, already: 0, chargedFen: 0 })

/**
 * Charges items one by one in the given order (chargeFeeItem: one guarded transaction each), counting into
 * `result` (so a pass that fails midway still tells what it did). With `balanceFen`, the office balance read before
 * the pass, an item the rest of it cannot cover is counted as skipped without a transaction: only a shortcut, since
 * the database still refuses any charge the balance cannot cover.
 */
async function chargeInOrder(
  prisma: PrismaClient,
  items: { id: number; amountFen: bigint }[],
  actor: ChargeActor,
  { balanceFen, result = noCharges() }: { balanceFen?: bigint; result?: ChargeRunResult } = {},
): Promise<ChargeRunResult> {
  let left = balanceFen
  for (const item of items) {
    const outcome = left !== undefined && item.amountFen > left ? 'skipped' : await chargeFeeItem(prisma, item.id, actor)
    result[outcome] += 1
    if (outcome === 'charged') {
      result.chargedFen += Number(item.amountFen)
      if (left !== undefined) left -= item.amountFen
    }
  }
  return result
}

/**
 * The charge right after 认款: what the office's 帐户余额 now covers, the confirmed remittance's own items first (the
 * money came for them), then the office's other uncharged items in collection order, as the daily run would charge
 * them. Each item goes through chargeFeeItem, so a daily run (or another 认款) at the same moment charges none of
 * them twice. The confirmation is already committed: a failure here is logged and left to the daily run, the sweep.
 */
export async function chargeAfterConfirmation(prisma: PrismaClient, remittanceId: number, actor: ChargeActor): Promise<ChargeRunResult | null> {
  try {
    const remittance = await prisma.remittance.findUniqueOrThrow({ where: { id: remittanceId }, select: { officeId: true, status: true } })
    if (remittance.status !== 'CONFIRMED') return null
    const waiting = await prisma.feeCollectionItem.findMany({
      where: { chargedAt: null, feeCollection: { officeId: remittance.officeId } },
      orderBy: [{ feeCollectionId: 'asc' }, { id: 'asc' }],
      select: { id: true, amountFen: true, feeCollection: { select: { remittanceId: true } } },
    })
    const own = waiting.filter((item) => item.feeCollection.remittanceId === remittanceId)
    const others = waiting.filter((item) => item.feeCollection.remittanceId !== remittanceId)
    const balance = (await accountOf(prisma, remittance.officeId, 'OFFICE_PREPAID')).balanceFen
    return await chargeInOrder(prisma, [...own, ...others], actor, { balanceFen: balance })
  } catch (error) {
    console.error(`[fees] charge after 认款 of remittance #${remittanceId} failed; the daily charge will retry:`, error)
    return null
  }
}

export const DAILY_CHARGE_JOB = 'dailyCharge'
/** 每日扣费 runs at 01:00 Beijing time. */
export const DAILY_CHARGE_SCHEDULE: Schedule = { days: 'DAILY', hour: 1, minute: 0 }
/** A RUNNING daily charge older than this is taken to have died with its process. */
const STALE_RUN_MS = 30 * 60_000

/** The China-time calendar day of an instant, as YYYY-MM-DD. */
export function dayKey(date: Date): string {
  return new Date(date.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10)
}

/**
 * The days a charge may be run for at `now`: today (Beijing), and the day of the scheduler's latest due slot, which
 * is yesterday until today's 01:00 (how a server that was down at 01:00 catches up). Any other day would claim that
 * day's once-a-day run out of turn: a run "for" a future day leaves the real charge of that day with nothing to do
 * (its period is taken), and one for 1971 is a second charge on a day that was never scheduled.
 */
export function chargeableDays(now: Date): string[] {
  const slot = latestDueSlot(DAILY_CHARGE_SCHEDULE, now)
  return [...new Set([dayKey(now), ...(slot ? [periodKeyOf(slot)] : [])])]
}

/**
 * Charges every uncharged item in collection order, once per day: a second run of the same day returns the first
 * (succeeded) JobRun; a failed or dead run of the day is retried. `date` must be one of chargeableDays(now); `now`
 * is the clock (the scheduler's, in its tests).
 */
export async function runDailyCharge(
  prisma: PrismaClient,
  date: Date,
  actor: ChargeActor = { viewer: anonymous, ip: null },
  { now = new Date() }: { now?: Date } = {},
) {
  const periodKey = dayKey(date)
  const allowed = chargeableDays(now)
  if (!allowed.includes(periodKey)) {
    throw badInput(`每日扣费只能为今天（北京时间 ${dayKey(now)}）执行，或补执行调度错过的上一天；不能为 ${periodKey} 执行`, {
      date: `可选日期：${allowed.join('、')}`,
    })
  }
  const where = { job_periodKey: { job: DAILY_CHARGE_JOB, periodKey } }
  const existing = await prisma.jobRun.findUnique({ where })
  let run
  if (existing) {
    if (existing.status === 'SUCCEEDED') return existing
    // A failed run, or one whose process died (still RUNNING long after it started), may be taken over: every
    // item is charged at most once anyway. The conditional update lets one caller take it.
    const stale = existing.status === 'RUNNING' && Date.now() - existing.startedAt.getTime() > STALE_RUN_MS
    if (existing.status === 'RUNNING' && !stale) throw conflict('当日扣费正在执行', 'JOB_RUNNING')
    const taken = await prisma.jobRun.updateMany({
      where: { id: existing.id, status: existing.status, startedAt: existing.startedAt },
      data: { status: 'RUNNING', startedAt: new Date(), finishedAt: null, error: null },
    })
    if (taken.count !== 1) throw conflict('当日扣费正在执行', 'JOB_RUNNING')
    run = existing
  } else {
    try {
      run = await prisma.jobRun.create({ data: { job: DAILY_CHARGE_JOB, periodKey } })
    } catch (error) {
      const winner = await prisma.jobRun.findUnique({ where })
      if (winner?.status === 'SUCCEEDED') return winner
      if (winner) throw conflict('当日扣费正在执行', 'JOB_RUNNING')
      throw error
    }
  }
  const result = noCharges()
  try {
    const items = await prisma.feeCollectionItem.findMany({ where: { chargedAt: null }, orderBy: [{ feeCollectionId: 'asc' }, { id: 'asc' }], select: { id: true, amountFen: true } })
    await chargeInOrder(prisma, items, actor, { result })
    return await prisma.jobRun.update({ where: { id: run.id }, data: { status: 'SUCCEEDED', finishedAt: new Date(), result } })
  } catch (error) {
    await prisma.jobRun.update({ where: { id: run.id }, data: { status: 'FAILED', finishedAt: new Date(), result, error: String((error as Error).message).slice(0, 2000) } })
    throw error
  }
}

export interface ChargeTally {
  items: number
  amountFen: bigint
}

export interface ChargeOverview {
  /** Today, Beijing time (YYYY-MM-DD). */
  day: string
  todaysRun: JobRun | null
  chargedToday: ChargeTally
  waiting: ChargeTally & { shortfallFen: bigint; offices: number }
}

/**
 * 每日扣费 at a glance: today's daily run (if it ran), every item charged today whichever way (that run, or right
 * after a 认款), and what waits, with how much the offices' balances fall short of it, so 立即执行 can say what was
 * done and what was not, and why.
 */
export async function chargeOverview(prisma: PrismaClient, now = new Date()): Promise<ChargeOverview> {
  const day = dayKey(now)
  const since = new Date(Date.parse(`${day}T00:00:00+08:00`))
  const todaysRun = await prisma.jobRun.findUnique({ where: { job_periodKey: { job: DAILY_CHARGE_JOB, periodKey: day } } })
  const charged = await prisma.feeCollectionItem.aggregate({ where: { chargedAt: { gte: since } }, _count: { _all: true }, _sum: { amountFen: true } })
  const waiting = await prisma.feeCollectionItem.findMany({ where: { chargedAt: null }, select: { amountFen: true, feeCollection: { select: { officeId: true } } } })
  const waitingByOffice = new Map<number, bigint>()
  for (const item of waiting) waitingByOffice.set(item.feeCollection.officeId, (waitingByOffice.get(item.feeCollection.officeId) ?? 0n) + item.amountFen)
  const balances = await prisma.account.findMany({ where: { kind: 'OFFICE_PREPAID', officeId: { in: [...waitingByOffice.keys()] } }, select: { officeId: true, balanceFen: true } })
  const balanceOf = new Map(balances.map((account) => [account.officeId, account.balanceFen]))
  let shortfallFen = 0n
  for (const [officeId, owed] of waitingByOffice) {
    const balance = balanceOf.get(officeId) ?? 0n
    if (owed > balance) shortfallFen += owed - balance
  }
  return {
    day,
    todaysRun,
    chargedToday: { items: charged._count._all, amountFen: charged._sum.amountFen ?? 0n },
    waiting: { items: waiting.length, amountFen: [...waitingByOffice.values()].reduce((sum, owed) => sum + owed, 0n), shortfallFen, offices: waitingByOffice.size },
  }
}

// ---------------------------------------------------------------------------------------------------------------
// 帐户余额 and the ledger

/** An office whose accounts the viewer may read: its own, one below it (for ancestors' staff), any for CONAC. */
export async function readableOffice(ctx: Context, officeId?: string | null) {
  const { viewer } = ctx
  const own = viewer.kind === 'anonymous' ? null : viewer.office
  if (!own) throw forbidden('仅限编办或 CONAC 工作人员')
  const id = officeId == null ? own.officeId : parseId(officeId, '编办')
  const office = await ctx.prisma.office.findFirst({
    where: { id, ...(isConac(viewer) ? {} : { region: { path: { startsWith: own.regionPath } } }) },
    include: { accounts: true },
  })
  if (!office) throw notFound('编办')
  return office
}

export async function readableAccount(ctx: Context, accountId: string) {
  const id = parseId(accountId, '账户')
  const account = await ctx.prisma.account.findUnique({ where: { id }, include: { office: { include: { region: true } } } })
  if (!account) throw notFound('账户')
  const { viewer } = ctx
  if (isConac(viewer)) return account
  const own = viewer.kind === 'anonymous' ? null : viewer.office
  if (!own || account.office.level === 'CENTRAL' || !account.office.region.path.startsWith(own.regionPath)) throw notFound('账户')
  return account
}
