// 标识安装检测: the installation fields of Badge, the check history, the overdue list (逾期未安装) and the two
// mutations (a CONAC run over all self-built sites; 立即检测 of one badge). Each command and query is a file of its
// own (commands/, queries/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { checkBadgeInstallation } from './commands/check-badge-installation.ts'
import { runInstallChecks } from './commands/run-install-checks.ts'
import { badgeInstallation } from './queries/badge-installation.ts'
import { overdueBadgeInstallations } from './queries/overdue-badge-installations.ts'
import { isInstallOverdue, type InstallCheckRunSummary } from './runs.ts'

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

const InstallCheckRunSummaryRef = builder.objectRef<InstallCheckRunSummary>('InstallCheckRunSummary').implement({
  description: 'One run of the installation check over every ACTIVE self-built site.',
  fields: (t) => ({
    checked: t.exposeInt('checked', { description: 'Sites checked' }),
    found: t.exposeInt('found', { description: '已找到标识代码' }),
    missing: t.exposeInt('missing', {
      description: 'The site answered without the snippet (or with an HTTP error, or a redirect elsewhere)',
    }),
    failed: t.exposeInt('failed', {
      description: 'No answer: refused (a non-public address), timeout, connection refused, DNS or TLS failure',
    }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime' }),
  }),
})

builder.queryFields((t) => ({
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
    type: InstallCheckRunSummaryRef,
    description: '立即运行标识安装检测 over every ACTIVE self-built site (CONAC staff). Takes up to ~10 s per 4 sites.',
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
