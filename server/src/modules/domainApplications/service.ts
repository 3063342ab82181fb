// 域名申请 and its two-level review (编办初审 → CONAC复审). Services decide; resolvers only translate.
// Every transition is one conditional updateMany on (id, expected status, version); the audit row, the review
// decision and the outbox notifications are written in the same transaction, so a lost race writes nothing.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainStatus, DomainSuffix, UnitType } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { literalLike } from '../../lib/likeText.ts'
import { enqueueNotifications, type NotificationDraft } from '../../lib/outbox.ts'
import { checkReviewReason, conflictStale, reviewerFor } from '../../lib/review.ts'
import { domainScope, isConac, localOfficeOf, sameLevelUnits, unitScope } from '../../lib/scope.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { draftsForUsers, renderNotification } from '../notifications/templates.ts'
import { changesSince, reviewSnapshot, snapshotValue, type FieldChange } from '../reviews/changes.ts'
import { isReservedDomainName } from './reserved-names.ts'

type Tx = Prisma.TransactionClient

/** Statuses that hold a name (mirrors the partial unique index domains_live_name_unique). */
const DEAD_STATUSES: DomainStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED', 'CANCELLED']
/** A unit may withdraw its application until CONAC has approved it. */
const WITHDRAWABLE: DomainStatus[] = ['PENDING_OFFICE_REVIEW', 'OFFICE_REJECTED', 'OFFICE_APPROVED', 'CONAC_REJECTED']
const RESUBMITTABLE: DomainStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED']

export const STATUS_TEXT: Record<DomainStatus, string> = {
  PENDING_OFFICE_REVIEW: '待审核',
  OFFICE_REJECTED: '编办审核未通过',
  OFFICE_APPROVED: '编办审核通过',
  CONAC_REJECTED: 'CONAC审核未通过',
  CONAC_APPROVED: 'CONAC审核通过',
  FEE_COLLECTED: '待缴费',
  REGISTERED: '注册成功',
  EXPIRED: '已过期',
  CANCELLED: '已撤销',
}

const ALLOWED_SUFFIX: Record<UnitType, DomainSuffix> = {
  PARTY_GOVERNMENT: 'ZHENGWU',
  MASS_ORGANIZATION: 'ZHENGWU',
  PUBLIC_INSTITUTION: 'GONGYI',
  SOCIAL_ORGANIZATION: 'GONGYI',
}

export function suffixForUnitType(type: UnitType): DomainSuffix {
  return ALLOWED_SUFFIX[type]
}

const conflictTaken = () => appError('CONFLICT', '该域名已被申请或注册')

/** What the applicant edits and a reviewer decides on; each decision stores them (ReviewDecision.snapshot). */
export const REVIEWED_FIELDS = ['name', 'years'] as const
type ReviewedFields = { name: string; years: number }

export const fullNameOf = (domain: { name: string; suffix: DomainSuffix }) => `${domain.name}${SUFFIX_TEXT[domain.suffix]}`

/**
 * What the applicant changed since the application was last sent back (its latest rejection, at either level), so the
 * reviewer at either level reads the fix: names as whole domains (清丰.政务), years as a number. Empty before any
 * rejection. `decisions`: the domain's decisions, oldest first.
 */
export function changesSinceLastRejection(domain: ReviewedFields & { suffix: DomainSuffix }, decisions: { result: string; snapshot: unknown }[]): FieldChange[] {
  const rejection = decisions.findLast((decision) => decision.result === 'REJECTED')
  if (!rejection) return []
  return changesSince(rejection.snapshot, domain, REVIEWED_FIELDS).map((change) =>
    change.field === 'name'
      ? { ...change, before: change.before && fullNameOf({ name: change.before, suffix: domain.suffix }), after: change.after && fullNameOf({ name: change.after, suffix: domain.suffix }) }
      : change,
  )
}

/** The domain's full name at its latest decision, if a resubmission has renamed it since (else null). */
async function formerFullName(db: Tx, domain: { id: number; name: string; suffix: DomainSuffix }): Promise<string | null> {
  const latest = await db.reviewDecision.findFirst({ where: { domainId: domain.id }, orderBy: { id: 'desc' }, select: { snapshot: true } })
  const name = snapshotValue(latest?.snapshot, 'name')
  return typeof name === 'string' && name !== domain.name ? fullNameOf({ name, suffix: domain.suffix }) : null
}

