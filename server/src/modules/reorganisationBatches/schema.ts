// 批量机构改革: the spreadsheet's dry run, the batch's submission, review and withdrawal, and its progress. Each
// command and query is a file of its own (commands/, queries/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { ReorganisationBatchRowStatus, ReorganisationBatchStatus } from '../../generated/prisma/enums.ts'
import { multiLineText, textRule } from '../../validation/text.ts'
import { reviewReorganisationBatch } from './commands/review-reorganisation-batch.ts'
import { submitReorganisationBatch } from './commands/submit-reorganisation-batch.ts'
import { withdrawReorganisationBatch } from './commands/withdraw-reorganisation-batch.ts'
import { KIND_TEXT } from './columns.ts'
import type { BatchProblem, DryRunRow } from './dryRun.ts'
import { reorganisationBatchDryRun } from './queries/reorganisation-batch-dry-run.ts'
import { batchInScope, batchScope } from './reads.ts'
import { MAX_BASE64_LENGTH } from './upload.ts'

export const ReorganisationBatchStatusEnum = builder.enumType(ReorganisationBatchStatus, {
  name: 'ReorganisationBatchStatus',
  description:
    'PENDING_REVIEW 待审核, APPROVED 待执行, RUNNING 执行中, COMPLETED 已完成, REJECTED 审核未通过, WITHDRAWN 已撤回',
})

export const ReorganisationBatchRowStatusEnum = builder.enumType(ReorganisationBatchRowStatus, {
  name: 'ReorganisationBatchRowStatus',
  description: 'PENDING 待执行, CARRIED_OUT 已执行, FAILED 执行失败 (the reason is given; the batch went on)',
})

const BatchProblemRef = builder.objectRef<BatchProblem>('ReorganisationBatchProblem').implement({
  description: 'One problem of the spreadsheet: the sheet, 行号 (0: the whole file or sheet), 列 and the reason.',
  fields: (t) => ({
    sheet: t.exposeString('sheet', { description: '改革事项 or 对象去向; empty for the whole file' }),
    row: t.exposeInt('row'),
    column: t.exposeString('column'),
    message: t.exposeString('message'),
  }),
})

const BatchRowSummaryRef = builder.objectRef<DryRunRow>('ReorganisationBatchRowSummary').implement({
  description: 'One reorganisation (a row of 改革事项) as the dry run read it.',
  fields: (t) => ({
    sequence: t.exposeInt('sequence', { description: '序号 (0 when the row has none)' }),
    sheetRow: t.exposeInt('sheetRow'),
    kindText: t.string({ nullable: true, resolve: (row) => (row.kind ? KIND_TEXT[row.kind] : null) }),
    summary: t.exposeString('summary'),
    objectCount: t.exposeInt('objectCount'),
    problemCount: t.exposeInt('problemCount'),
  }),
})

interface DryRunResult {
  fileName: string
  rowCount: number
  cleanCount: number
  problems: BatchProblem[]
  rows: DryRunRow[]
  reportXlsxBase64: string
}

const DryRunRef = builder.objectRef<DryRunResult>('ReorganisationBatchDryRun').implement({
  description: '试运行 report: nothing was written. Submit only when problems is empty.',
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    rowCount: t.exposeInt('rowCount'),
    cleanCount: t.exposeInt('cleanCount'),
    problems: t.field({ type: [BatchProblemRef], resolve: (report) => report.problems }),
    rows: t.field({ type: [BatchRowSummaryRef], resolve: (report) => report.rows }),
    reportXlsxBase64: t.exposeString('reportXlsxBase64', { description: 'The report as an .xlsx file, base64' }),
  }),
})

