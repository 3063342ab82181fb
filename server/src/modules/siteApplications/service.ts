// 网站开办审核/资格复核申请: drafts, submission with an SMS code, the two-level review (编办初审 → CONAC复审), the
// paper step for 党政机关/群团机关 and the badge (网站标识) issued at the end. Same pattern as domain review: each
// transition is one conditional updateMany on (id, status, version), with its decision, audit row and outbox
// notifications in the same transaction, so a lost race writes nothing.
import { isIP } from 'node:net'
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { SiteApplicationKind, SiteApplicationStatus, UnitType } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { englishDomainProblem } from '../../lib/englishDomain.ts'
import { isValidIdNumber, isValidMobile } from '../../lib/identifiers.ts'
import { enqueueNotifications, type NotificationDraft } from '../../lib/outbox.ts'
import { checkReviewReason, conflictStale, reviewerFor } from '../../lib/review.ts'
import { isConac, localOfficeOf, sameLevelUnits, siteApplicationScope } from '../../lib/scope.ts'
import { addWorkingDays } from '../../lib/workdays.ts'
import { actingUserId } from '../../viewer.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { suffixForUnitType } from '../domainApplications/names.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { pointChineseDomain } from '../badges/dnsPointing.ts'
import { withVerifiedCode } from '../verification/service.ts'
import { renderNotification } from '../notifications/templates.ts'
import { changesSince, reviewSnapshot, type FieldChange } from '../reviews/changes.ts'

type Tx = Prisma.TransactionClient

/** 申请表一式四份 (seed 004). */
export const FORM_COPIES_REQUIRED = 4
/** The badge must be installed within 5 working days of the notice (lib/workdays.ts: Beijing time, holidays and 调休). */
const INSTALL_DEADLINE_DAYS = 5
const REJECTED: SiteApplicationStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED', 'PAPER_REJECTED']
/** 事业单位 and 社会组织 skip the paper step (seed 000). */
const NEEDS_PAPER: Record<UnitType, boolean> = {
  PARTY_GOVERNMENT: true,
  MASS_ORGANIZATION: true,
  PUBLIC_INSTITUTION: false,
  SOCIAL_ORGANIZATION: false,
}


/** The fields the unit fills in; a review snapshots them so a resubmission can show what changed. */
export interface SiteApplicationFields {
  kind: SiteApplicationKind
  siteName: string
  siteIntro: string
  chineseDomainId: number | null
  englishDomain: string | null
  useMicroSite: boolean
  ipAddress: string | null
  principalName: string
  principalLandline: string | null
  principalMobile: string
  principalEmail: string
  handlerName: string
  handlerLandline: string | null
  handlerMobile: string
  handlerEmail: string
  handlerIdNumber: string
}

export const FIELD_NAMES: (keyof SiteApplicationFields)[] = [
  'kind',
  'siteName',
  'siteIntro',
  'chineseDomainId',
  'englishDomain',
  'useMicroSite',
  'ipAddress',
  'principalName',
  'principalLandline',
  'principalMobile',
  'principalEmail',
  'handlerName',
  'handlerLandline',
  'handlerMobile',
  'handlerEmail',
  'handlerIdNumber',
]

export type SiteApplicationFieldsInput = { [K in keyof SiteApplicationFields]?: SiteApplicationFields[K] | string | null }

/** A stored application's fields (Char columns come back space-padded). */
function fieldsOf(row: SiteApplicationFields): SiteApplicationFields {
  const out = {} as Record<string, unknown>
  for (const name of FIELD_NAMES) {
    const value = row[name]
    out[name] = typeof value === 'string' ? value.trim() : value
  }
  return out as unknown as SiteApplicationFields
}

