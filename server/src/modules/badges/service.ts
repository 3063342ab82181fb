// 标识管理: a unit asks to change (变更) or cancel (注销) its badge, and the unit's same-level office reviews the
// request. Same pattern as the other reviews: each transition is one conditional updateMany on (id, status,
// version), with its decision, audit rows, DNS re-pointing and outbox notifications in the same transaction, so a
// lost race writes nothing. Also the public facts shown on the verification page (公开核验).
import { isIP } from 'node:net'
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { BadgeChangeStatus, BadgePlacement, BadgeStatus, UnitType } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { englishDomainProblem } from '../../lib/englishDomain.ts'
import { enqueueNotifications, type NotificationDraft } from '../../lib/outbox.ts'
import { checkReviewReason, conflictStale, reviewerFor } from '../../lib/review.ts'
import { isConac, localOfficeOf, sameLevelUnits, unitScope } from '../../lib/scope.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { actingUserId } from '../../viewer.ts'
import { pointChineseDomain, removeChineseDomainForwards } from './dnsPointing.ts'
import { asSentence } from '../notifications/templates.ts'

type Tx = Prisma.TransactionClient

/** 颁发机构 shown on the verification page: the badge is issued by CONAC (中央编办发〔2014〕69号, seeds 000/004). */
export const BADGE_ISSUER = '中央机构编制委员会办公室 政务和公益机构域名注册管理中心'

const REASON_LIMIT = 500
export const PENDING_EXISTS = '该标识已有待审核的变更或注销申请'

// ---------------------------------------------------------------------------------------------------------------
// Loading

const unitSelect = {
  id: true,
  name: true,
  type: true,
  regionCode: true,
  region: { select: { path: true } },
  users: { where: { status: 'ACTIVE' }, select: { id: true } },
} as const satisfies Prisma.UnitSelect

const badgeInclude = {
  unit: { select: unitSelect },
  siteApplication: { select: { id: true, status: true, version: true, serialNumber: true, handlerMobile: true, handlerEmail: true } },
} as const satisfies Prisma.BadgeInclude

async function findBadge(ctx: Context, id: string | number) {
  const badgeId = Number(id)
  const badge = Number.isSafeInteger(badgeId)
    ? await ctx.prisma.badge.findFirst({ where: { id: badgeId, unit: unitScope(ctx.viewer) }, include: badgeInclude })
    : null
  if (!badge) throw notFound('网站标识')
  return badge
}

type LoadedBadge = Awaited<ReturnType<typeof findBadge>>

async function findRequest(ctx: Context, id: string | number) {
  const requestId = Number(id)
  const request = Number.isSafeInteger(requestId)
    ? await ctx.prisma.badgeChangeRequest.findFirst({ where: { id: requestId, badge: { unit: unitScope(ctx.viewer) } }, include: { badge: { include: badgeInclude } } })
    : null
  if (!request) throw notFound('标识变更申请')
  return request
}

/** Unit users only: they ask, offices review. */
function requireUnitUser(ctx: Context): number {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER') throw forbidden('只有单位用户可以申请标识变更或注销')
  if (viewer.unitId == null) throw forbidden('本账号未关联单位')
  return viewer.unitId
}

/** Re-reads the badge inside the transaction with a row lock, so a request never lands on a badge that just changed. */
async function lockActiveBadge(tx: Tx, badgeId: number, version: number) {
  const rows = await tx.$queryRaw<{ status: BadgeStatus; version: number }[]>`SELECT "status", "version" FROM "badges" WHERE "id" = ${badgeId} FOR UPDATE`
  const row = rows[0]
  if (!row || row.status !== 'ACTIVE') throw appError('CONFLICT', '该网站标识已注销，不能再申请变更或注销')
  if (row.version !== version) throw conflictStale()
}

async function hasPending(db: Tx | Context['prisma'], badgeId: number) {
  return (await db.badgeChangeRequest.count({ where: { badgeId, status: 'PENDING' } })) > 0
}

// ---------------------------------------------------------------------------------------------------------------
// Notices

