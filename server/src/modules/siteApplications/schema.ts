// 网站开办审核/资格复核申请 and 网站标识: the SiteApplication and Badge types, drafts, submission, the two-level
// review, the paper step and the queues. The rules are in service.ts.
import { builder } from '../../builder.ts'
import { multiLineText } from '../../validation/text.ts'
import type { Context } from '../../context.ts'
import { notFound } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { BadgePlacement, BadgeStatus, SiteApplicationKind, SiteApplicationStatus } from '../../generated/prisma/enums.ts'
import { siteApplicationScope, unitScope } from '../../lib/scope.ts'
import { SystemCategoryEnum } from '../units/schema.ts'
import {
  changesSinceLastReview,
  confirmPaperMaterials,
  recordPaperMaterials,
  resubmitSiteApplication,
  reviewSiteApplication,
  saveSiteApplicationDraft,
  siteReviewQueueWhere,
  submitSiteApplication,
  withdrawSiteApplication,
} from './service.ts'
import { FieldChange } from '../reviews/schema.ts'

export const SiteApplicationKindEnum = builder.enumType(SiteApplicationKind, {
  name: 'SiteApplicationKind',
  description: 'NEW_SITE 新开办网站申请, RE_REVIEW 已开办网站复核',
})
export const SiteApplicationStatusEnum = builder.enumType(SiteApplicationStatus, {
  name: 'SiteApplicationStatus',
  description:
    'DRAFT 草稿, PENDING_OFFICE_REVIEW 初审中, OFFICE_REJECTED 初审未通过, PENDING_CONAC_REVIEW 复审中, CONAC_REJECTED 复审未通过, ' +
    'AWAITING_PAPER 审核通过，待提交书面材料, PAPER_REJECTED 书面材料未通过, BADGE_ISSUED 已发放网站标识, WITHDRAWN 已撤回, BADGE_CANCELLED 标识已注销（可重新申请）',
})
export const BadgePlacementEnum = builder.enumType(BadgePlacement, { name: 'BadgePlacement', description: 'MICRO_SITE 网络红页, SELF_BUILT 自建网站' })
export const BadgeStatusEnum = builder.enumType(BadgeStatus, { name: 'BadgeStatus', description: 'ACTIVE 有效, CANCELLED 已注销' })

const SiteReviewDecisionEnum = builder.enumType('SiteReviewDecision', {
  values: { APPROVE: { description: '通过' }, REJECT: { description: '不通过 (a reason is required)' } } as const,
})

