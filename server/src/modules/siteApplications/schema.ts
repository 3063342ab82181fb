// 网站开办审核/资格复核申请: drafts, submission, the two-level review, the paper step, the queues and the badges
// list. Each command and query is a file of its own (commands/, queries/) with its policy at the top; this file
// only translates. The object types are in types.ts.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { unitScope } from '../../lib/scope.ts'
import { multiLineText } from '../../validation/text.ts'
import { confirmPaperMaterials } from './commands/confirm-paper-materials.ts'
import { recordPaperMaterials } from './commands/record-paper-materials.ts'
import { resubmitSiteApplication } from './commands/resubmit-site-application.ts'
import { reviewSiteApplication } from './commands/review-site-application.ts'
import { saveSiteApplicationDraft } from './commands/save-site-application-draft.ts'
import { submitSiteApplication } from './commands/submit-site-application.ts'
import { withdrawSiteApplication } from './commands/withdraw-site-application.ts'
import { reviewQueueWhere, siteApplicationReviewQueue } from './queries/site-application-review-queue.ts'
import { findInScope, listWhere } from './reads.ts'
import { SiteApplicationKindEnum, SiteApplicationStatusEnum } from './types.ts'

// The badges module builds on these enums (modules/badges/schema.ts imports them from here).
export { BadgePlacementEnum, BadgeStatusEnum } from './types.ts'

const SiteReviewDecisionEnum = builder.enumType('SiteReviewDecision', {
  values: { APPROVE: { description: '通过' }, REJECT: { description: '不通过 (a reason is required)' } } as const,
})

const formFields = (t: Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]) => ({
  kind: t.field({ type: SiteApplicationKindEnum, required: false }),
  siteName: t.string({ required: false }),
  siteIntro: t.string({ required: false, description: 'At most 500 characters', ...multiLineText() }),
  chineseDomainId: t.id({
    required: false,
    description: 'One of the unit’s REGISTERED domains with the suffix of its type',
  }),
  englishDomain: t.string({
    required: false,
    description:
      'The site’s host name (no http://, path or port): under .gov.cn for 党政机关 (PARTY_GOVERNMENT), any Internet host name for the other unit types; empty with useMicroSite',
  }),
  useMicroSite: t.boolean({ required: false }),
  ipAddress: t.string({ required: false, description: 'IPv4 or IPv6' }),
  principalName: t.string({ required: false }),
  principalLandline: t.string({ required: false }),
  principalMobile: t.string({ required: false }),
  principalEmail: t.string({ required: false }),
  handlerName: t.string({ required: false }),
  handlerLandline: t.string({ required: false }),
  handlerMobile: t.string({
    required: false,
    description: 'Verified by an SMS code (purpose SITE_APPLICATION) at submission',
  }),
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
    verificationCode: t.string({
      required: true,
      description: 'SMS code sent to handlerMobile, purpose SITE_APPLICATION',
    }),
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
    reason: t.string({
      required: false,
      description: '不通过原因, 2-500 characters; required for REJECT',
      ...multiLineText(),
    }),
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
builder.queryFields((t) => ({
  siteApplications: t.prismaConnection({
    type: 'SiteApplication',
    cursor: 'id',
    description: 'Site applications the viewer may see (own unit; an office its subtree; CONAC all), newest first.',
    args: { filter: t.arg({ type: SiteApplicationFilter, required: false }) },
    totalCount: (_p, { filter }, ctx) => ctx.prisma.siteApplication.count({ where: listWhere(ctx, filter) }),
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.siteApplication.findMany({ ...query, where: listWhere(ctx, filter), orderBy: { id: 'desc' } }),
  }),
  siteApplication: t.prismaField({
    type: 'SiteApplication',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) => findInScope(ctx, id, query),
  }),
  siteApplicationReviewQueue: t.prismaConnection({
    type: 'SiteApplication',
    cursor: 'id',
    description:
      "The viewer's level: an office its same-level units' PENDING_OFFICE_REVIEW and AWAITING_PAPER; CONAC PENDING_CONAC_REVIEW. Oldest first.",
    totalCount: (_p, _a, ctx) => ctx.prisma.siteApplication.count({ where: reviewQueueWhere(ctx) }),
    resolve: (query, _root, _args, ctx) => siteApplicationReviewQueue.execute(ctx, query),
  }),
  badges: t.prismaConnection({
    type: 'Badge',
    cursor: 'id',
    description: 'Badges of the units the viewer may see, newest first.',
    totalCount: (_p, _a, ctx) => ctx.prisma.badge.count({ where: { unit: unitScope(ctx.viewer) } }),
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.badge.findMany({ ...query, where: { unit: unitScope(ctx.viewer) }, orderBy: { id: 'desc' } }),
  }),
}))

/** Re-reads the row the command acted on, with the fields the client asked for. */
const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.siteApplication.findUniqueOrThrow({
    ...(query as Prisma.SiteApplicationFindUniqueOrThrowArgs),
    where: { id },
  })

builder.mutationFields((t) => ({
  saveSiteApplicationDraft: t.prismaField({
    type: 'SiteApplication',
    description: 'Create or update a DRAFT (unit users, own unit). Only lengths are checked here.',
    args: { input: t.arg({ type: SaveSiteApplicationDraftInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await saveSiteApplicationDraft.execute(ctx, input)),
  }),
  submitSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: 'Submit a draft after full validation and the handler’s SMS code → PENDING_OFFICE_REVIEW (初审中).',
    args: { input: t.arg({ type: SubmitSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await submitSiteApplication.execute(ctx, input)),
  }),
  resubmitSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: 'Edit a rejected application and send it back to the same-level office (earlier decisions are kept).',
    args: { input: t.arg({ type: ResubmitSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await resubmitSiteApplication.execute(ctx, input)),
  }),
  withdrawSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description:
      '撤回 (unit users): a DRAFT, PENDING_OFFICE_REVIEW or rejected application → WITHDRAWN. Frees its Chinese domain for a new application.',
    args: { input: t.arg({ type: WithdrawSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await withdrawSiteApplication.execute(ctx, input)),
  }),
  reviewSiteApplication: t.prismaField({
    type: 'SiteApplication',
    description: 'Review at the viewer’s level: the same-level office (初审) or CONAC (复审).',
    args: { input: t.arg({ type: ReviewSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await reviewSiteApplication.execute(ctx, input)),
  }),
  recordPaperMaterials: t.prismaField({
    type: 'SiteApplication',
    description: 'The same-level office records which paper materials it has received.',
    args: { input: t.arg({ type: RecordPaperMaterialsInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, await recordPaperMaterials.execute(ctx, input)),
  }),
  confirmPaperMaterials: t.prismaField({
    type: 'SiteApplication',
    description:
      'The same-level office confirms the paper materials (→ BADGE_ISSUED) or rejects them (→ PAPER_REJECTED).',
    args: { input: t.arg({ type: ReviewSiteApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await confirmPaperMaterials.execute(ctx, input)),
  }),
}))