// ---------------------------------------------------------------------------------------------------------------
// Rules on the name

/** Trimmed, ASCII letters lower-cased: domain labels are case-insensitive, so 'ABC' and 'abc' are one name. */
export function normalizeDomainName(name: string): string {
  return name.trim().replace(/[A-Z]/g, (c) => c.toLowerCase())
}

const NAME_PATTERN = /^[\p{Script=Han}a-z0-9](?:[\p{Script=Han}a-z0-9-]*[\p{Script=Han}a-z0-9])?$/u

/** What is wrong with a (normalized) name, or null. */
export function nameProblem(name: string): string | null {
  const length = [...name].length
  if (length < 2 || length > 40) return '域名应为 2-40 个字符'
  if (!NAME_PATTERN.test(name)) return '域名只能包含汉字、英文字母、数字和中间的连字符（-），不能含点或空格，不能以连字符开头或结尾'
  if (isReservedDomainName(name)) return '该名称为保留名称，不能申请'
  return null
}

function suffixProblem(unitType: UnitType, suffix: DomainSuffix): string | null {
  if (ALLOWED_SUFFIX[unitType] === suffix) return null
  return suffix === 'ZHENGWU' ? '.政务 域名仅限党政机关和群团机关申请' : '.公益 域名仅限事业单位和社会组织申请'
}

function yearsProblem(years: number): string | null {
  return Number.isInteger(years) && years >= 1 && years <= 10 ? null : '注册年限应为 1-10 年的整数'
}

async function nameIsTaken(db: Tx | Context['prisma'], name: string, suffix: DomainSuffix, exceptId?: number) {
  const holder = await db.domain.findFirst({
    where: { name, suffix, status: { notIn: DEAD_STATUSES }, ...(exceptId ? { id: { not: exceptId } } : {}) },
    select: { id: true },
  })
  return holder !== null
}

/**
 * A unique violation as Prisma reports it: P2002 from the query engine, or, through a driver adapter, an error
 * whose cause is PostgreSQL's 23505 (PGlite's adapter passes it on as a raw 'postgres' error).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown; kind?: unknown; originalCode?: unknown } }
  if (code === 'P2002') return true
  return cause?.kind === 'UniqueConstraintViolation' || cause?.code === '23505' || cause?.originalCode === '23505'
}

/** Runs a write that may hit domains_live_name_unique (a concurrent application for the same name). */
async function mapNameRace<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work()
  } catch (error) {
    if (isUniqueViolation(error)) throw conflictTaken()
    throw error
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Availability

export async function checkDomainAvailability(ctx: Context, rawName: string, suffix: DomainSuffix) {
  const name = normalizeDomainName(rawName)
  const problem = nameProblem(name)
  if (problem) return { available: false, reason: problem }
  // A unit user is told at once when the suffix does not fit its unit type.
  const { viewer } = ctx
  if (viewer.kind === 'user' && viewer.unitId != null) {
    const unit = await ctx.prisma.unit.findUnique({ where: { id: viewer.unitId }, select: { type: true } })
    const wrongSuffix = unit ? suffixProblem(unit.type, suffix) : null
    if (wrongSuffix) return { available: false, reason: wrongSuffix }
  }
  if (await nameIsTaken(ctx.prisma, name, suffix)) return { available: false, reason: '该域名已被申请或注册' }
  return { available: true, reason: null }
}

// ---------------------------------------------------------------------------------------------------------------
// Applying, resubmitting, withdrawing

export interface ApplyForDomainInput {
  unitId?: string | number | null
  name: string
  suffix: DomainSuffix
  years: number
}

const unitForNotice = { id: true, name: true, type: true, status: true, regionCode: true, handlerMobile: true, handlerEmail: true, region: { select: { path: true } } } as const

/** The unit an application is for: a unit user's own unit, or a unit in an office's scope. */
async function targetUnit(ctx: Context, unitId: string | number | null | undefined) {
  const { viewer } = ctx
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') {
    if (viewer.unitId == null) throw forbidden('本账号未关联单位')
    if (unitId != null && String(unitId) !== String(viewer.unitId)) throw notFound('单位')
    return { unit: await ctx.prisma.unit.findUniqueOrThrow({ where: { id: viewer.unitId }, select: unitForNotice }), officeId: null }
  }
  // CONAC makes the final review, so it does not apply on a unit's behalf; the unit's offices do.
  const office = localOfficeOf(viewer)
  if (!office) throw forbidden('只有单位用户或编办工作人员可以申请域名')
  if (unitId == null) throw badInput('请选择代为申请的单位', { unitId: '请选择单位' })
  const id = Number(unitId)
  const unit = Number.isSafeInteger(id)
    ? await ctx.prisma.unit.findFirst({ where: { AND: [{ id }, unitScope(viewer)] }, select: unitForNotice })
    : null
  if (!unit) throw notFound('单位')
  return { unit, officeId: office.officeId }
}