builder.prismaObject('PaperSubmission', {
  description: '书面材料: what the same-level office has received from a 党政机关/群团机关.',
  fields: (t) => ({
    id: t.exposeID('id'),
    copiesRequired: t.exposeInt('copiesRequired'),
    letterReceived: t.exposeBoolean('letterReceived'),
    formCopiesReceived: t.exposeInt('formCopiesReceived'),
    idCopyReceived: t.exposeBoolean('idCopyReceived'),
    missingNote: t.exposeString('missingNote', { nullable: true }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', nullable: true }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true }),
  }),
})

const trimmed = (value: string) => value.trim()

builder.prismaObject('SiteApplication', {
  description: '网站开办审核/资格复核申请',
  fields: (t) => ({
    id: t.exposeID('id'),
    serialNumber: t.exposeString('serialNumber', { description: 'e.g. WZ-2026-000123' }),
    kind: t.expose('kind', { type: SiteApplicationKindEnum }),
    status: t.expose('status', { type: SiteApplicationStatusEnum }),
    version: t.exposeInt('version', { description: 'Changes with every transition; send it back to edit or review.' }),
    unit: t.relation('unit'),
    unitName: t.exposeString('unitName', { description: '开办主体 as submitted' }),
    superiorUnitName: t.exposeString('superiorUnitName', { nullable: true }),
    unitFunctions: t.exposeString('unitFunctions', { nullable: true }),
    systemCategory: t.expose('systemCategory', { type: SystemCategoryEnum }),
    address: t.exposeString('address'),
    postcode: t.exposeString('postcode'),
    siteName: t.exposeString('siteName'),
    siteIntro: t.exposeString('siteIntro', { description: 'At most 500 characters' }),
    chineseDomain: t.relation('chineseDomain', { nullable: true }),
    englishDomain: t.exposeString('englishDomain', { nullable: true, description: 'The site’s host name: under .gov.cn for 党政机关, any Internet host name for the other unit types; null when useMicroSite' }),
    useMicroSite: t.exposeBoolean('useMicroSite', { description: 'The badge goes on the 网络红页' }),
    ipAddress: t.exposeString('ipAddress', { nullable: true }),
    principalName: t.exposeString('principalName'),
    principalLandline: t.exposeString('principalLandline', { nullable: true }),
    principalMobile: t.exposeString('principalMobile'),
    principalEmail: t.exposeString('principalEmail'),
    handlerName: t.exposeString('handlerName'),
    handlerLandline: t.exposeString('handlerLandline', { nullable: true }),
    handlerMobile: t.exposeString('handlerMobile'),
    handlerEmail: t.exposeString('handlerEmail'),
    handlerIdNumber: t.string({ select: { handlerIdNumber: true }, resolve: (app) => trimmed(app.handlerIdNumber) }),
    boundDomains: t.prismaField({
      type: ['Domain'],
      description: '绑定域名: the unit’s REGISTERED domains at submission',
      select: { id: true },
      resolve: (query, app, _args, ctx) =>
        ctx.prisma.domain.findMany({ ...query, where: { siteApplications: { some: { siteApplicationId: app.id } } }, orderBy: { id: 'asc' } }),
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reviewDecisions: t.relation('reviewDecisions', { description: 'Every decision, oldest first (kept across resubmissions)', query: { orderBy: { id: 'asc' } } }),
    paperSubmission: t.relation('paperSubmission', { nullable: true }),
    badge: t.relation('badge', { nullable: true }),
    changesSinceLastReview: t.field({
      type: [FieldChange],
      description: 'Fields that differ from the values at the latest review (empty before any review).',
      select: Object.fromEntries(
        ['id', 'kind', 'siteName', 'siteIntro', 'chineseDomainId', 'englishDomain', 'useMicroSite', 'ipAddress', 'principalName', 'principalLandline', 'principalMobile', 'principalEmail', 'handlerName', 'handlerLandline', 'handlerMobile', 'handlerEmail', 'handlerIdNumber'].map((k) => [k, true]),
      ) as Prisma.SiteApplicationSelect,
      resolve: (app, _args, ctx) => changesSinceLastReview(ctx, app as never),
    }),
  }),
})

builder.prismaObject('Badge', {
  description: '网站标识',
  fields: (t) => ({
    id: t.exposeID('id'),
    badgeNumber: t.exposeString('badgeNumber'),
    status: t.expose('status', { type: BadgeStatusEnum }),
    placement: t.expose('placement', { type: BadgePlacementEnum }),
    siteName: t.exposeString('siteName'),
    englishDomain: t.exposeString('englishDomain', { nullable: true }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    installDeadline: t.expose('installDeadline', { type: 'DateTime', description: '安装期限: the end (23:59:59.999 Beijing time) of the 5th working day after issue (holidays and 调休 counted)' }),
    unit: t.relation('unit'),
    siteApplication: t.relation('siteApplication'),
  }),
})

builder.prismaObjectField('ReviewDecision', 'siteApplication', (t) => t.relation('siteApplication', { nullable: true }))

const formFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  kind: t.field({ type: SiteApplicationKindEnum, required: false }),
  siteName: t.string({ required: false }),
  siteIntro: t.string({ required: false, description: 'At most 500 characters', ...multiLineText() }),
  chineseDomainId: t.id({ required: false, description: 'One of the unit’s REGISTERED domains with the suffix of its type' }),
  englishDomain: t.string({ required: false, description: 'The site’s host name (no http://, path or port): under .gov.cn for 党政机关 (PARTY_GOVERNMENT), any Internet host name for the other unit types; empty with useMicroSite' }),
  useMicroSite: t.boolean({ required: false }),
  ipAddress: t.string({ required: false, description: 'IPv4 or IPv6' }),
  principalName: t.string({ required: false }),
  principalLandline: t.string({ required: false }),
  principalMobile: t.string({ required: false }),
  principalEmail: t.string({ required: false }),
  handlerName: t.string({ required: false }),
  handlerLandline: t.string({ required: false }),
  handlerMobile: t.string({ required: false, description: 'Verified by an SMS code (purpose SITE_APPLICATION) at submission' }),
  handlerEmail: t.string({ required: false }),
  handlerIdNumber: t.string({ required: false, description: '18 characters with the GB 11643 check character' }),
})

const SaveSiteApplicationDraftInput = builder.inputType('SaveSiteApplicationDraftInput', {
  fields: (t) => ({
    id: t.id({ required: false, description: 'Omitted to create a draft' }),
    version: t.int({ required: false, description: 'Required with id' }),
    ...formFields(t),
  }),
})

const SubmitSiteApplicationInput = builder.inputType('SubmitSiteApplicationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    verificationCode: t.string({ required: true, description: 'SMS code sent to handlerMobile, purpose SITE_APPLICATION' }),
  }),
})

const ResubmitSiteApplicationInput = builder.inputType('ResubmitSiteApplicationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    verificationCode: t.string({ required: true }),
    ...formFields(t),
  }),
})

const WithdrawSiteApplicationInput = builder.inputType('WithdrawSiteApplicationInput', {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: true }) }),
})

const ReviewSiteApplicationInput = builder.inputType('ReviewSiteApplicationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    decision: t.field({ type: SiteReviewDecisionEnum, required: true }),
    reason: t.string({ required: false, description: '不通过原因, 2-500 characters; required for REJECT', ...multiLineText() }),
  }),
})

const RecordPaperMaterialsInput = builder.inputType('RecordPaperMaterialsInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    letterReceived: t.boolean({ required: true, description: '加盖公章的函' }),
    formCopiesReceived: t.int({ required: true, description: '申请表份数 (4 required)' }),
    idCopyReceived: t.boolean({ required: true, description: '经办人身份证复印件' }),
    missingNote: t.string({ required: false, ...multiLineText() }),
  }),
})

