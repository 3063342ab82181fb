// 单位信息变更: a unit's requests to change its registered facts, the same-level office's review, the history and
// the review queue. Each command and query is a file of its own (commands/, queries/) with its policy at the top;
// this file only translates.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { UnitChangeStatus } from '../../generated/prisma/enums.ts'
import { multiLineText } from '../../validation/text.ts'
import { SystemCategoryEnum, UnitTypeEnum } from '../units/schema.ts'
import { requestUnitChange } from './commands/request-unit-change.ts'
import { reviewUnitChange } from './commands/review-unit-change.ts'
import { withdrawUnitChange } from './commands/withdraw-unit-change.ts'
import { factChangeRows } from './facts.ts'
import { unitChangeReviewQueue } from './queries/unit-change-review-queue.ts'
import { unitChangeListWhere } from './reads.ts'

export const UnitChangeStatusEnum = builder.enumType(UnitChangeStatus, {
  name: 'UnitChangeStatus',
  description: 'PENDING 待审核, APPROVED 审核通过, REJECTED 审核未通过, WITHDRAWN 已撤回',
})

const UnitFactChange = builder.objectRef<ReturnType<typeof factChangeRows>[number]>('UnitFactChange').implement({
  description: 'One unit fact a change request changes: its value when the unit asked, and the requested one.',
  fields: (t) => ({
    field: t.exposeString('field', {
      description: 'name, type, systemCategory, creditCode, address, postcode, superiorUnitName or functions',
    }),
    before: t.exposeString('before', { nullable: true, description: 'Enum facts (type, systemCategory) by name' }),
    after: t.exposeString('after', { nullable: true }),
  }),
})

const displayName = async (ctx: Context, id: number | null) =>
  id == null
    ? null
    : ((await ctx.prisma.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null)

builder.prismaObject('UnitChangeRequest', {
  description: '单位信息变更申请, reviewed by the unit’s same-level office (同级编办).',
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.expose('status', { type: UnitChangeStatusEnum }),
    version: t.exposeInt('version', { description: 'Send it back to review or withdraw.' }),
    unit: t.relation('unit'),
    changes: t.field({
      type: [UnitFactChange],
      description: 'The facts it changes, before (as the unit had them when it asked) → after, in display order.',
      resolve: (request) => factChangeRows(request),
    }),
    reason: t.exposeString('reason', { description: 'The unit’s reason' }),
    requestedAt: t.expose('createdAt', { type: 'DateTime' }),
    requestedByName: t.string({
      nullable: true,
      description: 'The display name of the unit user who asked.',
      resolve: (request, _args, ctx) => displayName(ctx, request.requestedById),
    }),
    reviewOffice: t.relation('reviewOffice', { description: 'The office that reviews it' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    reviewedByName: t.string({
      nullable: true,
      description: 'The display name of the office reviewer who decided.',
      resolve: (request, _args, ctx) => displayName(ctx, request.reviewedById),
    }),
    reviewNote: t.exposeString('reviewNote', {
      nullable: true,
      description: 'The office’s note: the reason of a rejection, an optional remark on an approval',
    }),
  }),
})

builder.prismaObjectFields('Unit', (t) => ({
  version: t.exposeInt('version', {
    description: 'Changes with every change of the unit; send it with requestUnitChange.',
  }),
  pendingChangeRequest: t.prismaField({
    type: 'UnitChangeRequest',
    nullable: true,
    description: 'The 单位信息变更 waiting for the office, if any (at most one per unit).',
    resolve: (query, unit, _args, ctx) =>
      ctx.prisma.unitChangeRequest.findFirst({ ...query, where: { unitId: unit.id, status: 'PENDING' } }),
  }),
}))

const UnitFactsInput = builder.inputType('UnitFactsInput', {
  description: 'The facts as they should be; each omitted (or null) stays as it is. The region cannot be changed.',
  fields: (t) => ({
    name: t.string({ required: false, description: '单位全称, 2-128 characters, unique nationwide' }),
    type: t.field({ type: UnitTypeEnum, required: false }),
    systemCategory: t.field({ type: SystemCategoryEnum, required: false }),
    creditCode: t.string({ required: false, description: '统一社会信用代码, 18 characters with its check character' }),
    address: t.string({ required: false, description: '5-256 characters; invoices are mailed there' }),
    postcode: t.string({ required: false, description: '6 digits' }),
    superiorUnitName: t.string({ required: false, description: 'At most 128 characters; empty text clears it' }),
    functions: t.string({
      required: false,
      description: '开办主体职能, at most 2000 characters; empty text clears it',
      ...multiLineText(),
    }),
  }),
})

const RequestUnitChangeInput = builder.inputType('RequestUnitChangeInput', {
  fields: (t) => ({
    after: t.field({ type: UnitFactsInput, required: true }),
    reason: t.string({ required: true, description: '变更原因, 2-500 characters', ...multiLineText() }),
    unitVersion: t.int({ required: true, description: 'The unit’s version as the person saw it' }),
  }),
})

const WithdrawUnitChangeInput = builder.inputType('WithdrawUnitChangeInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: false, description: 'The request’s version; omitted: the current one' }),
  }),
})

