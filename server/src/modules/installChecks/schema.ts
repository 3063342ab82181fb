// 标识安装检测: the installation fields of Badge, the check history, the overdue list (逾期未安装) and the two
// mutations (a CONAC run over all self-built sites; 立即检测 of one badge). Each command and query is a file of its
// own (commands/, queries/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import type { JobRun, Prisma } from '../../generated/prisma/client.ts'
import { JobStatusEnum } from '../fees/schema.ts'
import { checkBadgeInstallation } from './commands/check-badge-installation.ts'
import { runInstallChecks } from './commands/run-install-checks.ts'
import { badgeInstallation } from './queries/badge-installation.ts'
import { overdueBadgeInstallations } from './queries/overdue-badge-installations.ts'
import { isQueued } from './manualRun.ts'
import { latestInstallCheckRun } from './queries/latest-install-check-run.ts'
import { progressOf } from './recorder.ts'
import { isInstallOverdue } from './runs.ts'

const MAX_CHECKS = 50

builder.prismaObject('BadgeInstallCheck', {
  description: '一次标识安装检测: GET http://<englishDomain>/ and look for the badge script before </body>.',
  fields: (t) => ({
    id: t.exposeID('id'),
    url: t.exposeString('url', { description: 'The last address requested (after redirects within the domain)' }),
    checkedAt: t.expose('checkedAt', { type: 'DateTime' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true, description: 'null when the site did not answer' }),
    snippetFound: t.exposeBoolean('snippetFound'),
    detail: t.exposeString('detail', {
      nullable: true,
      description:
        'In Chinese, e.g. 已找到标识代码, 未找到标识代码, 连接超时, 跳转到其他域名：…, HTTP 状态 500, 域名解析到非公网地址，已拒绝检测 (only public addresses on ports 80 and 443 are checked)',
    }),
  }),
})

builder.prismaObjectFields('Badge', (t) => ({
  installedAt: t.expose('installedAt', {
    type: 'DateTime',
    nullable: true,
    description: '已安装: the first check that found the snippet (never cleared)',
  }),
  lastCheckedAt: t.expose('lastCheckedAt', { type: 'DateTime', nullable: true }),
  lastCheckFound: t.exposeBoolean('lastCheckFound', {
    nullable: true,
    description: 'Whether the latest check found the snippet',
  }),
  installOverdue: t.boolean({
    description: '已逾期: ACTIVE, SELF_BUILT, past installDeadline and never found installed',
    select: { status: true, placement: true, installDeadline: true, installedAt: true },
    resolve: (badge) => isInstallOverdue(badge),
  }),
  installChecks: t.relation('installChecks', {
    description: `The latest checks, newest first (at most ${MAX_CHECKS})`,
    args: { first: t.arg.int({ required: false, description: `Default 10, at most ${MAX_CHECKS}` }) },
    query: ({ first }) => ({
      orderBy: [{ checkedAt: 'desc' as const }, { id: 'desc' as const }],
      take: Math.min(Math.max(first ?? 10, 1), MAX_CHECKS),
    }),
  }),
}))

