// 网络红页: the micro-site the registry hosts for a unit without its own website. The unit's own users edit it,
// add news (工作动态), and publish or unpublish it; offices and CONAC only read it. The public page shows a
// PUBLISHED micro-site and, in its footer, the unit's ACTIVE badge placed on the micro-site.
// Each change runs in one transaction with its audit row; the micro-site's own changes are one conditional
// updateMany on (id, version[, status]), so a stale editor or a lost race writes nothing.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../errors.ts'
import type { MicroSiteStatus } from '../../generated/prisma/enums.ts'
import { writeAudit } from '../../lib/audit.ts'
import { unitScope } from '../../lib/scope.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { badgeImagePath, verificationPath } from '../badges/snippet.ts'

/** Column lengths of MicroSite and MicroSiteNewsItem (prisma/schema/sites.prisma), in characters. */
export const MICRO_SITE_LIMITS = { title: 128, introduction: 2000, functions: 2000, contacts: 500 } as const
export const NEWS_ITEM_LIMITS = { title: 128, body: 10000 } as const
/** The public page lists this many of the newest news items. */
export const PUBLIC_NEWS_ITEMS = 50

const staleMicroSite = () => appError('CONFLICT', '网络红页已被修改，请刷新后重试')

// ---------------------------------------------------------------------------------------------------------------
// Who and what

/** Only the unit's own users edit its micro-site; staff (and their API tokens) read it through microSite(unitId). */
function requireUnitUser(ctx: Context): number {
  const { viewer } = ctx
  if (viewer.kind !== 'user' || viewer.role !== 'UNIT_USER' || viewer.unitId == null) {
    throw forbidden('只有注册单位可以编辑本单位的网络红页，编办和 CONAC 只能查看')
  }
  return viewer.unitId
}

/** The viewer's unit, which must be ACTIVE to change anything. */
async function writableUnit(ctx: Context) {
  const unitId = requireUnitUser(ctx)
  const unit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: { id: true, status: true, region: { select: { path: true } } } })
  if (unit.status !== 'ACTIVE') throw forbidden('该单位已停用，不能编辑网络红页')
  return { unitId, regionPath: unit.region.path }
}

/** Text that PostgreSQL or a reader cannot take: control characters other than tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/

type Problems = Record<string, string>

/** Trimmed text; '' when missing. Adds a problem when it is required and empty, too long, or has control characters. */
function text(problems: Problems, name: string, raw: string | null | undefined, limit: number, label: string, required: boolean): string {
  const value = (raw ?? '').replace(/\r\n?/g, '\n').trim()
  if (!value) {
    if (required) problems[name] = `请填写${label}`
  } else if ([...value].length > limit) problems[name] = `${label}不能超过 ${limit} 个字`
  else if (CONTROL.test(value)) problems[name] = `${label}含有不可见的控制字符，请删除后重试`
  return value
}

function version(problems: Problems, value: number | null | undefined) {
  if (value != null && (!Number.isInteger(value) || value < 0)) problems.version = '版本号无效，请刷新后重试'
}

// ---------------------------------------------------------------------------------------------------------------
// Reading

/** The unit whose micro-site myMicroSite shows: the unit user's own (FORBIDDEN for staff and tokens). */
export function ownUnitId(ctx: Context): number {
  return requireUnitUser(ctx)
}

/** A unit the viewer may see (NOT_FOUND otherwise, also for a malformed id). */
export async function unitInScope(ctx: Context, rawId: string | number): Promise<number> {
  const unitId = Number(rawId)
  const unit = Number.isSafeInteger(unitId)
    ? await ctx.prisma.unit.findFirst({ where: { AND: [{ id: unitId }, unitScope(ctx.viewer)] }, select: { id: true } })
    : null
  if (!unit) throw notFound('单位')
  return unit.id
}

export interface PublicMicroSiteShape {
  unitName: string
  title: string
  introduction: string
  functions: string | null
  contacts: string | null
  publishedAt: Date
  newsItems: { id: number; title: string; body: string; publishedAt: Date }[]
  badge: { badgeNumber: string; verificationPath: string; imagePath: string } | null
}

/**
 * The public page's data: only a PUBLISHED micro-site of an ACTIVE unit, and only what is published. The badge
 * is the unit's ACTIVE badge placed on the micro-site (网络红页), if any. Anything else (a draft, an unknown or
 * malformed id) is null, so the answer tells nothing about units without a public page.
 */
