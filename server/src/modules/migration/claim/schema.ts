// 账号认领 (issue 20): the imported accounts not yet claimed, as an office's 管理员 sees them, re-sending their
// invitation, and what became of an activation link. Each command and query is a file of its own with its policy at
// the top; this file translates.
import { builder } from '../../../builder.ts'
import { maskMobile } from '../../../lib/masking.ts'
import { UserRoleEnum } from '../../users/schema.ts'
import { resendClaimInvitation } from './commands/resend-claim-invitation.ts'
import { resendClaimInvitations, type ResendClaimSummary } from './commands/resend-claim-invitations.ts'
import { activationLinkState, type ActivationLinkStateView } from './queries/activation-link-state.ts'
import { unclaimedAccounts } from './queries/unclaimed-accounts.ts'
import { invitationView, latestActivationLink, unclaimedAccountScope, type ClaimInvitationView } from './scope.ts'

const ClaimInvitationStateEnum = builder.enumType('ClaimInvitationState', {
  description: '认领通知: NOT_SENT 未发送, SENT 已发送（链接有效）, EXPIRED 链接已过期（或已被新链接取代后仍未认领）',
  values: ['NOT_SENT', 'SENT', 'EXPIRED'] as const,
})

const ClaimInvitation = builder.objectRef<ClaimInvitationView>('ClaimInvitation').implement({
  description: 'The state of an imported account’s claim invitation (its latest activation link).',
  fields: (t) => ({
    state: t.field({ type: ClaimInvitationStateEnum, resolve: (view) => view.state }),
    sentAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.sentAt }),
    expiresAt: t.field({ type: 'DateTime', nullable: true, resolve: (view) => view.expiresAt }),
    resendableAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'From when 重新发送 is accepted (MIGRATION_CLAIM_RESEND_MINUTES after the latest); null: now',
      resolve: (view) => view.resendableAt,
    }),
  }),
})

const UnclaimedAccount = builder.prismaObject('User', {
  variant: 'UnclaimedAccount',
  description: '未认领账号: an account imported from the old system whose holder has not set a password yet.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName', { description: '经办人或工作人员姓名' }),
    role: t.expose('role', {
      type: UserRoleEnum,
      description: 'UNIT_USER 单位账号; OFFICE_STAFF / CONAC_STAFF 编办账号',
    }),
    maskedMobile: t.string({
      nullable: true,
      description: 'The mobile number with its middle four digits hidden (138****5678).',
      select: { mobile: true },
      resolve: (user) => (user.mobile ? maskMobile(user.mobile) : null),
    }),
    hasContact: t.boolean({
      description: 'A mobile number and an email are on file (without them nothing can be sent)',
      select: { mobile: true, email: true },
      resolve: (user) => !!user.mobile && !!user.email,
    }),
    organisation: t.string({
      description: 'The unit’s or the office’s name',
      select: { unit: { select: { name: true } }, office: { select: { name: true } } },
      resolve: (user) => user.unit?.name ?? user.office?.name ?? '',
    }),
    regionName: t.string({
      description: 'The region of the unit or office',
      select: {
        unit: { select: { region: { select: { name: true } } } },
        office: { select: { region: { select: { name: true } } } },
      },
      resolve: (user) => user.unit?.region.name ?? user.office?.region.name ?? '',
    }),
    importedAt: t.expose('importedAt', { type: 'DateTime', nullable: true }),
    claimInvitedAt: t.expose('claimInvitedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the first invitation went (the job or a re-send)',
    }),
    invitation: t.field({
      type: ClaimInvitation,
      resolve: async (user, _args, ctx) => invitationView(await latestActivationLink(ctx.prisma, user.id), new Date()),
    }),
  }),
})