const SiteApplicationFilter = builder.inputType('SiteApplicationFilter', {
  fields: (t) => ({ statuses: t.field({ type: [SiteApplicationStatusEnum], required: false }) }),
})

function listWhere(ctx: Context, filter?: { statuses?: SiteApplicationStatus[] | null } | null): Prisma.SiteApplicationWhereInput {
  const and: Prisma.SiteApplicationWhereInput[] = [siteApplicationScope(ctx.viewer)]
  if (filter?.statuses?.length) and.push({ status: { in: filter.statuses } })
  return { AND: and }
}

async function findInScope(ctx: Context, id: string | number, query: object) {
  const appId = Number(id)
  // A malformed id answers like one that does not exist, as for domains.
  const app = Number.isSafeInteger(appId)
    ? await ctx.prisma.siteApplication.findFirst({ ...(query as Prisma.SiteApplicationFindFirstArgs), where: { AND: [{ id: appId }, siteApplicationScope(ctx.viewer)] } })
    : null
  if (!app) throw notFound('网站开办申请')
  return app
}

builder.queryFields((t) => ({
  siteApplications: t.prismaConnection({
    type: 'SiteApplication',
    cursor: 'id',
    description: 'Site applications the viewer may see (own unit; an office its subtree; CONAC all), newest first.',
    args: { filter: t.arg({ type: SiteApplicationFilter, required: false }) },
    totalCount: (_p, { filter }, ctx) => ctx.prisma.siteApplication.count({ where: listWhere(ctx, filter) }),
    resolve: (query, _root, { filter }, ctx) => ctx.prisma.siteApplication.findMany({ ...query, where: listWhere(ctx, filter), orderBy: { id: 'desc' } }),
  }),
  siteApplication: t.prismaField({
    type: 'SiteApplication',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => findInScope(ctx, id, query),
  }),
  siteApplicationReviewQueue: t.prismaConnection({
    type: 'SiteApplication',
    cursor: 'id',
    description: "The viewer's level: an office its same-level units' PENDING_OFFICE_REVIEW and AWAITING_PAPER; CONAC PENDING_CONAC_REVIEW. Oldest first.",
    totalCount: (_p, _a, ctx) => ctx.prisma.siteApplication.count({ where: siteReviewQueueWhere(ctx) }),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.siteApplication.findMany({ ...query, where: siteReviewQueueWhere(ctx), orderBy: [{ submittedAt: 'asc' }, { id: 'asc' }] }),
  }),
  badges: t.prismaConnection({
    type: 'Badge',
    cursor: 'id',
    description: 'Badges of the units the viewer may see, newest first.',
    totalCount: (_p, _a, ctx) => ctx.prisma.badge.count({ where: { unit: unitScope(ctx.viewer) } }),
    resolve: (query, _root, _args, ctx) => ctx.prisma.badge.findMany({ ...query, where: { unit: unitScope(ctx.viewer) }, orderBy: { id: 'desc' } }),
  }),
}))

/** Re-reads the row with the fields the client asked for. */
const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.siteApplication.findUniqueOrThrow({ ...(query as Prisma.SiteApplicationFindUniqueOrThrowArgs), where: { id } })

builder.mutationFields((t) => ({
  saveSiteApplicationDraft: t.prismaField({
    type: 'SiteApplication',
    description: 'Create or update a DRAFT (unit users, own unit). Only lengths are checked here.',
    args: { input: t.arg({ type: SaveSiteApplicationDraftInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await saveSiteApplicationDraft(ctx, input)).id),
  }),
  submitSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: 'Submit a draft after full validation and the handler’s SMS code → PENDING_OFFICE_REVIEW (初审中).',
    args: { input: t.arg({ type: SubmitSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await submitSiteApplication(ctx, input)).id),
  }),
  resubmitSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: 'Edit a rejected application and send it back to the same-level office (earlier decisions are kept).',
    args: { input: t.arg({ type: ResubmitSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await resubmitSiteApplication(ctx, input)).id),
  }),
  withdrawSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: '撤回 (unit users): a DRAFT, PENDING_OFFICE_REVIEW or rejected application → WITHDRAWN. Frees its Chinese domain for a new application.',
    args: { input: t.arg({ type: WithdrawSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await withdrawSiteApplication(ctx, input)).id),
  }),
  reviewSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: 'Review at the viewer’s level: the same-level office (初审) or CONAC (复审).',
    args: { input: t.arg({ type: ReviewSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await reviewSiteApplication(ctx, input)).id),
  }),
  recordPaperMaterials: t.prismaField({
    type: 'SiteApplication',
    description: 'The same-level office records which paper materials it has received.',
    args: { input: t.arg({ type: RecordPaperMaterialsInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await recordPaperMaterials(ctx, input)).id),
  }),
  confirmPaperMaterials: t.prismaField({
    type: 'SiteApplication',
    description: 'The same-level office confirms the paper materials (→ BADGE_ISSUED) or rejects them (→ PAPER_REJECTED).',
    args: { input: t.arg({ type: ReviewSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, (await confirmPaperMaterials(ctx, input)).id),
  }),
}))