export async function publicMicroSite(ctx: Context, rawId: string): Promise<PublicMicroSiteShape | null> {
  if (!/^[1-9][0-9]{0,15}$/.test(rawId.trim())) return null
  const unitId = Number(rawId.trim())
  if (!Number.isSafeInteger(unitId)) return null
  const site = await ctx.prisma.microSite.findFirst({
    where: { unitId, status: 'PUBLISHED', unit: { status: 'ACTIVE' } },
    select: {
      title: true,
      introduction: true,
      functions: true,
      contacts: true,
      publishedAt: true,
      unit: { select: { name: true } },
      newsItems: {
        select: { id: true, title: true, body: true, publishedAt: true },
        orderBy: [{ publishedAt: 'desc' }, { id: 'desc' }],
        take: PUBLIC_NEWS_ITEMS,
      },
    },
  })
  if (!site) return null
  const badge = await footerBadge(ctx, unitId)
  return {
    unitName: site.unit.name,
    title: site.title,
    introduction: site.introduction,
    functions: site.functions,
    contacts: site.contacts,
    publishedAt: site.publishedAt ?? new Date(0),
    newsItems: site.newsItems,
    badge: badge && { badgeNumber: badge.badgeNumber, verificationPath: verificationPath(badge.badgeNumber), imagePath: badgeImagePath(badge.badgeNumber) },
  }
}

/** The badge shown in the micro-site's footer: the unit's newest ACTIVE badge placed on the 网络红页. */
export function footerBadgeWhere(unitId: number) {
  return { unitId, status: 'ACTIVE', placement: 'MICRO_SITE' } as const
}

function footerBadge(ctx: Context, unitId: number) {
  return ctx.prisma.badge.findFirst({ where: footerBadgeWhere(unitId), orderBy: [{ issuedAt: 'desc' }, { id: 'desc' }], select: { badgeNumber: true } })
}

// ---------------------------------------------------------------------------------------------------------------
// The micro-site itself

export interface SaveMicroSiteInput {
  version?: number | null
  title: string
  introduction: string
  functions?: string | null
  contacts?: string | null
}

/** Creates the unit's micro-site (as a DRAFT) when it has none, else updates it if `version` is still current. */
export async function saveMicroSite(ctx: Context, input: SaveMicroSiteInput) {
  const { unitId, regionPath } = await writableUnit(ctx)
  const problems: Problems = {}
  version(problems, input.version)
  const L = MICRO_SITE_LIMITS
  const fields = {
    title: text(problems, 'title', input.title, L.title, '红页标题', true),
    introduction: text(problems, 'introduction', input.introduction, L.introduction, '单位简介', true),
    functions: text(problems, 'functions', input.functions, L.functions, '主要职能', false) || null,
    contacts: text(problems, 'contacts', input.contacts, L.contacts, '联系方式', false) || null,
  }
  if (Object.keys(problems).length) throw badInput('网络红页信息有误', problems)
  const existing = await ctx.prisma.microSite.findUnique({ where: { unitId } })
  try {
    return await ctx.prisma.$transaction(async (tx) => {
      if (!existing) {
        const created = await tx.microSite.create({ data: { unitId, ...fields } })
        await writeAudit(tx, ctx, { action: 'microSite.create', subjectType: 'MicroSite', subjectId: created.id, regionPath, after: fields })
        return created
      }
      const { count } = await tx.microSite.updateMany({
        where: { id: existing.id, version: input.version ?? -1 },
        data: { ...fields, version: { increment: 1 } },
      })
      if (count === 0) throw staleMicroSite()
      const before = { title: existing.title, introduction: existing.introduction, functions: existing.functions, contacts: existing.contacts, version: existing.version }
      await writeAudit(tx, ctx, {
        action: 'microSite.update',
        subjectType: 'MicroSite',
        subjectId: existing.id,
        regionPath,
        before,
        after: { ...fields, version: existing.version + 1 },
      })
      return tx.microSite.findUniqueOrThrow({ where: { id: existing.id } })
    })
  } catch (error) {
    // Two first saves at once: the second one meets micro_sites.unitId's unique index.
    if (isUniqueViolation(error)) throw staleMicroSite()
    throw error
  }
}

async function ownMicroSite(ctx: Context, unitId: number) {
  const site = await ctx.prisma.microSite.findUnique({ where: { unitId } })
  if (!site) throw appError('CONFLICT', '请先填写并保存网络红页的基本信息')
  return site
}

