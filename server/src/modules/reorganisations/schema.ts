// 机构改革: reorganisation requests (rename, merge, split, abolish), their dry run, review and history, and each
// unit's succession. Each command and query is a file of its own (commands/, queries/) with its policy at the top;
// this file only translates.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import { badInput } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { ReorganisationKind, ReorganisationStatus } from '../../generated/prisma/enums.ts'
import { unitScope } from '../../lib/scope.ts'
import { actingUserId, officeScopeOf } from '../../viewer.ts'
import { multiLineText } from '../../validation/text.ts'
import { SystemCategoryEnum, UnitTypeEnum } from '../units/schema.ts'
import { proposeReorganisation } from './commands/propose-reorganisation.ts'
import { reviewReorganisation } from './commands/review-reorganisation.ts'
import { withdrawReorganisation } from './commands/withdraw-reorganisation.ts'
import {
  objectsOf,
  OBJECT_TYPES,
  type NewUnitFacts,
  type ReorganisationPlan,
  type ReorganisedObjectType,
} from './plan.ts'
import { reorganisationDryRun, type DryRunObject, type DryRunResult } from './queries/reorganisation-dry-run.ts'
import { reorganisationScope, requestInScope } from './targets.ts'

export const ReorganisationKindEnum = builder.enumType(ReorganisationKind, {
  name: 'ReorganisationKind',
  description: 'RENAME 更名, MERGE 合并, SPLIT 拆分, ABOLISH 撤销',
})
export const ReorganisationStatusEnum = builder.enumType(ReorganisationStatus, {
  name: 'ReorganisationStatus',
  description: 'PENDING 待审核, APPROVED 审核通过, REJECTED 审核未通过, WITHDRAWN 已撤回, CARRIED_OUT 已实施',
})
const ReorganisedObjectTypeEnum = builder.enumType('ReorganisedObjectType', {
  description: 'DOMAIN 域名, BADGE 网站标识, SITE_APPLICATION 网站开办申请, MICRO_SITE 微网站, USER 用户',
  values: OBJECT_TYPES,
})
const ReorganisationActionEnum = builder.enumType('ReorganisationAction', {
  description: 'MOVE 划转到目标单位, CANCEL 注销',
  values: ['MOVE', 'CANCEL'] as const,
})

// --- Plan input ------------------------------------------------------------------------------------------------
const NewUnitFactsInput = builder.inputType('NewUnitFactsInput', {
  description: '新设单位: its registered facts (the handler’s 身份证号 is added later by 经办人交接 or 单位信息变更).',
  fields: (t) => ({
    name: t.string({ required: true }),
    creditCode: t.string({ required: true }),
    regionCode: t.string({ required: true }),
    type: t.field({ type: UnitTypeEnum, required: true }),
    systemCategory: t.field({ type: SystemCategoryEnum, required: true }),
    address: t.string({ required: true }),
    postcode: t.string({ required: true }),
    handlerName: t.string({ required: true }),
    handlerMobile: t.string({ required: true }),
    handlerEmail: t.string({ required: true }),
  }),
})
const ReorganisationTargetInput = builder.inputType('ReorganisationTargetInput', {
  description: 'A target unit: exactly one of existingUnitId and newUnit.',
  fields: (t) => ({
    ref: t.string({ required: true, description: 'T1, T2 …: how assignments name it' }),
    existingUnitId: t.id({ required: false }),
    newUnit: t.field({ type: NewUnitFactsInput, required: false }),
  }),
})
const ReorganisationAssignmentInput = builder.inputType('ReorganisationAssignmentInput', {
  fields: (t) => ({
    objectType: t.field({ type: ReorganisedObjectTypeEnum, required: true }),
    objectId: t.id({ required: true }),
    action: t.field({ type: ReorganisationActionEnum, required: true }),
    targetRef: t.string({ required: false, description: 'For MOVE: the target’s ref' }),
  }),
})
const ReorganisationPlanInput = builder.inputType('ReorganisationPlanInput', {
  fields: (t) => ({
    kind: t.field({ type: ReorganisationKindEnum, required: true }),
    effectiveDate: t.string({ required: true, description: 'YYYY-MM-DD (Beijing), not in the future' }),
    sourceUnitIds: t.idList({ required: true }),
    targets: t.field({ type: [ReorganisationTargetInput], required: true }),
    newName: t.string({ required: false, description: 'RENAME only: the new name' }),
    assignments: t.field({
      type: [ReorganisationAssignmentInput],
      required: true,
      description: 'Where every object of the source units goes, each exactly once (RENAME: may be empty)',
    }),
    note: t.string({ required: true, description: '改革依据, 2-500 characters', ...multiLineText() }),
  }),
})