const InstallCheckRunRef = builder.objectRef<JobRun>('InstallCheckRun').implement({
  description:
    'One run of 标识安装检测 over every ACTIVE self-built site that is due (the daily one at 03:00, or one CONAC started), with its progress while it runs.',
  fields: (t) => {
    const progress = (run: JobRun) => progressOf(run.result)
    return {
      id: t.exposeID('id'),
      periodKey: t.exposeString('periodKey', {
        description:
          'The Beijing day of the daily run (YYYY-MM-DD), or the time a run was started by hand (YYYY-MM-DD HH:MM:SS.mmm)',
      }),
      status: t.expose('status', { type: JobStatusEnum }),
      queued: t.boolean({
        description: 'Started by hand and waiting for the scheduler to take it (within a minute)',
        resolve: (run) => isQueued(run),
      }),
      startedAt: t.expose('startedAt', { type: 'DateTime' }),
      finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
      lastProgressAt: t.field({
        type: 'DateTime',
        nullable: true,
        description: 'When the run last recorded results (it does every few seconds while it works); null while queued',
        // A queued run's heartbeat is the epoch (so a scheduler takes it at once): not a time to show.
        resolve: (run) => (isQueued(run) ? null : run.heartbeatAt),
      }),
      total: t.int({ description: 'Badges due when the run started', resolve: (run) => progress(run).total }),
      sites: t.int({
        description: 'Their distinct sites (each fetched once)',
        resolve: (run) => progress(run).sites,
      }),
      checked: t.int({ description: 'Badges recorded so far', resolve: (run) => progress(run).checked }),
      found: t.int({ description: '已找到标识代码', resolve: (run) => progress(run).found }),
      missing: t.int({
        description: 'The site answered without the snippet (or with an HTTP error, or a redirect elsewhere)',
        resolve: (run) => progress(run).missing,
      }),
      failed: t.int({
        description:
          'No usable page: refused (a non-public address), timeout, connection refused, DNS or TLS failure, a page over 2 MB, a redirect loop',
        resolve: (run) => progress(run).failed,
      }),
      etaSeconds: t.int({
        nullable: true,
        description: 'Seconds left at the pace of the last minutes; null before there is a pace, 0 when done',
        resolve: (run) => (run.status === 'RUNNING' ? progress(run).etaSeconds : 0),
      }),
      error: t.exposeString('error', { nullable: true, description: 'Why a FAILED run stopped (for operators)' }),
    }
  },
})

builder.queryFields((t) => ({
  latestInstallCheckRun: t.field({
    type: InstallCheckRunRef,
    nullable: true,
    description: 'The latest run of 标识安装检测 with its progress (CONAC staff); null before the first run.',
    resolve: (_root, _args, ctx) => latestInstallCheckRun.execute(ctx, undefined),
  }),
  badgeInstallation: t.prismaField({
    type: 'Badge',
    description:
      'One badge with its installation state (安装期限, 已安装/未安装/已逾期, the latest checks): the owning unit, offices whose scope holds the unit, CONAC; NOT_FOUND otherwise.',
    args: { badgeId: t.arg.id({ required: true }) },
    resolve: (query, _root, { badgeId }, ctx) => badgeInstallation.execute(ctx, { badgeId, query }),
  }),
  overdueBadgeInstallations: t.prismaConnection({
    type: 'Badge',
    cursor: 'id',
    description:
      '逾期未安装: ACTIVE self-built badges past their installation deadline and never found installed, oldest deadline first. An office sees its subtree, CONAC all; unit users are FORBIDDEN.',
    totalCount: async (_p, _a, ctx) =>
      ctx.prisma.badge.count({ where: await overdueBadgeInstallations.execute(ctx, undefined) }),
    resolve: async (query, _root, _args, ctx) =>
      ctx.prisma.badge.findMany({
        ...query,
        where: await overdueBadgeInstallations.execute(ctx, undefined),
        orderBy: [{ installDeadline: 'asc' }, { id: 'asc' }],
      }),
  }),
}))

builder.mutationFields((t) => ({
  runInstallChecks: t.field({
    type: InstallCheckRunRef,
    description:
      '立即运行标识安装检测 over every ACTIVE self-built site that is due (CONAC staff): queues the run and returns it at once; the scheduler carries it out and latestInstallCheckRun follows its progress. CONFLICT (reason JOB_RUNNING) while a run is going on.',
    resolve: (_root, _args, ctx) => runInstallChecks.execute(ctx, undefined),
  }),
  checkBadgeInstallation: t.prismaField({
    type: 'Badge',
    description:
      '立即检测 one badge: the owning unit, offices whose scope holds the unit, or CONAC. Errors: NOT_FOUND, ' +
      'BAD_USER_INPUT (a micro-site badge), CONFLICT (cancelled or changed), TOO_MANY_ATTEMPTS (once a minute per badge; extensions.retryAfterSeconds).',
    args: { badgeId: t.arg.id({ required: true }) },
    resolve: async (query, _root, { badgeId }, ctx) => {
      const id = await checkBadgeInstallation.execute(ctx, { badgeId })
      return ctx.prisma.badge.findUniqueOrThrow({ ...(query as Prisma.BadgeFindUniqueOrThrowArgs), where: { id } })
    },
  }),
}))