/** 发布 (DRAFT → PUBLISHED) or 取消发布 (PUBLISHED → DRAFT), if `version` is still current. */
export async function setMicroSiteStatus(ctx: Context, expectedVersion: number, next: MicroSiteStatus) {
  const { unitId, regionPath } = await writableUnit(ctx)
  if (!Number.isInteger(expectedVersion) || expectedVersion < 0) throw badInput('版本号无效', { version: '版本号无效，请刷新后重试' })
  const site = await ownMicroSite(ctx, unitId)
  const from: MicroSiteStatus = next === 'PUBLISHED' ? 'DRAFT' : 'PUBLISHED'
  if (site.version === expectedVersion && site.status !== from) {
    throw appError('CONFLICT', next === 'PUBLISHED' ? '网络红页已经发布' : '网络红页尚未发布')
  }
  const publishedAt = next === 'PUBLISHED' ? new Date() : null
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.microSite.updateMany({
      where: { id: site.id, status: from, version: expectedVersion },
      data: { status: next, publishedAt, version: { increment: 1 } },
    })
    if (count === 0) throw staleMicroSite()
    await writeAudit(tx, ctx, {
      action: next === 'PUBLISHED' ? 'microSite.publish' : 'microSite.unpublish',
      subjectType: 'MicroSite',
      subjectId: site.id,
      regionPath,
      before: { status: from, version: expectedVersion, publishedAt: site.publishedAt },
      after: { status: next, version: expectedVersion + 1, publishedAt },
    })
    return tx.microSite.findUniqueOrThrow({ where: { id: site.id } })
  })
}

// ---------------------------------------------------------------------------------------------------------------
// 工作动态 (news items). They belong to the micro-site but have no version of their own; each change is audited.

function newsFields(input: { title: string; body: string }) {
  const problems: Problems = {}
  const fields = {
    title: text(problems, 'title', input.title, NEWS_ITEM_LIMITS.title, '动态标题', true),
    body: text(problems, 'body', input.body, NEWS_ITEM_LIMITS.body, '动态正文', true),
  }
  if (Object.keys(problems).length) throw badInput('工作动态信息有误', problems)
  return fields
}

/** A news item of the viewer's unit's micro-site (NOT_FOUND for anybody else's, and for a malformed id). */
async function ownNewsItem(ctx: Context, unitId: number, rawId: string | number) {
  const id = Number(rawId)
  const item = Number.isSafeInteger(id) ? await ctx.prisma.microSiteNewsItem.findFirst({ where: { id, microSite: { unitId } } }) : null
  if (!item) throw notFound('工作动态')
  return item
}

export async function addMicroSiteNewsItem(ctx: Context, input: { title: string; body: string }) {
  const { unitId, regionPath } = await writableUnit(ctx)
  const fields = newsFields(input)
  const site = await ownMicroSite(ctx, unitId)
  return ctx.prisma.$transaction(async (tx) => {
    const item = await tx.microSiteNewsItem.create({ data: { microSiteId: site.id, ...fields } })
    await writeAudit(tx, ctx, {
      action: 'microSite.addNews',
      subjectType: 'MicroSiteNewsItem',
      subjectId: item.id,
      regionPath,
      after: { microSiteId: site.id, ...fields },
    })
    return item
  })
}

export async function updateMicroSiteNewsItem(ctx: Context, input: { id: string | number; title: string; body: string }) {
  const { unitId, regionPath } = await writableUnit(ctx)
  const fields = newsFields(input)
  const item = await ownNewsItem(ctx, unitId, input.id)
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.microSiteNewsItem.updateMany({ where: { id: item.id, microSite: { unitId } }, data: fields })
    if (count === 0) throw notFound('工作动态')
    await writeAudit(tx, ctx, {
      action: 'microSite.updateNews',
      subjectType: 'MicroSiteNewsItem',
      subjectId: item.id,
      regionPath,
      before: { title: item.title, body: item.body },
      after: fields,
    })
    return tx.microSiteNewsItem.findUniqueOrThrow({ where: { id: item.id } })
  })
}

export async function deleteMicroSiteNewsItem(ctx: Context, rawId: string | number): Promise<string> {
  const { unitId, regionPath } = await writableUnit(ctx)
  const item = await ownNewsItem(ctx, unitId, rawId)
  return ctx.prisma.$transaction(async (tx) => {
    const { count } = await tx.microSiteNewsItem.deleteMany({ where: { id: item.id, microSite: { unitId } } })
    if (count === 0) throw notFound('工作动态')
    await writeAudit(tx, ctx, {
      action: 'microSite.deleteNews',
      subjectType: 'MicroSiteNewsItem',
      subjectId: item.id,
      regionPath,
      before: { microSiteId: item.microSiteId, title: item.title, body: item.body, publishedAt: item.publishedAt },
    })
    return String(item.id)
  })
}