/** SMS to the application's handler, email to the handler, IN_APP to the unit's users. */
function unitNotices(badge: LoadedBadge, key: string, template: string, subject: string, body: string, payload: Prisma.InputJsonValue): NotificationDraft[] {
  const k = (channel: string, recipient: string | number) => `${key}:${channel}:${recipient}`
  const mobile = badge.siteApplication.handlerMobile.trim()
  const email = badge.siteApplication.handlerEmail.trim()
  return [
    { channel: 'SMS', address: mobile, template, body, payload, dedupeKey: k('SMS', mobile) },
    { channel: 'EMAIL', address: email, template, subject, body, payload, dedupeKey: k('EMAIL', email) },
    ...badge.unit.users.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template, subject, body, payload, dedupeKey: k('IN_APP', user.id) })),
  ]
}

/** IN_APP notices to the staff of the unit's same-level office: work waits for them. */
async function officeNotices(tx: Tx, badge: LoadedBadge, requestId: number, subject: string, body: string): Promise<NotificationDraft[]> {
  const staff = await tx.user.findMany({ where: { office: { regionCode: badge.unit.regionCode }, status: 'ACTIVE' }, select: { id: true } })
  return staff.map((user) => ({
    channel: 'IN_APP' as const,
    userId: user.id,
    template: 'badgeChange.awaitingOfficeReview',
    subject,
    body,
    payload: { badgeId: badge.id, badgeChangeId: requestId },
    dedupeKey: `badge-change-request:${requestId}:IN_APP:${user.id}`,
  }))
}

// ---------------------------------------------------------------------------------------------------------------
// Requests

/** The four badge facts a change may touch. */
export interface BadgeFacts {
  placement: BadgePlacement
  siteName: string
  englishDomain: string | null
  ipAddress: string | null
}

export const BADGE_FACT_NAMES: (keyof BadgeFacts)[] = ['placement', 'siteName', 'englishDomain', 'ipAddress']

export interface RequestBadgeChangeInput {
  badgeId: string | number
  version: number
  newPlacement?: BadgePlacement | null
  newSiteName?: string | null
  newEnglishDomain?: string | null
  newIpAddress?: string | null
  reason?: string | null
}

function checkReason(raw: string | null | undefined, required: boolean, problems: Record<string, string>): string | null {
  const reason = raw?.trim() || null
  if (required && (!reason || [...reason].length < 2)) problems.reason = '请填写 2-500 个字的注销原因'
  else if (reason && [...reason].length > REASON_LIMIT) problems.reason = `原因不能超过 ${REASON_LIMIT} 个字`
  return reason
}

/**
 * The badge's facts after the change: a value left out (undefined or null) keeps the current one; the micro-site
 * has no English domain or IP; a self-built site needs both, its domain of the kind the unit's type may use
 * (lib/englishDomain.ts). Every problem is reported at once, per input field.
 */
export function changedFacts(current: BadgeFacts, unitType: UnitType, input: Omit<RequestBadgeChangeInput, 'badgeId' | 'version'>) {
  const problems: Record<string, string> = {}
  const text = (value: string | null | undefined, fallback: string | null) => (value == null ? fallback : value.trim() || null)
  const placement = input.newPlacement ?? current.placement
  const siteName = text(input.newSiteName, current.siteName)
  if (!siteName) problems.newSiteName = '请填写网站名称'
  else if ([...siteName].length > 128) problems.newSiteName = '网站名称不能超过 128 个字符'
  let englishDomain: string | null = null
  let ipAddress: string | null = null
  if (placement === 'MICRO_SITE') {
    if (input.newEnglishDomain?.trim()) problems.newEnglishDomain = '挂标位置为网络红页时不填写英文域名'
    if (input.newIpAddress?.trim()) problems.newIpAddress = '挂标位置为网络红页时不填写 IP 地址'
  } else {
    englishDomain = text(input.newEnglishDomain, current.englishDomain)?.toLowerCase() ?? null
    ipAddress = text(input.newIpAddress, current.ipAddress)
    const domainProblem = englishDomain ? englishDomainProblem(englishDomain, unitType) : '自建网站须填写英文域名'
    if (domainProblem) problems.newEnglishDomain = domainProblem
    if (!ipAddress) problems.newIpAddress = '自建网站须填写网站 IP 地址'
    else if (ipAddress.length > 45 || isIP(ipAddress) === 0) problems.newIpAddress = 'IP 地址格式不正确（IPv4 或 IPv6）'
    else if (isIP(ipAddress) === 6) ipAddress = ipAddress.toLowerCase()
  }
  const reason = checkReason(input.reason, false, problems)
  const next: BadgeFacts = { placement, siteName: siteName ?? '', englishDomain, ipAddress }
  if (!Object.keys(problems).length && BADGE_FACT_NAMES.every((name) => (next[name] ?? null) === (current[name] ?? null))) {
    problems.newPlacement = '变更内容与当前标识信息相同，请至少修改一项'
  }
  return { next, reason, problems }
}