/** IN_APP notices to the staff of the unit's same-level office: an application waits for them. */
async function officeStaffNotices(
  tx: Tx,
  regionCode: string,
  key: string,
  template: 'domain.awaitingOfficeReview' | 'domain.resubmitted',
  params: { unit: string; domain: string; formerDomain?: string | null },
): Promise<NotificationDraft[]> {
  const staff = await tx.user.findMany({ where: { office: { regionCode }, status: 'ACTIVE' }, select: { id: true } })
  return draftsForUsers(staff, template, params, { key })
}

export async function applyForDomain(ctx: Context, input: ApplyForDomainInput) {
  const { unit, officeId } = await targetUnit(ctx, input.unitId)
  if (unit.status !== 'ACTIVE') throw forbidden('该单位已停用，不能申请域名')
  const name = normalizeDomainName(input.name)
  const fields: Record<string, string> = {}
  const nameError = nameProblem(name)
  if (nameError) fields.name = nameError
  const suffixError = suffixProblem(unit.type, input.suffix)
  if (suffixError) fields.suffix = suffixError
  const yearsError = yearsProblem(input.years)
  if (yearsError) fields.years = yearsError
  if (Object.keys(fields).length) throw badInput('域名申请信息有误', fields)
  const fullName = fullNameOf({ name, suffix: input.suffix })

  return mapNameRace(() =>
    ctx.prisma.$transaction(async (tx) => {
      if (await nameIsTaken(tx, name, input.suffix)) throw conflictTaken()
      const domain = await tx.domain.create({
        data: { name, suffix: input.suffix, years: input.years, unitId: unit.id, submittedByOfficeId: officeId, status: 'PENDING_OFFICE_REVIEW' },
      })
      await writeAudit(tx, ctx, {
        action: 'domain.apply',
        subjectType: 'Domain',
        subjectId: domain.id,
        regionPath: unit.region.path,
        after: { name, suffix: input.suffix, years: input.years, unitId: unit.id, status: domain.status, submittedByOfficeId: officeId },
      })
      await enqueueNotifications(
        tx,
        await officeStaffNotices(tx, unit.regionCode, `domain-apply:${domain.id}:${domain.version}`, 'domain.awaitingOfficeReview', { unit: unit.name, domain: fullName }),
      )
      return domain
    }),
  )
}

export interface ResubmitDomainInput {
  id: string | number
  version: number
  name: string
  years: number
}

/** Unit users and office staff below CONAC edit their applications; CONAC reviews them. */
function requireApplicantSide(ctx: Context) {
  const { viewer } = ctx
  if (viewer.kind === 'anonymous') throw forbidden()
  if (viewer.kind === 'user' && viewer.role === 'UNIT_USER') return
  if (!localOfficeOf(viewer)) throw forbidden('CONAC 工作人员不能修改或撤销单位的域名申请')
}