/** The stored fields with the given ones applied (strings trimmed; empty optional strings become null). */
function merge(base: SiteApplicationFields, input: SiteApplicationFieldsInput): SiteApplicationFields {
  const out = { ...base } as Record<string, unknown>
  for (const name of FIELD_NAMES) {
    const value = input[name]
    if (value === undefined) continue
    if (name === 'chineseDomainId') {
      const id = value == null || value === '' ? null : Number(value)
      if (id != null && !Number.isSafeInteger(id)) throw badInput('中文域名无效', { chineseDomainId: '中文域名无效' })
      out[name] = id
    } else if (name === 'useMicroSite') out[name] = value === true
    else if (name === 'kind') out[name] = value ?? base.kind
    else {
      const text = typeof value === 'string' ? value.trim() : ''
      const optional = ['englishDomain', 'ipAddress', 'principalLandline', 'handlerLandline'].includes(name)
      out[name] = optional && !text ? null : text
    }
  }
  const fields = out as unknown as SiteApplicationFields
  if (fields.englishDomain) fields.englishDomain = fields.englishDomain.toLowerCase()
  fields.handlerIdNumber = fields.handlerIdNumber.toUpperCase() // a lower-case x check character is the same number
  return fields
}

const EMPTY: SiteApplicationFields = {
  kind: 'NEW_SITE',
  siteName: '',
  siteIntro: '',
  chineseDomainId: null,
  englishDomain: null,
  useMicroSite: false,
  ipAddress: null,
  principalName: '',
  principalLandline: null,
  principalMobile: '',
  principalEmail: '',
  handlerName: '',
  handlerLandline: null,
  handlerMobile: '',
  handlerEmail: '',
  handlerIdNumber: '',
}

const LIMITS: Partial<Record<keyof SiteApplicationFields, number>> = {
  siteName: 128,
  siteIntro: 500,
  englishDomain: 253,
  ipAddress: 45,
  principalName: 32,
  principalLandline: 32,
  principalMobile: 11,
  principalEmail: 128,
  handlerName: 32,
  handlerLandline: 32,
  handlerMobile: 11,
  handlerEmail: 128,
  handlerIdNumber: 18,
}

const LIMIT_TEXT: Partial<Record<keyof SiteApplicationFields, string>> = { siteIntro: '网站简介不能超过 500 个字' }

/**
 * Draft rules: what the columns and their check constraints cannot hold (so a draft never hits the database's
 * rules), and an English domain of the wrong kind for the unit's type, which the unit can fix at once.
 */