const factsOf = (badge: BadgeFacts): BadgeFacts => ({
  placement: badge.placement,
  siteName: badge.siteName,
  englishDomain: badge.englishDomain,
  ipAddress: badge.ipAddress,
})

async function createRequest(
  ctx: Context,
  badge: LoadedBadge,
  version: number,
  data: Omit<Prisma.BadgeChangeRequestUncheckedCreateInput, 'badgeId' | 'requestedById'>,
  audit: { action: string; after: Record<string, unknown> },
  notice: { subject: string; body: string },
) {
  if (badge.status !== 'ACTIVE') throw appError('CONFLICT', '该网站标识已注销，不能再申请变更或注销')
  if (badge.version !== version) throw conflictStale()
  if (await hasPending(ctx.prisma, badge.id)) throw appError('CONFLICT', PENDING_EXISTS)
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      await lockActiveBadge(tx, badge.id, version)
      if (await hasPending(tx, badge.id)) throw appError('CONFLICT', PENDING_EXISTS)
      const request = await tx.badgeChangeRequest.create({
        data: { ...data, badgeId: badge.id, requestedById: actingUserId(ctx.viewer)! },
      })
      await writeAudit(tx, ctx, {
        action: audit.action,
        subjectType: 'BadgeChangeRequest',
        subjectId: request.id,
        regionPath: badge.unit.region.path,
        // before: the badge as it was when asked, so the history can show before → after once the badge has changed.
        before: { badgeId: badge.id, badgeVersion: badge.version, ...factsOf(badge) },
        after: { ...audit.after, status: 'PENDING' },
      })
      await enqueueNotifications(tx, await officeNotices(tx, badge, request.id, notice.subject, notice.body))
      return request
    })
  } catch (error) {
    // The partial unique index badge_change_requests_one_pending: a concurrent request won.
    if (isUniqueViolation(error)) throw appError('CONFLICT', PENDING_EXISTS)
    throw error
  }
}

/** 变更: placement (micro-site ↔ self-built), English domain, IP, site name. */
export async function requestBadgeChange(ctx: Context, input: RequestBadgeChangeInput) {
  requireUnitUser(ctx)
  const badge = await findBadge(ctx, input.badgeId)
  const { next, reason, problems } = changedFacts(factsOf(badge), badge.unit.type, input)
  if (Object.keys(problems).length) throw badInput('标识变更信息有误', problems)
  return createRequest(
    ctx,
    badge,
    input.version,
    { kind: 'CHANGE', newPlacement: next.placement, newSiteName: next.siteName, newEnglishDomain: next.englishDomain, newIpAddress: next.ipAddress, reason },
    { action: 'badgeChange.request', after: { kind: 'CHANGE', ...next, reason } },
    { subject: '有新的网站标识变更申请待审核', body: `${badge.unit.name} 申请变更网站标识（编号 ${badge.badgeNumber}），待您审核。` },
  )
}

/** 注销. */
export async function requestBadgeCancellation(ctx: Context, input: { badgeId: string | number; version: number; reason: string }) {
  requireUnitUser(ctx)
  const badge = await findBadge(ctx, input.badgeId)
  const problems: Record<string, string> = {}
  const reason = checkReason(input.reason, true, problems)
  if (Object.keys(problems).length) throw badInput('注销申请信息有误', problems)
  return createRequest(
    ctx,
    badge,
    input.version,
    { kind: 'CANCEL', reason },
    { action: 'badgeChange.request', after: { kind: 'CANCEL', reason } },
    { subject: '有新的网站标识注销申请待审核', body: `${badge.unit.name} 申请注销网站标识（编号 ${badge.badgeNumber}），待您审核。` },
  )
}