export async function resubmitDomainApplication(ctx: Context, input: ResubmitDomainInput) {
  const domain = await findDomainForWrite(ctx, input.id)
  requireApplicantSide(ctx)
  if (!RESUBMITTABLE.includes(domain.status)) throw appError('CONFLICT', '只有审核未通过的申请可以修改后重新提交')
  const name = normalizeDomainName(input.name)
  const fields: Record<string, string> = {}
  const nameError = nameProblem(name)
  if (nameError) fields.name = nameError
  const yearsError = yearsProblem(input.years)
  if (yearsError) fields.years = yearsError
  // The unit's type may have been corrected since it applied; the suffix must still fit.
  const suffixError = suffixProblem(domain.unit.type, domain.suffix)
  if (suffixError) fields.suffix = suffixError
  if (Object.keys(fields).length) throw badInput('域名申请信息有误', fields)
  const fullName = fullNameOf({ name, suffix: domain.suffix })

  return mapNameRace(() =>
    ctx.prisma.$transaction(async (tx) => {
      if (await nameIsTaken(tx, name, domain.suffix, domain.id)) throw conflictTaken()
      const { count } = await tx.domain.updateMany({
        where: { id: domain.id, status: { in: RESUBMITTABLE }, version: input.version },
        data: { name, years: input.years, status: 'PENDING_OFFICE_REVIEW', submittedAt: new Date(), version: { increment: 1 } },
      })
      if (count === 0) throw conflictStale()
      await writeAudit(tx, ctx, {
        action: 'domain.resubmit',
        subjectType: 'Domain',
        subjectId: domain.id,
        regionPath: domain.unit.region.path,
        before: { name: domain.name, years: domain.years, status: domain.status },
        after: { name, years: input.years, status: 'PENDING_OFFICE_REVIEW' },
      })
      const formerDomain = name === domain.name ? null : fullNameOf(domain)
      await enqueueNotifications(
        tx,
        await officeStaffNotices(tx, domain.unit.regionCode, `domain-apply:${domain.id}:${input.version + 1}`, 'domain.resubmitted', {
          unit: domain.unit.name,
          domain: fullName,
          formerDomain,
        }),
      )
      return tx.domain.findUniqueOrThrow({ where: { id: domain.id } })
    }),
  )
}