function lightProblems(fields: SiteApplicationFields, unitType: UnitType): Record<string, string> {
  const problems: Record<string, string> = {}
  for (const [name, limit] of Object.entries(LIMITS) as [keyof SiteApplicationFields, number][]) {
    const value = fields[name]
    if (typeof value === 'string' && [...value].length > limit) problems[name] = LIMIT_TEXT[name] ?? `不能超过 ${limit} 个字符`
  }
  if (!problems.englishDomain && fields.englishDomain) {
    const problem = englishDomainProblem(fields.englishDomain, unitType)
    if (problem) problems.englishDomain = problem
  }
  if (!problems.handlerIdNumber && !/^[0-9]{17}[0-9X]$/.test(fields.handlerIdNumber)) problems.handlerIdNumber = '请填写 18 位身份证号码'
  if (!problems.handlerMobile && !isValidMobile(fields.handlerMobile)) problems.handlerMobile = '请输入 11 位手机号码'
  if (!problems.principalMobile && !isValidMobile(fields.principalMobile)) problems.principalMobile = '请输入 11 位手机号码'
  return problems
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/
const LANDLINE = /^[0-9]{3,4}-?[0-9]{7,8}(-[0-9]{1,6})?$/

/** Submission rules: everything the form requires. */
async function fullProblems(db: Tx | Context['prisma'], unit: { id: number; type: UnitType }, fields: SiteApplicationFields) {
  const problems = lightProblems(fields, unit.type)
  const need = (name: keyof SiteApplicationFields, text: string) => {
    if (!problems[name] && !fields[name]) problems[name] = text
  }
  need('siteName', '请填写网站名称')
  need('siteIntro', '请填写网站简介')
  need('principalName', '请填写网站负责人')
  need('handlerName', '请填写申请经办人')
  if (!problems.principalEmail && !EMAIL.test(fields.principalEmail)) problems.principalEmail = '电子邮箱格式不正确'
  if (!problems.handlerEmail && !EMAIL.test(fields.handlerEmail)) problems.handlerEmail = '电子邮箱格式不正确'
  for (const name of ['principalLandline', 'handlerLandline'] as const) {
    const value = fields[name]
    if (!problems[name] && value && !LANDLINE.test(value)) problems[name] = '固定电话格式不正确，如 0393-7221234'
  }
  if (!problems.handlerIdNumber && !isValidIdNumber(fields.handlerIdNumber)) problems.handlerIdNumber = '身份证号码不正确（请检查校验位）'
  if (fields.useMicroSite) {
    if (fields.englishDomain) problems.englishDomain = '使用网络红页时不填写英文域名'
  } else if (!problems.englishDomain && !fields.englishDomain) {
    problems.englishDomain = '请填写英文域名，或选择使用网络红页'
  }
  if (fields.ipAddress && !problems.ipAddress && isIP(fields.ipAddress) === 0) problems.ipAddress = 'IP 地址格式不正确（IPv4 或 IPv6）'
  if (!fields.useMicroSite && !fields.ipAddress && !problems.ipAddress) problems.ipAddress = '请填写网站 IP 地址'
  if (fields.chineseDomainId == null) problems.chineseDomainId = '请选择本单位已注册的中文域名'
  else {
    const domain = await db.domain.findFirst({
      where: { id: fields.chineseDomainId, unitId: unit.id, status: 'REGISTERED', suffix: suffixForUnitType(unit.type) },
      select: { id: true },
    })
    if (!domain) problems.chineseDomainId = '中文域名须为本单位已注册的域名，且后缀与单位类型相符'
  }
  return problems
}

// ---------------------------------------------------------------------------------------------------------------
// Loading

const unitSelect = {
  id: true,
  name: true,
  type: true,
  status: true,
  regionCode: true,
  superiorUnitName: true,
  functions: true,
  systemCategory: true,
  address: true,
  postcode: true,
  region: { select: { path: true } },
  users: { where: { status: 'ACTIVE' }, select: { id: true } },
} as const satisfies Prisma.UnitSelect

async function findForWrite(ctx: Context, id: string | number) {
  const appId = Number(id)
  const app = Number.isSafeInteger(appId)
    ? await ctx.prisma.siteApplication.findFirst({
        where: { AND: [{ id: appId }, siteApplicationScope(ctx.viewer)] },
        include: { unit: { select: unitSelect }, paperSubmission: true },
      })
    : null
  if (!app) throw notFound('网站开办申请')
  return app
}

type LoadedApplication = Awaited<ReturnType<typeof findForWrite>>

/** The unit user's own unit; offices and CONAC review but do not apply. */
function requireUnitUser(ctx: Context): number {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER') throw forbidden('只有单位用户可以填写和提交网站开办申请')
  if (viewer.unitId == null) throw forbidden('本账号未关联单位')
  return viewer.unitId
}

function unitFacts(unit: LoadedApplication['unit']) {
  return {
    unitName: unit.name,
    superiorUnitName: unit.superiorUnitName,
    unitFunctions: unit.functions,
    systemCategory: unit.systemCategory,
    address: unit.address,
    postcode: unit.postcode,
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Draft, submit, resubmit

export interface SaveDraftInput extends SiteApplicationFieldsInput {
  id?: string | number | null
  version?: number | null
}

export async function saveSiteApplicationDraft(ctx: Context, input: SaveDraftInput) {
  const unitId = requireUnitUser(ctx)
  if (input.id != null) {
    const app = await findForWrite(ctx, input.id)
    if (app.status !== 'DRAFT') throw appError('CONFLICT', '只有草稿可以保存，已提交的申请请在审核未通过后修改重新提交')
    const fields = merge(fieldsOf(app), input)
    const problems = lightProblems(fields, app.unit.type)
    if (Object.keys(problems).length) throw badInput('网站开办申请信息有误', problems)
    await checkDomainOwned(ctx, unitId, fields.chineseDomainId)
    return ctx.prisma.$transaction(async (tx) => {
      const { count } = await tx.siteApplication.updateMany({
        where: { id: app.id, status: 'DRAFT', version: input.version ?? -1 },
        data: { ...fields, version: { increment: 1 } },
      })
      if (count === 0) throw conflictStale()
      await writeAudit(tx, ctx, {
        action: 'siteApplication.saveDraft',
        subjectType: 'SiteApplication',
        subjectId: app.id,
        regionPath: app.unit.region.path,
        after: fields,
      })
      return tx.siteApplication.findUniqueOrThrow({ where: { id: app.id } })
    })
  }
  const unit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: unitSelect })
  if (unit.status !== 'ACTIVE') throw forbidden('该单位已停用，不能申请')
  const fields = merge(EMPTY, input)
  const problems = lightProblems(fields, unit.type)
  if (Object.keys(problems).length) throw badInput('网站开办申请信息有误', problems)
  await checkDomainOwned(ctx, unitId, fields.chineseDomainId)
  return ctx.prisma.$transaction(async (tx) => {
    // The serial number comes from the id, which exists only after the insert.
    const created = await tx.siteApplication.create({
      data: { ...fields, ...unitFacts(unit), unitId, serialNumber: `TMP-${crypto.randomUUID().slice(0, 24)}` },
    })
    const serialNumber = `WZ-${created.createdAt.getUTCFullYear()}-${String(created.id).padStart(6, '0')}`
    const app = await tx.siteApplication.update({ where: { id: created.id }, data: { serialNumber } })
    await writeAudit(tx, ctx, {
      action: 'siteApplication.create',
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: unit.region.path,
      after: { ...fields, serialNumber },
    })
    return app
  })
}

/** A draft may only point at the unit's own domains (any status; submission requires REGISTERED). */
async function checkDomainOwned(ctx: Context, unitId: number, domainId: number | null) {
  if (domainId == null) return
  const domain = await ctx.prisma.domain.findFirst({ where: { id: domainId, unitId }, select: { id: true } })
  if (!domain) throw badInput('网站开办申请信息有误', { chineseDomainId: '中文域名须为本单位的域名' })
}

/** IN_APP notices to the staff of the unit's same-level office. */
async function officeStaffNotices(tx: Tx, regionCode: string, key: string, subject: string, body: string): Promise<NotificationDraft[]> {
  const staff = await tx.user.findMany({ where: { office: { regionCode }, status: 'ACTIVE' }, select: { id: true } })
  return staff.map((user) => ({
    channel: 'IN_APP' as const,
    userId: user.id,
    template: 'siteApplication.awaitingOfficeReview',
    subject,
    body,
    dedupeKey: `${key}:IN_APP:${user.id}`,
  }))
}

/** The states in which an application holds its Chinese domain (the partial unique index site_applications_one_live_per_domain). */
const LIVE: SiteApplicationStatus[] = ['PENDING_OFFICE_REVIEW', 'OFFICE_REJECTED', 'PENDING_CONAC_REVIEW', 'CONAC_REJECTED', 'AWAITING_PAPER', 'PAPER_REJECTED', 'BADGE_ISSUED']
const domainTaken = () =>
  appError('CONFLICT', '该中文域名已有进行中的网站开办申请或有效的网站标识；如需重新申请，请先撤回原申请或注销原标识', { reason: 'DOMAIN_HAS_LIVE_APPLICATION' })

async function sendToOffice(ctx: Context, app: LoadedApplication, fields: SiteApplicationFields, code: string, from: SiteApplicationStatus[], action: string) {
  const problems = await fullProblems(ctx.prisma, app.unit, fields)
  if (Object.keys(problems).length) throw badInput('网站开办申请信息有误', problems)
  // Checked before the code is spent; the unique index settles a race between two submissions.
  const live = await ctx.prisma.siteApplication.findFirst({
    where: { chineseDomainId: fields.chineseDomainId, status: { in: LIVE }, id: { not: app.id } },
    select: { id: true },
  })
  if (live) throw domainTaken()
  try {
    return await sendToOfficeChecked(ctx, app, fields, code, from, action)
  } catch (error) {
    if (isUniqueViolation(error)) throw domainTaken()
    throw error
  }
}

function sendToOfficeChecked(ctx: Context, app: LoadedApplication, fields: SiteApplicationFields, code: string, from: SiteApplicationStatus[], action: string) {
  return withVerifiedCode(ctx.prisma, { mobile: fields.handlerMobile, purpose: 'SITE_APPLICATION', code: code.trim() }, async (tx) => {
    const { count } = await tx.siteApplication.updateMany({
      where: { id: app.id, status: { in: from }, version: app.version },
      data: { ...fields, ...unitFacts(app.unit), status: 'PENDING_OFFICE_REVIEW', submittedAt: new Date(), version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    // 绑定域名: every domain the unit has registered, as of this submission.
    const registered = await tx.domain.findMany({ where: { unitId: app.unitId, status: 'REGISTERED' }, select: { id: true } })
    await tx.siteApplicationDomain.deleteMany({ where: { siteApplicationId: app.id } })
    await tx.siteApplicationDomain.createMany({ data: registered.map((d) => ({ siteApplicationId: app.id, domainId: d.id })) })
    await writeAudit(tx, ctx, {
      action,
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: app.unit.region.path,
      before: { status: app.status, version: app.version },
      after: { status: 'PENDING_OFFICE_REVIEW', version: app.version + 1, fields, boundDomainIds: registered.map((d) => d.id) },
    })
    await enqueueNotifications(
      tx,
      await officeStaffNotices(
        tx,
        app.unit.regionCode,
        `site-submit:${app.id}:${app.version + 1}`,
        '有新的网站开办申请待初审',
        `${app.unit.name} 的网站「${fields.siteName}」开办申请（${app.serialNumber}）待您初审。`,
      ),
    )
    return tx.siteApplication.findUniqueOrThrow({ where: { id: app.id } })
  })
}

export async function submitSiteApplication(ctx: Context, input: { id: string | number; version: number; verificationCode: string }) {
  requireUnitUser(ctx)
  const app = await findForWrite(ctx, input.id)
  if (app.status !== 'DRAFT') throw appError('CONFLICT', '该申请已提交')
  if (app.version !== input.version) throw conflictStale()
  return sendToOffice(ctx, app, fieldsOf(app), input.verificationCode, ['DRAFT'], 'siteApplication.submit')
}

export interface ResubmitInput extends SiteApplicationFieldsInput {
  id: string | number
  version: number
  verificationCode: string
}

export async function resubmitSiteApplication(ctx: Context, input: ResubmitInput) {
  requireUnitUser(ctx)
  const app = await findForWrite(ctx, input.id)
  if (!REJECTED.includes(app.status)) throw appError('CONFLICT', '只有审核未通过的申请可以修改后重新提交')
  if (app.version !== input.version) throw conflictStale()
  const fields = merge(fieldsOf(app), input)
  return sendToOffice(ctx, app, fields, input.verificationCode, REJECTED, 'siteApplication.resubmit')
}

/** 撤回: the unit takes back an application that is not under review at CONAC or beyond; a withdrawn one stays for history. */
const WITHDRAWABLE: SiteApplicationStatus[] = ['DRAFT', 'PENDING_OFFICE_REVIEW', ...REJECTED]

export async function withdrawSiteApplication(ctx: Context, input: { id: string | number; version: number }) {
  requireUnitUser(ctx)
  const app = await findForWrite(ctx, input.id)
  if (!WITHDRAWABLE.includes(app.status)) throw appError('CONFLICT', '该申请已进入复审或已通过审核，不能撤回')
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.siteApplication.updateMany({
      where: { id: app.id, status: { in: WITHDRAWABLE }, version: input.version },
      data: { status: 'WITHDRAWN', version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    await writeAudit(tx, ctx, {
      action: 'siteApplication.withdraw',
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: app.unit.region.path,
      before: { status: app.status, version: app.version },
      after: { status: 'WITHDRAWN', version: app.version + 1 },
    })
    return tx.siteApplication.findUniqueOrThrow({ where: { id: app.id } })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Review, paper step, badge

export type SiteReviewDecision = 'APPROVE' | 'REJECT'

/** Staff of the unit's same-level office (初审 and the paper step belong to it). */
function requireSameLevelOffice(ctx: Context, app: LoadedApplication, what: string) {
  const office = localOfficeOf(ctx.viewer)
  const reviewerId = actingUserId(ctx.viewer)
  if (!office || reviewerId == null) throw forbidden(`只有单位的同级编办可以${what}`)
  if (app.unit.region.path !== office.regionPath) throw forbidden(`只有单位的同级编办可以${what}`)
  return { office, reviewerId }
}

/** SMS, email and in-portal notices to the unit about its application. */
function unitNotices(app: LoadedApplication, key: string, template: string, subject: string, body: string, payload: Prisma.InputJsonValue): NotificationDraft[] {
  const k = (channel: string, recipient: string | number) => `${key}:${channel}:${recipient}`
  const mobile = app.handlerMobile.trim()
  const email = app.handlerEmail.trim()
  return [
    { channel: 'SMS', address: mobile, template, body, payload, dedupeKey: k('SMS', mobile) },
    { channel: 'EMAIL', address: email, template, subject, body, payload, dedupeKey: k('EMAIL', email) },
    ...app.unit.users.map((user) => ({ channel: 'IN_APP' as const, userId: user.id, template, subject, body, payload, dedupeKey: k('IN_APP', user.id) })),
  ]
}

async function issueBadge(ctx: Context, tx: Tx, app: LoadedApplication) {
  const now = new Date()
  const year = now.getUTCFullYear()
  // Serialise numbering: two badges issued at once in one region must not draw the same sequence.
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`badge-number:${year}:${app.unit.regionCode}`}))`
  const prefix = `${year}${app.unit.regionCode}`
  const issued = await tx.badge.count({ where: { badgeNumber: { startsWith: prefix } } })
  const badgeNumber = `${prefix}${String(issued + 1).padStart(5, '0')}`
  const badge = await tx.badge.create({
    data: {
      badgeNumber,
      siteApplicationId: app.id,
      unitId: app.unitId,
      placement: app.useMicroSite ? 'MICRO_SITE' : 'SELF_BUILT',
      siteName: app.siteName,
      englishDomain: app.englishDomain,
      ipAddress: app.ipAddress,
      issuedAt: now,
      // The end (23:59:59.999 Beijing) of the 5th working day after the day of issue.
      installDeadline: addWorkingDays(now, INSTALL_DEADLINE_DAYS),
    },
  })
  // The Chinese domain forwards to the site (or the micro-site) that carries the badge.
  await pointChineseDomain(tx, ctx, badge, { cause: 'BADGE_ISSUED' })
  await writeAudit(tx, ctx, {
    action: 'badge.issue',
    subjectType: 'Badge',
    subjectId: badge.id,
    regionPath: app.unit.region.path,
    after: { badgeNumber, siteApplicationId: app.id, placement: badge.placement, installDeadline: badge.installDeadline },
  })
  const body = `您单位网站「${app.siteName}」已通过审核，网站标识（编号 ${badgeNumber}）已发放，请登录系统获取标识代码，并于 ${badge.installDeadline.toISOString().slice(0, 10)} 前完成安装。`
  await enqueueNotifications(tx, unitNotices(app, `badge-issue:${badge.id}`, 'badge.issued', '网站标识已发放', body, { badgeId: badge.id, badgeNumber }))
  return badge
}

export async function reviewSiteApplication(ctx: Context, input: { id: string | number; version: number; decision: SiteReviewDecision; reason?: string | null }) {
  const app = await findForWrite(ctx, input.id)
  const { reviewerId, office, level } = reviewerFor(ctx.viewer, app.unit.region.path, {
    notStaff: '只有同级编办或 CONAC 工作人员可以审核网站开办申请',
    notSameLevel: '只有单位的同级编办可以初审该申请',
  })
  const conac = level === 'CONAC'
  const approve = input.decision === 'APPROVE'
  const reason = checkReviewReason(approve, input.reason)
  const expected: SiteApplicationStatus = conac ? 'PENDING_CONAC_REVIEW' : 'PENDING_OFFICE_REVIEW'
  const paper = NEEDS_PAPER[app.unit.type]
  const next: SiteApplicationStatus = conac
    ? approve ? (paper ? 'AWAITING_PAPER' : 'BADGE_ISSUED') : 'CONAC_REJECTED'
    : approve ? 'PENDING_CONAC_REVIEW' : 'OFFICE_REJECTED'

  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.siteApplication.updateMany({
      where: { id: app.id, status: expected, version: input.version },
      data: { status: next, version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    const decision = await tx.reviewDecision.create({
      data: { subject: 'SITE_APPLICATION', siteApplicationId: app.id, level, officeId: office.officeId, reviewerId, result: approve ? 'APPROVED' : 'REJECTED', reason, snapshot: reviewSnapshot(fieldsOf(app), FIELD_NAMES) },
    })
    if (next === 'AWAITING_PAPER') {
      // A resubmission after a paper rejection starts the paper step over.
      const fresh = { copiesRequired: FORM_COPIES_REQUIRED, receivedAt: null, receivedById: null, letterReceived: false, formCopiesReceived: 0, idCopyReceived: false, missingNote: null, confirmedAt: null, confirmedById: null }
      await tx.paperSubmission.upsert({ where: { siteApplicationId: app.id }, create: { siteApplicationId: app.id, ...fresh }, update: fresh })
    }
    await writeAudit(tx, ctx, {
      action: 'siteApplication.review',
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: app.unit.region.path,
      before: { status: app.status, version: app.version },
      // snapshot: the fields as reviewed (also stored with the decision, where changesSinceLastReview reads them).
      after: { status: next, version: app.version + 1, decisionId: decision.id, level, reason, snapshot: fieldsOf(app) },
    })
    const template = `siteApplication.${conac ? 'conac' : 'office'}${approve ? 'Approved' : 'Rejected'}` as const
    const params = { unit: app.unit.name, site: app.siteName, serialNumber: app.serialNumber, reason, formCopies: next === 'AWAITING_PAPER' ? FORM_COPIES_REQUIRED : null }
    const text = renderNotification(template, params)
    const payload = { siteApplicationId: app.id, decisionId: decision.id, level, result: decision.result, reason }
    const drafts = unitNotices(app, `site-review:${decision.id}`, template, text.subject, text.body, payload)
    if (!conac && approve) {
      const conacStaff = await tx.user.findMany({ where: { role: 'CONAC_STAFF', status: 'ACTIVE' }, select: { id: true } })
      const waiting = renderNotification('siteApplication.awaitingConacReview', params)
      for (const user of conacStaff) {
        drafts.push({ channel: 'IN_APP', userId: user.id, template: 'siteApplication.awaitingConacReview', subject: waiting.subject, body: waiting.body, payload, dedupeKey: `site-review:${decision.id}:IN_APP:${user.id}` })
      }
    }
    await enqueueNotifications(tx, drafts)
    if (next === 'BADGE_ISSUED') await issueBadge(ctx, tx, app)
    return tx.siteApplication.findUniqueOrThrow({ where: { id: app.id } })
  })
}

export interface RecordPaperInput {
  id: string | number
  version: number
  letterReceived: boolean
  formCopiesReceived: number
  idCopyReceived: boolean
  missingNote?: string | null
}

export async function recordPaperMaterials(ctx: Context, input: RecordPaperInput) {
  const app = await findForWrite(ctx, input.id)
  const { reviewerId } = requireSameLevelOffice(ctx, app, '登记书面材料')
  if (!Number.isInteger(input.formCopiesReceived) || input.formCopiesReceived < 0 || input.formCopiesReceived > 99) {
    throw badInput('书面材料信息有误', { formCopiesReceived: '申请表份数应为 0-99 的整数' })
  }
  const missingNote = input.missingNote?.trim() || null
  if (missingNote && [...missingNote].length > 500) throw badInput('书面材料信息有误', { missingNote: '不能超过 500 个字' })
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.siteApplication.updateMany({
      where: { id: app.id, status: 'AWAITING_PAPER', version: input.version },
      data: { version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    const data = { letterReceived: input.letterReceived, formCopiesReceived: input.formCopiesReceived, idCopyReceived: input.idCopyReceived, missingNote, receivedAt: new Date(), receivedById: reviewerId }
    await tx.paperSubmission.upsert({ where: { siteApplicationId: app.id }, create: { siteApplicationId: app.id, copiesRequired: FORM_COPIES_REQUIRED, ...data }, update: data })
    await writeAudit(tx, ctx, {
      action: 'siteApplication.recordPaper',
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: app.unit.region.path,
      before: app.paperSubmission,
      after: data,
    })
    return tx.siteApplication.findUniqueOrThrow({ where: { id: app.id } })
  })
}

export async function confirmPaperMaterials(ctx: Context, input: { id: string | number; version: number; decision: SiteReviewDecision; reason?: string | null }) {
  const app = await findForWrite(ctx, input.id)
  const { office, reviewerId } = requireSameLevelOffice(ctx, app, '确认书面材料')
  const approve = input.decision === 'APPROVE'
  const reason = checkReviewReason(approve, input.reason)
  if (app.status !== 'AWAITING_PAPER') throw conflictStale()
  const paper = app.paperSubmission
  if (approve && (!paper || !paper.letterReceived || !paper.idCopyReceived || paper.formCopiesReceived < paper.copiesRequired)) {
    throw appError('CONFLICT', `书面材料不齐：须收到加盖公章的函、申请表 ${paper?.copiesRequired ?? FORM_COPIES_REQUIRED} 份和经办人身份证复印件`)
  }
  const next: SiteApplicationStatus = approve ? 'BADGE_ISSUED' : 'PAPER_REJECTED'
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.siteApplication.updateMany({
      where: { id: app.id, status: 'AWAITING_PAPER', version: input.version },
      data: { status: next, version: { increment: 1 } },
    })
    if (count === 0) throw conflictStale()
    const decision = await tx.reviewDecision.create({
      data: { subject: 'SITE_APPLICATION', siteApplicationId: app.id, level: 'PAPER', officeId: office.officeId, reviewerId, result: approve ? 'APPROVED' : 'REJECTED', reason, snapshot: reviewSnapshot(fieldsOf(app), FIELD_NAMES) },
    })
    if (approve) await tx.paperSubmission.update({ where: { siteApplicationId: app.id }, data: { confirmedAt: new Date(), confirmedById: reviewerId } })
    await writeAudit(tx, ctx, {
      action: 'siteApplication.review',
      subjectType: 'SiteApplication',
      subjectId: app.id,
      regionPath: app.unit.region.path,
      before: { status: app.status, version: app.version },
      after: { status: next, version: app.version + 1, decisionId: decision.id, level: 'PAPER', reason, snapshot: fieldsOf(app) },
    })
    if (!approve) {
      const payload = { siteApplicationId: app.id, decisionId: decision.id, level: 'PAPER', result: decision.result, reason }
      const text = renderNotification('siteApplication.paperRejected', { site: app.siteName, serialNumber: app.serialNumber, reason })
      await enqueueNotifications(tx, unitNotices(app, `site-review:${decision.id}`, 'siteApplication.paperRejected', text.subject, text.body, payload))
    } else await issueBadge(ctx, tx, app)
    return tx.siteApplication.findUniqueOrThrow({ where: { id: app.id } })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// Queries

export function siteReviewQueueWhere(ctx: Context): Prisma.SiteApplicationWhereInput {
  if (isConac(ctx.viewer)) return { status: 'PENDING_CONAC_REVIEW' }
  const office = localOfficeOf(ctx.viewer)
  if (!office) throw forbidden('只有编办或 CONAC 工作人员有待审核队列')
  return { status: { in: ['PENDING_OFFICE_REVIEW', 'AWAITING_PAPER'] }, unit: sameLevelUnits(office) }
}

/** What the unit changed since the latest review (the fields stored with that decision). */
export async function changesSinceLastReview(ctx: Context, app: SiteApplicationFields & { id: number }): Promise<FieldChange[]> {
  const latest = await ctx.prisma.reviewDecision.findFirst({ where: { siteApplicationId: app.id }, orderBy: { id: 'desc' }, select: { snapshot: true } })
  const changes = changesSince(latest?.snapshot, fieldsOf(app), FIELD_NAMES)
  // A reviewer reads a domain by its name, not its id.
  const domainChange = changes.find((change) => change.field === 'chineseDomainId')
  if (domainChange) {
    const ids = [domainChange.before, domainChange.after].filter((id): id is string => id != null).map(Number)
    const domains = await ctx.prisma.domain.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, suffix: true } })
    const nameOf = (id: string | null) => {
      const domain = domains.find((d) => String(d.id) === id)
      return domain ? `${domain.name}${SUFFIX_TEXT[domain.suffix]}` : id
    }
    domainChange.before = nameOf(domainChange.before)
    domainChange.after = nameOf(domainChange.after)
  }
  return changes
}
