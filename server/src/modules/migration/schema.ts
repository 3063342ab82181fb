// 数据迁移 for CONAC's page: runs (status, files, progress, counts per kind, the refused rows page by page) and the
// commands that move them. Each command is a file of its own (commands/) with its policy at the top; this file
// only translates. Files are uploaded and the report downloaded over plain HTTP (http/migration.ts).
import { builder } from '../../builder.ts'
import { authorize } from '../../commands/policy.ts'
import { notFound } from '../../errors.ts'
import type { Context } from '../../context.ts'
import type { MigrationRun, Prisma } from '../../generated/prisma/client.ts'
import { MigrationRunStatus, MigrationSource } from '../../generated/prisma/enums.ts'
import { parseId } from '../../lib/rowId.ts'
import { commitMigrationRun } from './commands/commit-migration-run.ts'
import { createMigrationRun } from './commands/create-migration-run.ts'
import { removeMigrationUpload } from './commands/remove-migration-upload.ts'
import { validateMigrationRun } from './commands/validate-migration-run.ts'
import { MIGRATION_READ_POLICY } from './policy.ts'
import { claimableFrom, isLive, type RunFileEntry, type RunKindCounts } from './run.ts'
import { KIND_ORDER, TEMPLATES, type FileKind, type Progress } from './templates.ts'

export const MigrationRunStatusEnum = builder.enumType(MigrationRunStatus, {
  name: 'MigrationRunStatus',
  description:
    'UPLOADED 待校验, VALIDATING 校验中, VALIDATED 已校验 (a dry run ends here), COMMITTING 导入中, COMMITTED 已导入, ' +
    'FAILED 失败 (the error is kept; a commit resumes after its committed batches)',
})

const MigrationSourceEnum = builder.enumType(MigrationSource, {
  name: 'MigrationSource',
  description: 'CLI 命令行 (npm run import), PORTAL 管理页面',
})

const MigrationFileKindEnum = builder.enumType('MigrationFileKind', {
  description:
    'The import templates (docs/migration/): 编办, 编办人员, 注册单位, 域名, 解析记录, 网站标识, 网站开办申请, 编办余额, 发票库存',
  values: Object.fromEntries(KIND_ORDER.map((kind) => [kind, { description: TEMPLATES[kind].fileName }])) as Record<
    FileKind,
    { description: string }
  >,
})

const PHASE_TEXT: Record<Progress['phase'], string> = {
  reading: '读取文件',
  validating: '校验',
  committing: '写入',
  finishing: '收尾（统计）',
}

interface RunFileShape {
  uploadId: number | null
  fileName: string
  kind: FileKind | null
  size: number
  rows: number | null
}

const RunFileRef = builder.objectRef<RunFileShape>('MigrationRunFile').implement({
  description: 'One file of a run: uploaded on the page, or read from disk by the CLI.',
  fields: (t) => ({
    uploadId: t.id({
      nullable: true,
      description: 'The upload (PORTAL runs); removeMigrationUpload takes it',
      resolve: (file) => file.uploadId,
    }),
    fileName: t.exposeString('fileName'),
    kind: t.field({ type: MigrationFileKindEnum, nullable: true, resolve: (file) => file.kind }),
    kindText: t.string({
      nullable: true,
      description: 'The template’s Chinese name, e.g. 注册单位; null when the kind was not recognised',
      resolve: (file) => (file.kind ? TEMPLATES[file.kind].fileName : null),
    }),
    size: t.exposeInt('size', { description: 'Bytes' }),
    rows: t.exposeInt('rows', { nullable: true, description: 'Data rows, once the run has read (or counted) it' }),
  }),
})

interface KindCountShape extends RunKindCounts {
  kind: FileKind
}

const KindCountRef = builder.objectRef<KindCountShape>('MigrationKindCount').implement({
  description: 'What the run found (and, once committed, wrote) per kind.',
  fields: (t) => ({
    kind: t.field({ type: MigrationFileKindEnum, resolve: (count) => count.kind }),
    kindText: t.string({ resolve: (count) => TEMPLATES[count.kind].fileName }),
    rows: t.exposeInt('rows', { description: 'Rows read' }),
    valid: t.exposeInt('valid', { description: 'Rows that passed validation' }),
    inserted: t.exposeInt('inserted', { description: '新增 (0 in a dry run)' }),
    updated: t.exposeInt('updated', { description: '更新 (0 in a dry run)' }),
    unchanged: t.exposeInt('unchanged', { description: '未变 (0 in a dry run)' }),
    refused: t.exposeInt('refused', { description: '拒绝: rows with at least one problem' }),
  }),
})