const ResendClaimSummaryRef = builder.objectRef<ResendClaimSummary>('ResendClaimSummary').implement({
  description: 'What 批量重新发送 did.',
  fields: (t) => ({
    matched: t.exposeInt('matched', { description: 'Accounts chosen or matching the filter' }),
    sent: t.exposeInt('sent'),
    throttled: t.exposeInt('throttled', {
      description: 'Sent within the last MIGRATION_CLAIM_RESEND_MINUTES: skipped',
    }),
    deferred: t.exposeInt('deferred', { description: 'The mobile number’s own code limits refused now: skipped' }),
    withoutContact: t.exposeInt('withoutContact', { description: 'No mobile or email on file: skipped' }),
    notAttempted: t.exposeInt('notAttempted', {
      description: 'Not reached: beyond the 200 a request sends, or after the SMS budget stopped it',
    }),
    stoppedBy: t.exposeString('stoppedBy', { nullable: true, description: 'The SMS budget’s refusal, if it stopped' }),
  }),
})

const ActivationLinkStateEnum = builder.enumType('ActivationLinkState', {
  description: 'LIVE 可用, EXPIRED 已过期, USED 已使用或已被新链接取代, ALREADY_ACTIVE 账号已激活, INVALID 无效链接',
  values: ['LIVE', 'EXPIRED', 'USED', 'ALREADY_ACTIVE', 'INVALID'] as const,
})

const ActivationLinkStateRef = builder.objectRef<ActivationLinkStateView>('ActivationLinkStateView').implement({
  description: 'What became of an activation link, for the page it opens.',
  fields: (t) => ({
    state: t.field({ type: ActivationLinkStateEnum, resolve: (view) => view.state }),
    imported: t.exposeBoolean('imported', { description: 'The account came from the old system (认领)' }),
  }),
})

builder.queryFields((t) => ({
  unclaimedAccounts: t.prismaConnection({
    type: UnclaimedAccount,
    cursor: 'id',
    description:
      '未认领账号: imported accounts still waiting for their holder, in the viewer’s area (an office ADMIN: the ' +
      'units and offices of its subtree; CONAC ADMIN: all); oldest import first.',
    args: {
      search: t.arg.string({ required: false, description: 'Part of the login name, the name, or the unit/office' }),
      invitation: t.arg({ type: ClaimInvitationStateEnum, required: false }),
    },
    totalCount: async (_parent, args, ctx) =>
      ctx.prisma.user.count({ where: await unclaimedAccounts.execute(ctx, args) }),
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.user.findMany({
        ...query,
        where: await unclaimedAccounts.execute(ctx, args),
        orderBy: [{ importedAt: 'asc' }, { id: 'asc' }],
      }),
  }),
  activationLinkState: t.field({
    type: ActivationLinkStateRef,
    description: 'What became of an activation link (the page says expired, used, or already active). Public.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => activationLinkState.execute(ctx, args),
  }),
}))

builder.mutationFields((t) => ({
  resendClaimInvitation: t.prismaField({
    type: UnclaimedAccount,
    description:
      '重新发送 one imported account’s claim link and SMS code; at most once in MIGRATION_CLAIM_RESEND_MINUTES ' +
      '(TOO_MANY_ATTEMPTS, reason CLAIM_RESEND_THROTTLED).',
    args: { userId: t.arg.id({ required: true }) },
    resolve: async (query, _root, { userId }, ctx) => {
      const { userId: id } = await resendClaimInvitation.execute(ctx, { userId: String(userId) })
      return ctx.prisma.user.findFirstOrThrow({ ...query, where: { AND: [{ id }, unclaimedAccountScope(ctx.viewer)] } })
    },
  }),
  resendClaimInvitations: t.field({
    type: ResendClaimSummaryRef,
    description:
      '批量重新发送: the chosen accounts (userIds, up to 100) or, without ids, those matching the filter (up to 200 ' +
      'a request, oldest import first). Accounts sent within the throttle are skipped; the SMS budget stops it.',
    args: {
      userIds: t.arg.idList({ required: false }),
      search: t.arg.string({ required: false }),
      invitation: t.arg({ type: ClaimInvitationStateEnum, required: false }),
    },
    resolve: (_root, args, ctx) =>
      resendClaimInvitations.execute(ctx, {
        userIds: args.userIds?.map(String) ?? null,
        search: args.search,
        invitation: args.invitation,
      }),
  }),
}))