builder.prismaObject('ReorganisationBatchRow', {
  description: 'One reorganisation of a batch and whether it was carried out.',
  fields: (t) => ({
    id: t.exposeID('id'),
    sequence: t.exposeInt('sequence'),
    sheetRow: t.exposeInt('sheetRow'),
    kindText: t.string({ resolve: (row) => KIND_TEXT[row.kind as keyof typeof KIND_TEXT] ?? row.kind }),
    status: t.expose('status', { type: ReorganisationBatchRowStatusEnum }),
    failure: t.exposeString('failure', { nullable: true }),
    reorganisationId: t.exposeInt('reorganisationId', { nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
})

const officeName = async (ctx: Context, id: number) =>
  (await ctx.prisma.office.findUnique({ where: { id }, select: { name: true } }))?.name ?? ''
const userName = async (ctx: Context, id: number | null) =>
  id == null
    ? null
    : ((await ctx.prisma.user.findUnique({ where: { id }, select: { displayName: true } }))?.displayName ?? null)

builder.prismaObject('ReorganisationBatch', {
  description: '批量机构改革: one spreadsheet of reorganisations, reviewed as a whole and carried out row by row.',
  fields: (t) => ({
    id: t.exposeID('id'),
    fileName: t.exposeString('fileName'),
    status: t.expose('status', { type: ReorganisationBatchStatusEnum }),
    version: t.exposeInt('version'),
    officeName: t.string({ resolve: (batch, _a, ctx) => officeName(ctx, batch.officeId) }),
    reviewOfficeName: t.string({ resolve: (batch, _a, ctx) => officeName(ctx, batch.reviewOfficeId) }),
    uploadedByName: t.string({ nullable: true, resolve: (batch, _a, ctx) => userName(ctx, batch.uploadedById) }),
    reviewedByName: t.string({ nullable: true, resolve: (batch, _a, ctx) => userName(ctx, batch.reviewedById) }),
    canReview: t.boolean({
      description: 'Whether the viewer may approve or reject it now',
      resolve: (batch, _a, ctx) =>
        batch.status === 'PENDING_REVIEW' &&
        ctx.viewer.kind === 'user' &&
        ctx.viewer.office?.officeId === batch.reviewOfficeId &&
        ctx.viewer.userId !== batch.uploadedById,
    }),
    canWithdraw: t.boolean({
      resolve: (batch, _a, ctx) =>
        batch.status === 'PENDING_REVIEW' &&
        ctx.viewer.kind === 'user' &&
        ctx.viewer.office?.officeId === batch.officeId,
    }),
    rowCount: t.exposeInt('rowCount'),
    doneCount: t.exposeInt('doneCount', { description: 'Rows carried out' }),
    failedCount: t.exposeInt('failedCount', { description: 'Rows that failed at carry-out (each with its reason)' }),
    percent: t.int({
      description: 'Rows finished (carried out or failed) of all, 0-100',
      resolve: (batch) => Math.floor(((batch.doneCount + batch.failedCount) * 100) / batch.rowCount),
    }),
    etaSeconds: t.int({
      nullable: true,
      description: 'Estimated seconds to the end while RUNNING, from the pace so far',
      resolve: (batch) => {
        const finished = batch.doneCount + batch.failedCount
        if (batch.status !== 'RUNNING' || !batch.startedAt || !finished) return null
        const elapsed = (Date.now() - batch.startedAt.getTime()) / 1000
        return Math.ceil((elapsed / finished) * (batch.rowCount - finished))
      },
    }),
    reviewNote: t.exposeString('reviewNote', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reviewedAt: t.expose('reviewedAt', { type: 'DateTime', nullable: true }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    summaries: t.field({
      type: [BatchRowSummaryRef],
      description: 'The rows as the dry run read them at submission (序号, 内容)',
      resolve: (batch) => (batch.report as unknown as { rows?: DryRunRow[] }).rows ?? [],
    }),
    rows: t.relation('rows', {
      args: { statuses: t.arg({ type: [ReorganisationBatchRowStatusEnum], required: false }) },
      query: (args) => ({
        where: args.statuses?.length ? { status: { in: [...args.statuses] } } : {},
        orderBy: { sequence: 'asc' },
      }),
    }),
  }),
})

const UploadInput = builder.inputType('ReorganisationBatchUploadInput', {
  fields: (t) => ({
    fileName: t.string({ required: true, description: '*.xlsx or *.csv', ...textRule({ maxLength: 255 }) }),
    contentBase64: t.string({
      required: true,
      description: 'The file, base64 (at most the request body limit, about 70 KB of file)',
      ...textRule({ kind: 'base64', maxLength: MAX_BASE64_LENGTH }),
    }),
  }),
})

const ReviewInput = builder.inputType('ReviewReorganisationBatchInput', {
  fields: (t) => ({
    id: t.id({ required: true }),
    version: t.int({ required: false }),
    approve: t.boolean({ required: true }),
    note: t.string({ required: false, description: '审核意见: required (2-500) to reject', ...multiLineText() }),
  }),
})

builder.queryFields((t) => ({
  reorganisationBatchDryRun: t.field({
    type: DryRunRef,
    description: '试运行 of a 批量机构改革 spreadsheet: every row planned and validated; nothing is written.',
    args: { input: t.arg({ type: UploadInput, required: true }) },
    resolve: (_root, { input }, ctx) => reorganisationBatchDryRun.execute(ctx, input),
  }),
  reorganisationBatches: t.prismaConnection({
    type: 'ReorganisationBatch',
    cursor: 'id',
    description: '批量机构改革 the viewer uploaded or reviews (CONAC all), newest first.',
    args: { statuses: t.arg({ type: [ReorganisationBatchStatusEnum], required: false }) },
    totalCount: (_p, args, ctx) => ctx.prisma.reorganisationBatch.count({ where: listWhere(ctx, args.statuses) }),
    resolve: (query, _root, args, ctx) =>
      ctx.prisma.reorganisationBatch.findMany({
        ...query,
        where: listWhere(ctx, args.statuses),
        orderBy: { id: 'desc' },
      }),
  }),
  reorganisationBatch: t.prismaField({
    type: 'ReorganisationBatch',
    description: 'One batch with its rows and progress.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => reload(ctx, query, (await batchInScope(ctx, id)).id),
  }),
}))

const listWhere = (
  ctx: Context,
  statuses: readonly ReorganisationBatchStatus[] | null | undefined,
): Prisma.ReorganisationBatchWhereInput => ({
  AND: [batchScope(ctx), statuses?.length ? { status: { in: [...statuses] } } : {}],
})

const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.reorganisationBatch.findUniqueOrThrow({
    ...(query as Prisma.ReorganisationBatchFindUniqueOrThrowArgs),
    where: { id },
  })

builder.mutationFields((t) => ({
  submitReorganisationBatch: t.prismaField({
    type: 'ReorganisationBatch',
    description: '提交 a spreadsheet whose dry run is clean (checked again here); the office above reviews it.',
    args: { input: t.arg({ type: UploadInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await submitReorganisationBatch.execute(ctx, input)),
  }),
  reviewReorganisationBatch: t.prismaField({
    type: 'ReorganisationBatch',
    description: '审核: approve (the carry-out job starts) or reject with a reason.',
    args: { input: t.arg({ type: ReviewInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) =>
      reload(ctx, query, await reviewReorganisationBatch.execute(ctx, input)),
  }),
  withdrawReorganisationBatch: t.prismaField({
    type: 'ReorganisationBatch',
    description: '撤回 a batch waiting for review (the uploading office).',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) =>
      reload(ctx, query, await withdrawReorganisationBatch.execute(ctx, { id })),
  }),
}))
