// 域名申请 and 域名审核: applying (by a unit, or by an office for it), editing and resubmitting, withdrawing, the
// two-level review, the review queues and 域名历史查询. Each command and query is a file of its own (commands/,
// queries/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { multiLineText } from '../../validation/text.ts'
import { DomainSuffixEnum } from '../domains/schema.ts'
import { snapshotValue } from '../reviews/changes.ts'
import { FieldChange, ReviewLevelEnum, ReviewResultEnum } from '../reviews/schema.ts'
import { applyForDomain } from './commands/apply-for-domain.ts'
import { resubmitDomainApplication } from './commands/resubmit-domain-application.ts'
import { reviewDomain } from './commands/review-domain.ts'
import { withdrawDomainApplication } from './commands/withdraw-domain-application.ts'
import { changesSinceLastRejection } from './names.ts'
import { domainAvailability } from './queries/domain-availability.ts'
import { domainReviewQueue, domainReviewQueueSummary } from './queries/domain-review-queue.ts'
import { domainDecisionWhere } from './reads.ts'

const ReviewDecisionInputEnum = builder.enumType('DomainReviewDecision', {
  values: { APPROVE: { description: '通过' }, REJECT: { description: '不通过 (a reason is required)' } } as const,
})

const ApplyForDomainInput = builder.inputType('ApplyForDomainInput', {
  fields: (t) => ({
    unitId: t.id({
      required: false,
      description: 'The unit to apply for (office staff, 代单位申请); omitted by a unit user.',
    }),
    name: t.string({
      required: true,
      description:
        'The label before the suffix (U-label): Chinese characters, letters, digits or inner hyphens, at least 2 characters, valid IDNA2008 (UTS #46) and at most 63 octets as an A-label (xn--…)',
    }),
    suffix: t.field({
      type: DomainSuffixEnum,
      required: true,
      description: '.政务 for 党政机关/群团机关, .公益 for 事业单位/社会组织',
    }),
    years: t.int({ required: true, description: '1-10 years' }),
  }),
})

const ResubmitDomainApplicationInput = builder.inputType('ResubmitDomainApplicationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true }),
    name: t.string({ required: true }),
    years: t.int({ required: true }),
  }),
})

const ReviewDomainInput = builder.inputType('ReviewDomainInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: true, description: 'The version the reviewer saw; a stale one is a CONFLICT.' }),
    decision: t.field({ type: ReviewDecisionInputEnum, required: true }),
    reason: t.string({
      required: false,
      description: '不通过原因, 2-500 characters; required for REJECT',
      ...multiLineText(),
    }),
  }),
})

const DomainAvailability = builder
  .objectRef<{ available: boolean; reason: string | null }>('DomainAvailability')
  .implement({
    fields: (t) => ({
      available: t.exposeBoolean('available'),
      reason: t.exposeString('reason', {
        nullable: true,
        description: 'Why the name cannot be applied for, in Chinese.',
      }),
    }),
  })

const DomainReviewQueueSummary = builder
  .objectRef<{ pending: number; oldestSubmittedAt: Date | null; overThreeDays: number }>('DomainReviewQueueSummary')
  .implement({
    description:
      "The viewer's review queue at a glance. Age counts from submission (office level) or from the office approval (CONAC).",
    fields: (t) => ({
      pending: t.exposeInt('pending'),
      oldestSubmittedAt: t.expose('oldestSubmittedAt', { type: 'DateTime', nullable: true }),
      overThreeDays: t.exposeInt('overThreeDays', { description: 'Waiting for more than three days' }),
    }),
  })

const DomainDecisionFilter = builder.inputType('DomainDecisionFilter', {
  fields: (t) => ({
    result: t.field({ type: ReviewResultEnum, required: false }),
    level: t.field({ type: ReviewLevelEnum, required: false }),
    search: t.string({ required: false, description: 'Part of the domain name or of the unit name' }),
  }),
})

builder.prismaObjectField('Domain', 'awaitingReviewSince', (t) =>
  t.field({
    type: 'DateTime',
    nullable: true,
    description:
      'Since when the domain waits for a review: submission for 待审核, the office approval for 编办审核通过.',
    select: { status: true, submittedAt: true, updatedAt: true },
    resolve: (domain) =>
      domain.status === 'PENDING_OFFICE_REVIEW'
        ? domain.submittedAt
        : domain.status === 'OFFICE_APPROVED'
          ? domain.updatedAt
          : null,
  }),
)

builder.prismaObjectField('Domain', 'latestRejection', (t) =>
  t.relation('reviewDecisions', {
    description: 'The latest rejection, to show its reason next to a rejected application (empty list if none).',
    query: { where: { result: 'REJECTED' }, orderBy: { id: 'desc' }, take: 1 },
  }),
)