builder.prismaObject('MigrationProblem', {
  description: 'A refused row: 文件, 行号 (the header is row 1; 0 for the whole file), 列 and 中文原因.',
  fields: (t) => ({
    id: t.id({ resolve: (problem) => String(problem.id) }),
    fileName: t.exposeString('fileName'),
    row: t.exposeInt('row'),
    column: t.exposeString('column', { description: 'The header’s text; empty for the row or the file' }),
    message: t.exposeString('message'),
  }),
})

const rate = (run: MigrationRun): number => {
  if (!isLive(run) || !run.startedAt || !run.heartbeatAt || !run.rowsDone) return 0
  const seconds = (run.heartbeatAt.getTime() - run.startedAt.getTime()) / 1000
  return seconds > 0.5 ? Math.round(run.rowsDone / seconds) : 0
}

builder.prismaObject('MigrationRun', {
  description: '数据迁移 One import run: from CONAC’s page or the CLI; a dry run, or a commit.',
  fields: (t) => ({
    id: t.exposeID('id'),
    source: t.expose('source', { type: MigrationSourceEnum }),
    status: t.expose('status', { type: MigrationRunStatusEnum }),
    dryRun: t.exposeBoolean('dryRun', { description: 'The last pass was a dry run (nothing written)' }),
    version: t.exposeInt('version', { description: 'Send it back with validate/commit: a later upload changes it' }),
    createdByName: t.string({
      nullable: true,
      select: { createdById: true },
      resolve: async (run, _args, ctx) =>
        run.createdById == null
          ? null
          : ((await ctx.prisma.user.findUnique({ where: { id: run.createdById }, select: { displayName: true } }))
              ?.displayName ?? null),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    startedAt: t.expose('startedAt', { type: 'DateTime', nullable: true }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    interrupted: t.boolean({
      description: 'VALIDATING or COMMITTING but its heartbeat stopped: the process died (commit again to resume)',
      resolve: (run) => (run.status === 'VALIDATING' || run.status === 'COMMITTING') && !isLive(run),
    }),
    files: t.field({
      type: [RunFileRef],
      resolve: async (run, _args, ctx) => {
        const read = new Map(((run.files ?? []) as unknown as RunFileEntry[]).map((entry) => [entry.name, entry]))
        if (run.source === 'CLI')
          return [...read.values()].map((entry) => ({
            uploadId: null,
            fileName: entry.name,
            kind: entry.kind,
            size: entry.size,
            rows: entry.rows,
          }))
        const uploads = await ctx.prisma.migrationUpload.findMany({
          where: { runId: run.id },
          select: { id: true, fileName: true, kind: true, size: true },
          orderBy: { id: 'asc' },
        })
        return uploads.map((upload) => ({
          uploadId: upload.id,
          fileName: upload.fileName,
          kind: (KIND_ORDER as readonly string[]).includes(upload.kind) ? (upload.kind as FileKind) : null,
          size: upload.size,
          rows: read.get(upload.fileName)?.rows ?? null,
        }))
      },
    }),
    phase: t.exposeString('phase', { nullable: true, description: 'reading, validating, committing, finishing' }),
    phaseText: t.string({
      nullable: true,
      resolve: (run) => (run.phase ? (PHASE_TEXT[run.phase as Progress['phase']] ?? null) : null),
    }),
    rowsDone: t.exposeInt('rowsDone'),
    rowsTotal: t.exposeInt('rowsTotal', { description: 'Rows of all files (an .xlsx is estimated until read)' }),
    percent: t.int({
      description: '0-100',
      resolve: (run) =>
        run.status === 'VALIDATED' || run.status === 'COMMITTED'
          ? 100
          : run.rowsTotal
            ? Math.min(99, Math.floor((run.rowsDone * 100) / run.rowsTotal))
            : 0,
    }),
    rowsPerSecond: t.int({ description: 'While it runs (0 otherwise)', resolve: (run) => rate(run) }),
    etaSeconds: t.int({
      nullable: true,
      description: 'Seconds left while it runs, from the pace so far',
      resolve: (run) => {
        const perSecond = rate(run)
        return perSecond ? Math.ceil(Math.max(0, run.rowsTotal - run.rowsDone) / perSecond) : null
      },
    }),
    counts: t.field({
      type: [KindCountRef],
      resolve: (run) => {
        const counts = (run.counts ?? {}) as Partial<Record<FileKind, RunKindCounts>>
        return KIND_ORDER.filter((kind) => counts[kind]).map((kind) => ({ kind, ...counts[kind]! }))
      },
    }),
    problemCount: t.exposeInt('problemCount', { description: 'Rows refused (each listed in problems)' }),
    problems: t.relatedConnection('problems', {
      cursor: 'id',
      totalCount: true,
      query: { orderBy: { id: 'asc' } },
      description: 'The refused rows in the order found (文件, 行号, 列, 原因); the XLSX has them all',
    }),
    error: t.exposeString('error', { nullable: true, description: 'Why it failed' }),
    canUpload: t.boolean({
      resolve: (run) => run.source === 'PORTAL' && !isLive(run) && ['UPLOADED', 'VALIDATED'].includes(run.status),
    }),
    canValidate: t.boolean({
      resolve: (run) => run.source === 'PORTAL' && claimableFrom(run, true) && run.status !== 'VALIDATING',
    }),
    canCommit: t.boolean({
      description: 'VALIDATED by a dry run, or a commit to resume (failed or interrupted)',
      resolve: (run) => run.source === 'PORTAL' && claimableFrom(run, false),
    }),
    reportPath: t.string({
      description: 'The 校验报告 download (XLSX), on the portal and the API alike',
      resolve: (run) => `/migration/runs/${run.id}/report.xlsx`,
    }),
  }),
})

const reload = (ctx: Context, query: object, id: number) =>
  ctx.prisma.migrationRun.findUniqueOrThrow({ ...(query as Prisma.MigrationRunFindUniqueOrThrowArgs), where: { id } })

builder.queryFields((t) => ({
  migrationRuns: t.prismaConnection({
    type: 'MigrationRun',
    cursor: 'id',
    description: '数据迁移 runs, newest first. CONAC 管理员.',
    totalCount: (_parent, _args, ctx) => {
      authorize(MIGRATION_READ_POLICY, ctx.viewer)
      return ctx.prisma.migrationRun.count()
    },
    resolve: (query, _root, _args, ctx) => {
      authorize(MIGRATION_READ_POLICY, ctx.viewer)
      return ctx.prisma.migrationRun.findMany({ ...query, orderBy: { id: 'desc' } })
    },
  }),
  migrationRun: t.prismaField({
    type: 'MigrationRun',
    description: 'One run with its files, progress, counts and refused rows. CONAC 管理员.',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      authorize(MIGRATION_READ_POLICY, ctx.viewer)
      const runId = parseId(id, '导入')
      const run = await ctx.prisma.migrationRun.findUnique({ ...query, where: { id: runId } })
      if (!run) throw notFound('导入')
      return run
    },
  }),
}))

builder.mutationFields((t) => ({
  createMigrationRun: t.prismaField({
    type: 'MigrationRun',
    description: '新建导入: a PORTAL run in UPLOADED; then POST its files to /migration/runs/<id>/files.',
    resolve: async (query, _root, _args, ctx) => reload(ctx, query, await createMigrationRun.execute(ctx, undefined)),
  }),
  validateMigrationRun: t.prismaField({
    type: 'MigrationRun',
    description: '校验 (dry run) in the background: poll migrationRun; nothing is written but the problems.',
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: false }) },
    resolve: async (query, _root, args, ctx) => reload(ctx, query, await validateMigrationRun.execute(ctx, args)),
  }),
  commitMigrationRun: t.prismaField({
    type: 'MigrationRun',
    description:
      '提交导入 of a VALIDATED run (the version it was validated at) in the background; also resumes a failed or ' +
      'interrupted commit.',
    args: { id: t.arg.id({ required: true }), version: t.arg.int({ required: true }) },
    resolve: async (query, _root, args, ctx) => reload(ctx, query, await commitMigrationRun.execute(ctx, args)),
  }),
  removeMigrationUpload: t.prismaField({
    type: 'MigrationRun',
    description: '移除 an uploaded file from a run not yet committed (the run is to be validated again).',
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) =>
      reload(ctx, query, await removeMigrationUpload.execute(ctx, { id: String(id) })),
  }),
}))