const MAX_ROWS = 5000
const toId = (raw: string | number) => {
  const id = Number(raw)
  return Number.isSafeInteger(id) ? id : -1
}

/** The input as a plan (ids as numbers; an id that is no number points at nothing and shows as a problem). */
function planOf(input: typeof ReorganisationPlanInput.$inferInput): ReorganisationPlan {
  if (input.assignments.length > MAX_ROWS || input.targets.length > 100 || input.sourceUnitIds.length > 100)
    throw badInput('方案过大，请分批办理', { assignments: `去向表不超过 ${MAX_ROWS} 行` })
  return {
    kind: input.kind,
    effectiveDate: input.effectiveDate.trim(),
    sourceUnitIds: input.sourceUnitIds.map(toId),
    targets: input.targets.map((t) => ({
      ref: t.ref.trim(),
      ...(t.existingUnitId != null ? { existingUnitId: toId(t.existingUnitId) } : {}),
      ...(t.newUnit ? { newUnit: { ...t.newUnit } as NewUnitFacts } : {}),
    })),
    ...(input.newName != null ? { newName: input.newName } : {}),
    assignments: input.assignments.map((a) => ({
      objectType: a.objectType as ReorganisedObjectType,
      objectId: toId(a.objectId),
      action: a.action,
      ...(a.targetRef ? { targetRef: a.targetRef.trim() } : {}),
    })),
    note: input.note,
  }
}

// --- Output ----------------------------------------------------------------------------------------------------
const PlanProblemRef = builder
  .objectRef<{ path: string; code: string; message: string }>('ReorganisationProblem')
  .implement({
    fields: (t) => ({
      path: t.exposeString('path', {
        description: 'Where: assignments[3], targets[0].newUnit.name, objects.DOMAIN.12 …',
      }),
      code: t.exposeString('code'),
      message: t.exposeString('message'),
    }),
  })

interface ObjectRow {
  objectType: ReorganisedObjectType
  objectId: number
  label: string
  unitId: number
  unitName: string
  action: 'MOVE' | 'CANCEL' | null
  targetRef: string | null
  targetName: string | null
  listedTimes: number
}
const ReorganisationObjectRef = builder.objectRef<ObjectRow>('ReorganisationObject').implement({
  description: 'One object of a source unit and where the plan sends it.',
  fields: (t) => ({
    objectType: t.field({ type: ReorganisedObjectTypeEnum, resolve: (o) => o.objectType }),
    objectId: t.id({ resolve: (o) => o.objectId }),
    label: t.exposeString('label'),
    unitId: t.id({ resolve: (o) => o.unitId }),
    unitName: t.exposeString('unitName', { description: 'The source unit that holds it' }),
    action: t.field({
      type: ReorganisationActionEnum,
      nullable: true,
      resolve: (o) => o.action,
      description: 'Null: not listed',
    }),
    targetRef: t.exposeString('targetRef', { nullable: true }),
    targetName: t.exposeString('targetName', { nullable: true }),
    listedTimes: t.exposeInt('listedTimes'),
  }),
})

const ReviewOfficeRef = builder
  .objectRef<{ id: number; name: string; crossArea: boolean }>('ReorganisationReviewOffice')
  .implement({
    fields: (t) => ({
      id: t.id({ resolve: (o) => o.id }),
      name: t.exposeString('name'),
      crossArea: t.exposeBoolean('crossArea', { description: 'True: a target lies outside the filing office’s area' }),
    }),
  })