/** 撤回: the unit takes back a request the office has not decided yet; the request stays, WITHDRAWN, for history. */
export async function withdrawBadgeChangeRequest(ctx: Context, input: { id: string | number; version: number }) {
  requireUnitUser(ctx)
  const request = await findRequest(ctx, input.id)
  if (request.status !== 'PENDING') throw appError('CONFLICT', '该申请已审核，不能撤回')
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.badgeChangeRequest.updateMany({
      where: { id: request.id, status: 'PENDING', version: input.version },
      data: { status: 'WITHDRAWN', version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    const { badge } = request
    await writeAudit(tx, ctx, {
      action: 'badgeChange.withdraw',
      subjectType: 'BadgeChangeRequest',
      subjectId: request.id,
      regionPath: badge.unit.region.path,
      before: { status: 'PENDING', version: request.version },
      after: { status: 'WITHDRAWN', version: request.version + 1 },
    })
    return badge
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Review

export type BadgeReviewDecision = 'APPROVE' | 'REJECT'

const KIND_TEXT = { CHANGE: '变更', CANCEL: '注销' } as const

export async function reviewBadgeChange(ctx: Context, input: { id: string | number; version: number; decision: BadgeReviewDecision; reason?: string | null }) {
  const request = await findRequest(ctx, input.id)
  const { badge } = request
  const messages = { notStaff: '只有单位的同级编办可以审核标识变更和注销', notSameLevel: '只有单位的同级编办可以审核标识变更和注销' }
  const { reviewerId, office, level } = reviewerFor(ctx.viewer, badge.unit.region.path, messages)
  if (level !== 'OFFICE') throw forbidden(messages.notSameLevel)
  const approve = input.decision === 'APPROVE'
  const reason = checkReviewReason(approve, input.reason)
  const next: BadgeChangeStatus = approve ? 'APPROVED' : 'REJECTED'

  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.badgeChangeRequest.updateMany({
      where: { id: request.id, status: 'PENDING', version: input.version },
      data: { status: next, version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    const decision = await tx.reviewDecision.create({
      data: { subject: 'BADGE_CHANGE', badgeChangeId: request.id, level: 'OFFICE', officeId: office.officeId, reviewerId, result: approve ? 'APPROVED' : 'REJECTED', reason },
    })
    await writeAudit(tx, ctx, {
      action: 'badgeChange.review',
      subjectType: 'BadgeChangeRequest',
      subjectId: request.id,
      regionPath: badge.unit.region.path,
      before: { status: request.status, version: request.version },
      after: { status: next, version: request.version + 1, decisionId: decision.id, reason },
    })
    if (approve && request.kind === 'CHANGE') await applyChange(tx, ctx, badge, request)
    if (approve && request.kind === 'CANCEL') await applyCancellation(tx, ctx, badge, request.id)

    const kindText = KIND_TEXT[request.kind]
    const resultText = approve ? '通过' : '未通过'
    const tail = approve
      ? request.kind === 'CANCEL' ? '。如需继续开办网站，请重新提交网站开办申请。' : '，标识信息已更新。'
      : `，原因：${asSentence(reason ?? '')}如有需要，请修改后重新申请。`
    const body = `您单位网站标识（编号 ${badge.badgeNumber}）的${kindText}申请审核${resultText}${tail}`
    const payload = { badgeId: badge.id, badgeChangeId: request.id, decisionId: decision.id, kind: request.kind, result: decision.result, reason }
    await enqueueNotifications(tx, unitNotices(badge, `badge-change-review:${decision.id}`, `badgeChange.${request.kind === 'CANCEL' ? 'cancel' : 'change'}${approve ? 'Approved' : 'Rejected'}`, `网站标识${kindText}申请审核${resultText}`, body, payload))
    return tx.badgeChangeRequest.findUniqueOrThrow({ where: { id: request.id } })
  })
}

type LoadedRequest = Awaited<ReturnType<typeof findRequest>>

async function applyChange(tx: Tx, ctx: Context, badge: LoadedBadge, request: LoadedRequest) {
  const next: BadgeFacts = {
    placement: request.newPlacement ?? badge.placement,
    siteName: request.newSiteName ?? badge.siteName,
    englishDomain: (request.newPlacement ?? badge.placement) === 'MICRO_SITE' ? null : (request.newEnglishDomain ?? badge.englishDomain),
    ipAddress: (request.newPlacement ?? badge.placement) === 'MICRO_SITE' ? null : (request.newIpAddress ?? badge.ipAddress),
  }
  const { count } = await tx.badge.updateMany({ where: { id: badge.id, status: 'ACTIVE' }, data: { ...next, version: { increment: 1 } } })
  if (count === 0) throw appError('CONFLICT', '该网站标识已注销，不能变更')
  await writeAudit(tx, ctx, {
    action: 'badge.change',
    subjectType: 'Badge',
    subjectId: badge.id,
    regionPath: badge.unit.region.path,
    before: { ...factsOf(badge), version: badge.version },
    after: { ...next, badgeChangeId: request.id },
  })
  if (next.placement !== badge.placement || next.englishDomain !== badge.englishDomain) {
    await pointChineseDomain(
      tx,
      ctx,
      { id: badge.id, unitId: badge.unitId, siteApplicationId: badge.siteApplicationId, placement: next.placement, englishDomain: next.englishDomain },
      { cause: 'BADGE_CHANGED', badgeChangeRequestId: request.id },
    )
  }
}

/** 注销 approved: the badge and its application end, and the Chinese domain's URL forwards go (the form promised it). */
async function applyCancellation(tx: Tx, ctx: Context, badge: LoadedBadge, requestId: number) {
  const cancelledAt = new Date()
  const { count } = await tx.badge.updateMany({ where: { id: badge.id, status: 'ACTIVE' }, data: { status: 'CANCELLED', cancelledAt, version: { increment: 1 } } })
  if (count === 0) throw appError('CONFLICT', '该网站标识已注销')
  await writeAudit(tx, ctx, {
    action: 'badge.cancel',
    subjectType: 'Badge',
    subjectId: badge.id,
    regionPath: badge.unit.region.path,
    before: { status: badge.status, version: badge.version },
    after: { status: 'CANCELLED', cancelledAt },
  })
  // The application is no longer live, so the unit may apply again for the same Chinese domain.
  const app = badge.siteApplication
  const moved = await tx.siteApplication.updateMany({ where: { id: app.id, status: 'BADGE_ISSUED' }, data: { status: 'BADGE_CANCELLED', version: { increment: 1 } } })
  if (moved.count > 0) {
    await writeAudit(tx, ctx, {
      action: 'siteApplication.badgeCancelled',
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: badge.unit.region.path,
      before: { status: app.status, version: app.version },
      after: { status: 'BADGE_CANCELLED', version: app.version + 1, badgeId: badge.id },
    })
  }
  await removeChineseDomainForwards(tx, ctx, badge, requestId)
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

/** An office's same-level units' PENDING requests. CONAC and unit users do not review badge changes. */
export function badgeChangeQueueWhere(ctx: Context): Prisma.BadgeChangeRequestWhereInput {
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden(isConac(ctx.viewer) ? '标识变更和注销由单位的同级编办审核' : '只有编办工作人员有标识变更审核队列')
  return { status: 'PENDING', badge: { unit: sameLevelUnits(office) } }
}

export function badgeChangeListWhere(ctx: Context, filter?: { statuses?: BadgeChangeStatus[] | null; badgeId?: string | number | null } | null): Prisma.BadgeChangeRequestWhereInput {
  const and: Prisma.BadgeChangeRequestWhereInput[] = [{ badge: { unit: unitScope(ctx.viewer) } }]
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses } })
  if (filter?.badgeId != null) {
    const id = Number(filter.badgeId)
    and.push({ badgeId: Number.isSafeInteger(id) ? id : -1 })
  }
  return { AND: and }
}

export interface BadgeFieldChange {
  field: keyof BadgeFacts
  before: string | null
  after: string | null
}

/** What a CHANGE request changes, against the badge as it was when the unit asked (from the request's audit row). */
export async function changesOf(
  ctx: Context,
  request: { id: number; kind: string; newPlacement: BadgePlacement | null; newSiteName: string | null; newEnglishDomain: string | null; newIpAddress: string | null; badgeId: number },
): Promise<BadgeFieldChange[]> {
  if (request.kind !== 'CHANGE') return []
  const audit = await ctx.prisma.auditLog.findFirst({
    where: { action: 'badgeChange.request', subjectType: 'BadgeChangeRequest', subjectId: String(request.id) },
    orderBy: { id: 'asc' },
    select: { before: true },
  })
  const before = (audit?.before as Partial<BadgeFacts> | null) ?? factsOf(await ctx.prisma.badge.findUniqueOrThrow({ where: { id: request.badgeId } }))
  const after: BadgeFacts = {
    placement: request.newPlacement ?? (before.placement as BadgePlacement),
    siteName: request.newSiteName ?? before.siteName ?? '',
    englishDomain: request.newEnglishDomain,
    ipAddress: request.newIpAddress,
  }
  return BADGE_FACT_NAMES.filter((name) => (before[name] ?? null) !== (after[name] ?? null)).map((name) => ({
    field: name,
    before: before[name] ?? null,
    after: after[name] ?? null,
  }))
}

// ---------------------------------------------------------------------------------------------------------------
// Public verification

export interface BadgeVerificationFacts {
  badgeNumber: string
  status: BadgeStatus
  cancelledAt: Date | null
  unitName: string
  unitType: UnitType
  address: string
  functions: string | null
  siteName: string
  chineseDomains: string[]
  englishDomain: string | null
  placement: BadgePlacement
  issuer: string
  issuedAt: Date
}

/** Badge numbers are digits and capital letters, at most 32 (the column). */
export const BADGE_NUMBER = /^[0-9A-Z]{1,32}$/

/** The public facts of a badge (no personal data, no IP), or null for an unknown number. */
export async function badgeVerification(ctx: Context, rawNumber: string): Promise<BadgeVerificationFacts | null> {
  const badgeNumber = rawNumber.trim()
  if (!BADGE_NUMBER.test(badgeNumber)) throw badInput('标识编号格式不正确', { badgeNumber: '标识编号应为不超过 32 位的数字或大写字母' })
  const badge = await ctx.prisma.badge.findUnique({
    where: { badgeNumber },
    select: {
      badgeNumber: true,
      status: true,
      cancelledAt: true,
      siteName: true,
      englishDomain: true,
      placement: true,
      issuedAt: true,
      unit: { select: { type: true } },
      siteApplication: {
        select: {
          unitName: true,
          address: true,
          unitFunctions: true,
          chineseDomain: { select: { id: true, name: true, suffix: true } },
          boundDomains: { select: { domain: { select: { id: true, name: true, suffix: true, status: true } } }, orderBy: { domainId: 'asc' } },
        },
      },
    },
  })
  if (!badge) return null
  const app = badge.siteApplication
  const full = (domain: { name: string; suffix: keyof typeof SUFFIX_TEXT }) => `${domain.name}${SUFFIX_TEXT[domain.suffix]}`
  const chineseDomains: string[] = []
  if (app.chineseDomain) chineseDomains.push(full(app.chineseDomain))
  for (const { domain } of app.boundDomains) {
    if (domain.status === 'REGISTERED' && !chineseDomains.includes(full(domain))) chineseDomains.push(full(domain))
  }
  return {
    badgeNumber: badge.badgeNumber,
    status: badge.status,
    cancelledAt: badge.cancelledAt,
    unitName: app.unitName,
    unitType: badge.unit.type,
    address: app.address,
    functions: app.unitFunctions,
    siteName: badge.siteName,
    chineseDomains,
    englishDomain: badge.englishDomain,
    placement: badge.placement,
    issuer: BADGE_ISSUER,
    issuedAt: badge.issuedAt,
  }
}