const ReviewUnitChangeInput = builder.inputType('ReviewUnitChangeInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({
      required: false,
      description: 'The request’s version the reviewer saw; omitted: the current one',
    }),
    approve: t.boolean({ required: true }),
    note: t.string({
      required: false,
      description: '审核意见: 2-500 characters, required when approve is false',
      ...multiLineText(),
    }),
  }),
})

builder.queryFields((t) => ({
  unitChangeRequests: t.prismaConnection({
    type: 'UnitChangeRequest',
    cursor: 'id',
    description:
      '单位信息变更 history the viewer may see (a unit its own; an office its subtree; CONAC all), newest first.',
    args: {
      unitId: t.arg.id({ required: false, description: 'Only this unit’s requests' }),
      statuses: t.arg({ type: [UnitChangeStatusEnum], required: false }),
    },
    totalCount: (_p, args, ctx) => ctx.prisma.unitChangeRequest.count({ where: unitChangeListWhere(ctx, args) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.unitChangeRequest.findMany({
        ...query,
        where: unitChangeListWhere(ctx, args),
        orderBy: { id: 'desc' },
      }),
  }),
  unitChangeReviewQueue: t.prismaConnection({
    type: 'UnitChangeRequest',
    cursor: 'id',
    description:
      '单位信息变更审核: the requests the office reviews, pending first, then the decided ones; each oldest first.',
    args: { statuses: t.arg({ type: [UnitChangeStatusEnum], required: false }) },
    totalCount: async (_p, { statuses }, ctx) =>
      ctx.prisma.unitChangeRequest.count({ where: await unitChangeReviewQueue.execute(ctx, statuses) }),
    resolve: async (query, _root, { statuses }, ctx) => {
      const where = await unitChangeReviewQueue.execute(ctx, statuses)
      // PENDING sorts first (the enum's declared order), then each status by id: a stable order for the cursor.
      return ctx.prisma.unitChangeRequest.findMany({
        ...query,
        where,
        orderBy: [{ status: 'asc' }, { id: 'asc' }],
      })
    },
  }),
}))

const reloadRequest = (ctx: Context, query: object, id: number) =>
  ctx.prisma.unitChangeRequest.findUniqueOrThrow({
    ...(query as Prisma.UnitChangeRequestFindUniqueOrThrowArgs),
    where: { id },
  })

builder.mutationFields((t) => ({
  requestUnitChange: t.prismaField({
    type: 'UnitChangeRequest',
    description:
      '申请变更单位信息 (unit users, own unit): only the facts that change are kept; the same-level office reviews it. One may wait per unit.',
    args: { input: t.arg({ type: RequestUnitChangeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await requestUnitChange.execute(ctx, input)),
  }),
  withdrawUnitChange: t.prismaField({
    type: 'UnitChangeRequest',
    description: '撤回 a PENDING request (unit users, own unit).',
    args: { input: t.arg({ type: WithdrawUnitChangeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await withdrawUnitChange.execute(ctx, input)),
  }),
  reviewUnitChange: t.prismaField({
    type: 'UnitChangeRequest',
    description:
      'The unit’s same-level office approves (the unit’s facts change at once, also on /verify) or rejects with a note.',
    args: { input: t.arg({ type: ReviewUnitChangeInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reloadRequest(ctx, query, await reviewUnitChange.execute(ctx, input)),
  }),
}))