const DryRunRef = builder
  .objectRef<DryRunResult & { targetNames: Map<string, string> }>('ReorganisationDryRun')
  .implement({
    fields: (t) => ({
      valid: t.boolean({ resolve: (r) => r.problems.length === 0 }),
      problems: t.field({ type: [PlanProblemRef], resolve: (r) => r.problems }),
      objects: t.field({
        type: [ReorganisationObjectRef],
        description: 'Every object of the (visible) source units, with where the plan sends it',
        resolve: (r) =>
          r.objects.map((o: DryRunObject) => ({
            ...o,
            targetName: o.targetRef ? (r.targetNames.get(o.targetRef) ?? null) : null,
          })),
      }),
      reviewOffice: t.field({ type: ReviewOfficeRef, nullable: true, resolve: (r) => r.reviewOffice }),
    }),
  })

const TargetRef = builder
  .objectRef<{ ref: string; unitId: number | null; name: string; regionCode: string | null; isNew: boolean }>(
    'ReorganisationTarget',
  )
  .implement({
    fields: (t) => ({
      ref: t.exposeString('ref'),
      unitId: t.id({ nullable: true, resolve: (x) => x.unitId, description: 'The unit (a new one: once carried out)' }),
      name: t.exposeString('name'),
      regionCode: t.exposeString('regionCode', { nullable: true }),
      isNew: t.exposeBoolean('isNew'),
    }),
  })

type RequestRow = Prisma.UnitReorganisationGetPayload<object>
const planOfRow = (row: RequestRow) => row.plan as unknown as ReorganisationPlan

async function targetsOf(ctx: Context, row: RequestRow) {
  const plan = planOfRow(row)
  const existing = await ctx.prisma.unit.findMany({
    where: { id: { in: plan.targets.flatMap((t) => (t.existingUnitId != null ? [t.existingUnitId] : [])) } },
    select: { id: true, name: true, regionCode: true },
  })
  const created =
    row.status === 'CARRIED_OUT'
      ? await ctx.prisma.unit.findMany({
          where: { name: { in: plan.targets.flatMap((t) => (t.newUnit ? [t.newUnit.name.trim()] : [])) } },
          select: { id: true, name: true },
        })
      : []
  return plan.targets.map((t) => {
    if (t.existingUnitId != null) {
      const unit = existing.find((u) => u.id === t.existingUnitId)
      return {
        ref: t.ref,
        unitId: t.existingUnitId,
        name: unit?.name ?? '',
        regionCode: unit?.regionCode ?? null,
        isNew: false,
      }
    }
    const name = t.newUnit!.name.trim()
    return {
      ref: t.ref,
      unitId: created.find((u) => u.name === name)?.id ?? null,
      name,
      regionCode: t.newUnit!.regionCode,
      isNew: true,
    }
  })
}

const displayName = async (ctx: Context, id: number | null) =>
  id == null
    ? null
    : ((await ctx.prisma.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null)

builder.prismaObject('UnitReorganisation', {
  description: '机构改革申请: one reviewed rename, merge, split or abolition with the place of every object.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ReorganisationKindEnum }),
    status: t.expose('status', { type: ReorganisationStatusEnum }),
    version: t.exposeInt('version'),
    effectiveDate: t.string({ description: 'YYYY-MM-DD', resolve: (r) => r.effectiveDate.toISOString().slice(0, 10) }),
    note: t.exposeString('note'),
    newName: t.string({ nullable: true, resolve: (r) => planOfRow(r).newName ?? null }),
    initiatingOffice: t.relation('initiatingOffice'),
    reviewOffice: t.relation('reviewOffice'),
    requestedAt: t.expose('createdAt', { type: 'DateTime' }),
    requestedByName: t.string({ nullable: true, resolve: (r, _a, ctx) => displayName(ctx, r.requestedById) }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime', nullable: true }),
    decidedByName: t.string({ nullable: true, resolve: (r, _a, ctx) => displayName(ctx, r.decidedById) }),
    decisionNote: t.exposeString('decisionNote', { nullable: true }),
    sourceUnitNames: t.stringList({
      resolve: async (r, _a, ctx) =>
        (
          await ctx.prisma.unit.findMany({
            where: { id: { in: r.sourceUnitIds } },
            select: { name: true },
            orderBy: { id: 'asc' },
          })
        ).map((u) => u.name),
    }),
    targets: t.field({ type: [TargetRef], resolve: (r, _a, ctx) => targetsOf(ctx, r) }),
    objects: t.field({
      type: [ReorganisationObjectRef],
      description: 'Every object with where it goes: as planned (pending), or as carried out.',
      resolve: async (r, _a, ctx) => objectRowsOf(ctx, r),
    }),
    movedCount: t.int({ nullable: true, resolve: (r) => (r.outcome as { moved?: number } | null)?.moved ?? null }),
    cancelledCount: t.int({
      nullable: true,
      resolve: (r) => (r.outcome as { cancelled?: number } | null)?.cancelled ?? null,
    }),
    viewerMayReview: t.boolean({
      description:
        'Whether the viewer is staff of the review office and (within one office) not the person who filed it',
      resolve: (r, _a, ctx) => {
        const office = officeScopeOf(ctx.viewer)
        if (r.status !== 'PENDING' || !office || office.officeId !== r.reviewOfficeId) return false
        return !(r.reviewOfficeId === r.initiatingOfficeId && r.requestedById === actingUserId(ctx.viewer))
      },
    }),
    viewerMayWithdraw: t.boolean({
      resolve: (r, _a, ctx) => r.status === 'PENDING' && officeScopeOf(ctx.viewer)?.officeId === r.initiatingOfficeId,
    }),
  }),
})