export async function withdrawDomainApplication(ctx: Context, id: string | number, version: number) {
  const domain = await findDomainForWrite(ctx, id)
  requireApplicantSide(ctx)
  if (!WITHDRAWABLE.includes(domain.status)) throw appError('CONFLICT', 'CONAC 审核通过后不能撤销申请')
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.domain.updateMany({
      where: { id: domain.id, status: { in: WITHDRAWABLE }, version },
      data: { status: 'CANCELLED', version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    await writeAudit(tx, ctx, {
      action: 'domain.withdraw',
      subjectType: 'Domain',
      subjectId: domain.id,
      regionPath: domain.unit.region.path,
      before: { status: domain.status },
      after: { status: 'CANCELLED' },
    })
    return tx.domain.findUniqueOrThrow({ where: { id: domain.id } })
  })
}

/** A domain in the viewer's scope with what the rules need, or NOT_FOUND. */
async function findDomainForWrite(ctx: Context, id: string | number) {
  const domainId = Number(id)
  const domain = Number.isSafeInteger(domainId)
    ? await ctx.prisma.domain.findFirst({
        where: { AND: [{ id: domainId }, domainScope(ctx.viewer)] },
        include: { unit: { select: { ...unitForNotice, users: { where: { status: 'ACTIVE' }, select: { id: true } } } } },
      })
    : null
  if (!domain) throw notFound('域名')
  return domain
}

// ---------------------------------------------------------------------------------------------------------------
// Review

export type ReviewDecisionInput = 'APPROVE' | 'REJECT'

export interface ReviewDomainInput {
  id: string | number
  version: number
  decision: ReviewDecisionInput
  reason?: string | null
}

export async function reviewDomain(ctx: Context, input: ReviewDomainInput) {
  const domain = await findDomainForWrite(ctx, input.id)
  const { reviewerId, office, level } = reviewerFor(ctx.viewer, domain.unit.region.path, {
    notStaff: '只有同级编办或 CONAC 工作人员可以审核域名',
    notSameLevel: '只有单位的同级编办可以初审该域名',
  })
  const conac = level === 'CONAC'
  const expected: DomainStatus = conac ? 'OFFICE_APPROVED' : 'PENDING_OFFICE_REVIEW'
  const approve = input.decision === 'APPROVE'
  const next: DomainStatus = conac ? (approve ? 'CONAC_APPROVED' : 'CONAC_REJECTED') : approve ? 'OFFICE_APPROVED' : 'OFFICE_REJECTED'
  const reason = checkReviewReason(approve, input.reason)

  const fullName = fullNameOf(domain)

  return ctx.prisma.$transaction(async (tx) => {
    const formerDomain = await formerFullName(tx, domain)
    // The one guarded transition: a concurrent or stale review updates 0 rows and writes nothing else.
    const { count } = await tx.domain.updateMany({
      where: { id: domain.id, status: expected, version: input.version },
      data: { status: next, version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    const decision = await tx.reviewDecision.create({
      data: {
        subject: 'DOMAIN',
        domainId: domain.id,
        level,
        officeId: office.officeId,
        reviewerId,
        result: approve ? 'APPROVED' : 'REJECTED',
        reason,
        snapshot: reviewSnapshot(domain, REVIEWED_FIELDS),
      },
    })
    await writeAudit(tx, ctx, {
      action: 'domain.review',
      subjectType: 'Domain',
      subjectId: domain.id,
      regionPath: domain.unit.region.path,
      before: { status: domain.status, version: domain.version },
      after: { status: next, version: domain.version + 1, decisionId: decision.id, level, name: domain.name, reason },
    })

    const params = { unit: domain.unit.name, domain: fullName, formerDomain, reason }
    const template = `domain.${conac ? 'conac' : 'office'}${approve ? 'Approved' : 'Rejected'}` as const
    const { subject, body } = renderNotification(template, params)
    const payload = { domainId: domain.id, decisionId: decision.id, level, result: decision.result, reason }
    const key = (channel: string, recipient: string | number) => `domain-review:${decision.id}:${channel}:${recipient}`
    const drafts: NotificationDraft[] = [
      { channel: 'SMS', address: domain.unit.handlerMobile, template, body, payload, dedupeKey: key('SMS', domain.unit.handlerMobile) },
      { channel: 'EMAIL', address: domain.unit.handlerEmail, template, subject, body, payload, dedupeKey: key('EMAIL', domain.unit.handlerEmail) },
      ...domain.unit.users.map((user) => ({
        channel: 'IN_APP' as const,
        userId: user.id,
        template,
        subject,
        body,
        payload,
        dedupeKey: key('IN_APP', user.id),
      })),
    ]
    if (!conac && approve) {
      // Work now waits for CONAC.
      const conacStaff = await tx.user.findMany({ where: { role: 'CONAC_STAFF', status: 'ACTIVE' }, select: { id: true } })
      const waiting = renderNotification('domain.awaitingConacReview', params)
      for (const user of conacStaff) {
        drafts.push({
          channel: 'IN_APP',
          userId: user.id,
          template: 'domain.awaitingConacReview',
          subject: waiting.subject,
          body: waiting.body,
          payload,
          dedupeKey: key('IN_APP', user.id),
        })
      }
    }
    await enqueueNotifications(tx, drafts)
    return tx.domain.findUniqueOrThrow({ where: { id: domain.id } })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Queues and history

/**
 * The review queue of the viewer's level: an office sees the PENDING_OFFICE_REVIEW domains of its same-level
 * units, CONAC every OFFICE_APPROVED domain. Anyone else has no queue.
 */
export function reviewQueueWhere(ctx: Context): Prisma.DomainWhereInput {
  if (isConac(ctx.viewer)) return { status: 'OFFICE_APPROVED' }
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden('只有编办或 CONAC 工作人员有待审核队列')
  return { status: 'PENDING_OFFICE_REVIEW', unit: sameLevelUnits(office) }
}

/**
 * Since when a queued domain has waited. Office level: submittedAt (reset on resubmission). CONAC level:
 * updatedAt, which is the office approval time, because an OFFICE_APPROVED domain is written only by the
 * transition that made it so (its next write moves it out of the queue).
 */
export function waitingSinceField(ctx: Context): 'submittedAt' | 'updatedAt' {
  return isConac(ctx.viewer) ? 'updatedAt' : 'submittedAt'
}

// The queue's counts and pages are read in queue.ts (reviewQueueCounts, reviewQueuePage), one statement each.

export interface DecisionFilter {
  result?: 'APPROVED' | 'REJECTED' | null
  level?: 'OFFICE' | 'CONAC' | 'PAPER' | null
  search?: string | null
}

/** 域名历史查询: decisions on domains the viewer may see; they stay after the application is resubmitted. */
export function domainDecisionWhere(ctx: Context, filter?: DecisionFilter | null): Prisma.ReviewDecisionWhereInput {
  const and: Prisma.ReviewDecisionWhereInput[] = [{ subject: 'DOMAIN', domain: domainScope(ctx.viewer) }]
  if (filter?.result) and.push({ result: filter.result })
  if (filter?.level) and.push({ level: filter.level })
  const term = filter?.search?.trim()
  if (term) and.push({ domain: { OR: [{ name: { contains: literalLike(term) } }, { unit: { name: { contains: literalLike(term) } } }] } })
  return { AND: and }
}