builder.prismaObjectField('ReviewDecision', 'domain', (t) => t.relation('domain', { nullable: true }))

builder.prismaObjectField('Domain', 'changesSinceLastRejection', (t) =>
  t.field({
    type: [FieldChange],
    description:
      'What the applicant changed since the application was last sent back (its latest rejection, at either level): ' +
      'field name (the whole domain, e.g. 清丰.政务) and years, as before → after. Empty before any rejection and when ' +
      'nothing was changed. A value not recorded with an old decision is not compared.',
    // The same relation query as Domain.reviewDecisions, so a page that shows both loads the decisions once.
    select: { name: true, years: true, suffix: true, reviewDecisions: { orderBy: { id: 'asc' } } },
    resolve: (domain) => changesSinceLastRejection(domain, domain.reviewDecisions),
  }),
)

// A resubmission may rename the application, so 域名历史查询 shows the name as it was when decided: every decision
// stores the fields it was made on (ReviewDecision.snapshot).
builder.prismaObjectField('ReviewDecision', 'domainNameAtDecision', (t) =>
  t.string({
    nullable: true,
    description:
      'The domain label (without suffix) as it was when this decision was made. Null for decisions not about a domain, ' +
      'and for the few recorded before names were stored whose audit trail does not tell the name.',
    select: { domainId: true, snapshot: true },
    resolve: (decision) => {
      if (decision.domainId == null) return null
      const name = snapshotValue(decision.snapshot, 'name')
      return typeof name === 'string' ? name : null
    },
  }),
)

builder.queryFields((t) => ({
  domainAvailability: t.field({
    type: DomainAvailability,
    description:
      'Whether a name may be applied for: format, reserved names, the suffix of the viewer’s unit type, and live holders.',
    args: { name: t.arg.string({ required: true }), suffix: t.arg({ type: DomainSuffixEnum, required: true }) },
    resolve: (_root, { name, suffix }, ctx) => domainAvailability.execute(ctx, { name, suffix }),
  }),
  domainReviewQueue: t.prismaConnection({
    type: 'Domain',
    cursor: 'id',
    description:
      "待审核域名 of the viewer's level (an office: its same-level units' PENDING_OFFICE_REVIEW; CONAC: OFFICE_APPROVED), oldest first.",
    // The same count as the summary's pending, from the same statement (queue.ts).
    totalCount: async (_parent, _args, ctx) => (await domainReviewQueueSummary.execute(ctx, undefined)).pending,
    resolve: (query, _root, _args, ctx) => domainReviewQueue.execute(ctx, query),
  }),
  domainReviewQueueSummary: t.field({
    type: DomainReviewQueueSummary,
    description:
      "How many domains wait in the viewer's review queue, the oldest, and how many for more than three days.",
    resolve: (_root, _args, ctx) => domainReviewQueueSummary.execute(ctx, undefined),
  }),
  domainReviewDecisions: t.prismaConnection({
    type: 'ReviewDecision',
    cursor: 'id',
    description:
      '域名历史查询: review decisions on domains the viewer may see, newest first (filter result: REJECTED for 审核未通过).',
    args: { filter: t.arg({ type: DomainDecisionFilter, required: false }) },
    totalCount: (_parent, { filter }, ctx) =>
      ctx.prisma.reviewDecision.count({ where: domainDecisionWhere(ctx, filter) }),
    resolve: (query, _root, { filter }, ctx) =>
      ctx.prisma.reviewDecision.findMany({
        ...query,
        where: domainDecisionWhere(ctx, filter),
        orderBy: { id: 'desc' },
      }),
  }),
}))

builder.mutationFields((t) => ({
  applyForDomain: t.prismaField({
    type: 'Domain',
    description: '域名申请: a unit user for its own unit, or office staff for a unit in its region (代单位申请).',
    args: { input: t.arg({ type: ApplyForDomainInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await applyForDomain.execute(ctx, input)
      return ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  resubmitDomainApplication: t.prismaField({
    type: 'Domain',
    description: 'Edit a rejected application (name, years) and send it back to the same-level office.',
    args: { input: t.arg({ type: ResubmitDomainApplicationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await resubmitDomainApplication.execute(ctx, input)
      return ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
  withdrawDomainApplication: t.prismaField({
    type: 'Domain',
    description: 'Withdraw an application before CONAC has approved it (→ CANCELLED).',
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }) },
    resolve: async (query, _root, { id, version }, ctx) => {
      const domainId = await withdrawDomainApplication.execute(ctx, { id, version })
      return ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id: domainId } })
    },
  }),
  reviewDomain: t.prismaField({
    type: 'Domain',
    description: 'Review a domain at the viewer’s level: the same-level office (初审) or CONAC (复审).',
    args: { input: t.arg({ type: ReviewDomainInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await reviewDomain.execute(ctx, input)
      return ctx.prisma.domain.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
}))