async function objectRowsOf(ctx: Context, r: RequestRow): Promise<ObjectRow[]> {
  const plan = planOfRow(r)
  const targets = await targetsOf(ctx, r)
  const targetName = (ref: string | null | undefined) =>
    ref ? (targets.find((t) => t.ref === ref)?.name ?? null) : null
  const units = await ctx.prisma.unit.findMany({
    where: { id: { in: r.sourceUnitIds } },
    select: { id: true, name: true },
  })
  const unitName = (id: number) => units.find((u) => u.id === id)?.name ?? ''
  if (r.status === 'CARRIED_OUT') {
    const rows = await ctx.prisma.reorganisedObject.findMany({
      where: { reorganisationId: r.id },
      orderBy: { id: 'asc' },
    })
    return rows.map((o) => {
      const a = plan.assignments.find((x) => x.objectType === o.objectType && x.objectId === o.objectId)
      return {
        objectType: o.objectType as ReorganisedObjectType,
        objectId: o.objectId,
        label: o.label,
        unitId: o.fromUnitId,
        unitName: unitName(o.fromUnitId),
        action: o.toUnitId == null ? 'CANCEL' : 'MOVE',
        targetRef: a?.targetRef ?? null,
        targetName: targetName(a?.targetRef),
        listedTimes: 1,
      }
    })
  }
  const objects = await objectsOf(ctx.prisma, r.sourceUnitIds)
  return objects.map((o) => {
    const a = plan.assignments.find((x) => x.objectType === o.objectType && x.objectId === o.objectId)
    return {
      ...o,
      unitName: unitName(o.unitId),
      action: a?.action ?? null,
      targetRef: a?.targetRef ?? null,
      targetName: targetName(a?.targetRef),
      listedTimes: a ? 1 : 0,
    }
  })
}

// --- A unit's history -------------------------------------------------------------------------------------------
builder.prismaObject('UnitSuccession', {
  description: '单位沿革: the predecessor became (part of) the successor on the effective date.',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.expose('kind', { type: ReorganisationKindEnum }),
    effectiveDate: t.string({ resolve: (s) => s.effectiveDate.toISOString().slice(0, 10) }),
    predecessorUnitId: t.id({ resolve: (s) => s.predecessorUnitId }),
    predecessorName: t.exposeString('predecessorName'),
    successorUnitId: t.id({ nullable: true, resolve: (s) => s.successorUnitId }),
    successorName: t.exposeString('successorName', { nullable: true }),
    reorganisationId: t.id({ resolve: (s) => s.reorganisationId }),
  }),
})

builder.prismaObjectFields('Unit', (t) => ({
  successions: t.prismaField({
    type: ['UnitSuccession'],
    description: '单位沿革: the reorganisations the unit took part in, as predecessor or successor, oldest first.',
    resolve: (query, unit, _args, ctx) =>
      ctx.prisma.unitSuccession.findMany({
        ...query,
        where: { OR: [{ predecessorUnitId: unit.id }, { successorUnitId: unit.id }] },
        orderBy: [{ effectiveDate: 'asc' }, { id: 'asc' }],
      }),
  }),
}))

// --- Root fields ---------------------------------------------------------------------------------------------------
const listWhere = (
  ctx: Context,
  statuses: readonly ReorganisationStatus[] | null | undefined,
  unitId?: string | null,
) => {
  const where: Prisma.UnitReorganisationWhereInput[] = [reorganisationScope(ctx.viewer)]
  if (statuses?.length) where.push({ status: { in: [...statuses] } })
  if (unitId != null) where.push({ sourceUnitIds: { has: toId(unitId) } })
  return { AND: where }
}

builder.queryFields((t) => ({
  unitReorganisations: t.prismaConnection({
    type: 'UnitReorganisation',
    cursor: 'id',
    description: '机构改革申请 the viewer’s office (or one below it) filed or reviews; CONAC all. Newest first.',
    args: {
      statuses: t.arg({ type: [ReorganisationStatusEnum], required: false }),
      sourceUnitId: t.arg.id({ required: false, description: 'Only requests with this source unit' }),
    },
    totalCount: (_p, args, ctx) =>
      ctx.prisma.unitReorganisation.count({ where: listWhere(ctx, args.statuses, args.sourceUnitId) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.unitReorganisation.findMany({
        ...query,
        where: listWhere(ctx, args.statuses, args.sourceUnitId),
        orderBy: { id: 'desc' },
      }),
  }),
  unitReorganisation: t.prismaField({
    type: 'UnitReorganisation',
    nullable: true,
    description: 'One 机构改革申请 the viewer may see; null otherwise.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (query, _root, { id }, ctx) =>
      ctx.prisma.unitReorganisation.findFirst({
        ...query,
        where: { AND: [{ id: toId(id) }, reorganisationScope(ctx.viewer)] },
      }),
  }),
  reorganisationDryRun: t.field({
    type: DryRunRef,
    description: '试运行: every problem of the plan and the table of every object of its source units; writes nothing.',
    args: { plan: t.arg({ type: ReorganisationPlanInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const plan = planOf(args.plan)
      const result = await reorganisationDryRun.execute(ctx, plan)
      const existing = await ctx.prisma.unit.findMany({
        where: {
          AND: [
            { id: { in: plan.targets.flatMap((x) => (x.existingUnitId != null ? [x.existingUnitId] : [])) } },
            unitScope(ctx.viewer),
          ],
        },
        select: { id: true, name: true },
      })
      const targetNames = new Map(
        plan.targets.map((x) => [
          x.ref,
          x.newUnit ? String(x.newUnit.name).trim() : (existing.find((u) => u.id === x.existingUnitId)?.name ?? ''),
        ]),
      )
      return { ...result, targetNames }
    },
  }),
}))

const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.unitReorganisation.findUniqueOrThrow({
    ...(query as Prisma.UnitReorganisationFindUniqueOrThrowArgs),
    where: { id },
  })

const WithdrawReorganisationInput = builder.inputType('WithdrawReorganisationInput', {
  fields: (t) => ({ id: t.id({ required: true }), version: t.int({ required: false }) }),
})
const ReviewReorganisationInput = builder.inputType('ReviewReorganisationInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: false, description: 'The request’s version the reviewer saw' }),
    approve: t.boolean({ required: true }),
    note: t.string({
      required: false,
      description: '审核意见: 2-500 characters, required when approve is false',
      ...multiLineText(),
    }),
  }),
})

builder.mutationFields((t) => ({
  proposeReorganisation: t.prismaField({
    type: 'UnitReorganisation',
    description: '提交机构改革申请: refused (BAD_INPUT, extensions.problems) when the dry run finds any problem.',
    args: { input: t.arg({ type: ReorganisationPlanInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await proposeReorganisation.execute(ctx, planOf(input))),
  }),
  withdrawReorganisation: t.prismaField({
    type: 'UnitReorganisation',
    description: '撤回 a PENDING request (the filing office).',
    args: { input: t.arg({ type: WithdrawReorganisationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await withdrawReorganisation.execute(ctx, input)),
  }),
  reviewReorganisation: t.prismaField({
    type: 'UnitReorganisation',
    description: '审核: approve (the plan is carried out at once, all or nothing) or reject with a note.',
    args: { input: t.arg({ type: ReviewReorganisationInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => reload(ctx, query, await reviewReorganisation.execute(ctx, input)),
  }),
}))

export { requestInScope }
