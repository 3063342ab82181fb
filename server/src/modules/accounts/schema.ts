// 用户管理: accounts of office staff and of units, as their administrators see them (mobile masked), and the
// commands on them. Each command and query is a file of its own with its policy at the top; this file translates.
import { builder } from '../../builder.ts'
import { maskMobile } from '../../lib/masking.ts'
import { officeMayStartHandover } from '../registration/handover/access.ts'
import { OfficeRoleEnum, UnitUserRoleEnum, UserStatusEnum } from '../users/schema.ts'
import { activateAccount } from './commands/activate-account.ts'
import { createOfficeUser } from './commands/create-office-user.ts'
import { createUnitUser } from './commands/create-unit-user.ts'
import { disableUser } from './commands/disable-user.ts'
import { enableUser } from './commands/enable-user.ts'
import { resendActivation } from './commands/resend-activation.ts'
import { setOfficeUserRoles } from './commands/set-office-user-roles.ts'
import { accountLink, type AccountLinkView } from './queries/account-link.ts'
import { officeUsers } from './queries/office-users.ts'
import { unitUsers } from './queries/unit-users.ts'

const ManagedAccount = builder.prismaObject('User', {
  variant: 'ManagedAccount',
  description: 'An account as its administrator sees it (用户管理): the mobile number masked.',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    officeRoles: t.expose('officeRoles', { type: [OfficeRoleEnum] }),
    unitRole: t.expose('unitRole', { type: UnitUserRoleEnum, nullable: true }),
    status: t.expose('status', { type: UserStatusEnum }),
    maskedMobile: t.string({
      nullable: true,
      description: 'The mobile number with its middle four digits hidden (138****5678).',
      select: { mobile: true },
      resolve: (user) => (user.mobile ? maskMobile(user.mobile) : null),
    }),
    email: t.exposeString('email', { nullable: true }),
    office: t.relation('office', { nullable: true }),
    unit: t.relation('unit', { nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    lastLoginAt: t.expose('lastLoginAt', { type: 'DateTime', nullable: true }),
    disabledAt: t.expose('disabledAt', { type: 'DateTime', nullable: true }),
    disabledReason: t.exposeString('disabledReason', { nullable: true, description: '停用原因' }),
    version: t.exposeInt('version', { description: 'Pass it back to the commands that change the account.' }),
    canStartHandover: t.boolean({
      description:
        'The viewer may start a 经办人交接 (startHandover with this unitId) for this account: a unit’s primary ' +
        'account, and the viewer a 管理员 of the unit’s same-level office (同级编办). False for everyone else.',
      select: { unitRole: true, unit: { select: { region: { select: { path: true } } } } },
      resolve: (user, _args, ctx) =>
        user.unitRole === 'PRIMARY' && user.unit != null && officeMayStartHandover(ctx.viewer, user.unit.region.path),
    }),
  }),
})

const AccountTokenPurposeEnum = builder.enumType('AccountTokenPurpose', {
  values: ['ACTIVATION', 'PASSWORD_RESET', 'PASSWORD_CHANGE', 'HANDOVER'] as const,
  description: '账号链接用途: ACTIVATION 激活, PASSWORD_RESET 重置密码, PASSWORD_CHANGE 到期改密, HANDOVER 经办人交接',
})

const AccountLink = builder.objectRef<AccountLinkView>('AccountLink').implement({
  description: 'Whose emailed link this is, to greet the person on the page it opens.',
  fields: (t) => ({
    purpose: t.field({ type: AccountTokenPurposeEnum, resolve: (link) => link.purpose }),
    displayName: t.exposeString('displayName'),
    maskedUsername: t.exposeString('maskedUsername', { description: 'The login name, partly hidden.' }),
  }),
})

builder.queryFields((t) => ({
  officeUsers: t.prismaConnection({
    type: ManagedAccount,
    cursor: 'id',
    description:
      '本办用户 (an office ADMIN: its own office) or, for CONAC, another office’s administrators; oldest first.',
    args: {
      officeId: t.arg.id({ required: false, description: 'The office; the viewer’s own when absent' }),
      search: t.arg.string({ required: false, description: 'Part of the login name or the name' }),
      status: t.arg({ type: UserStatusEnum, required: false }),
    },
    totalCount: async (_parent, args, ctx) => ctx.prisma.user.count({ where: await officeUsers.execute(ctx, args) }),
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.user.findMany({ ...query, where: await officeUsers.execute(ctx, args), orderBy: { id: 'asc' } }),
  }),
  unitUsers: t.prismaConnection({
    type: ManagedAccount,
    cursor: 'id',
    description:
      '单位用户 (a unit’s primary account: its own unit) or 单位账号管理 (an office: the unit accounts of its subtree).',
    args: {
      unitId: t.arg.id({ required: false, description: 'Only this unit' }),
      search: t.arg.string({ required: false, description: 'Part of the login name, the name or the unit name' }),
      status: t.arg({ type: UserStatusEnum, required: false }),
    },
    totalCount: async (_parent, args, ctx) => ctx.prisma.user.count({ where: await unitUsers.execute(ctx, args) }),
    resolve: async (query, _root, args, ctx) =>
      ctx.prisma.user.findMany({ ...query, where: await unitUsers.execute(ctx, args), orderBy: { id: 'asc' } }),
  }),
  accountLink: t.field({
    type: AccountLink,
    nullable: true,
    description: 'Whose live emailed link this is (activation, reset …), or null. Consumes nothing.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => accountLink.execute(ctx, args),
  }),
}))

type InputFields = Parameters<Parameters<typeof builder.inputType>[1]['fields']>[0]

/** The facts of a new account, the same for office staff and unit deputies. */
const newAccountFields = (t: InputFields) => ({
  username: t.string({
    required: true,
    description: '登录用户名: 4–32 characters of a-z 0-9 _ -, unique case-insensitively',
  }),
  displayName: t.string({ required: true, description: '姓名, 2–32 characters' }),
  mobile: t.string({ required: true, description: '手机号码 (11 digits): receives the activation code' }),
  email: t.string({ required: true, description: '电子邮箱: receives the activation link' }),
})

const CreateOfficeUserInput = builder.inputType('CreateOfficeUserInput', {
  fields: (t) => ({
    officeId: t.id({ required: false, description: 'The office; the viewer’s own when absent (CONAC: any office)' }),
    ...newAccountFields(t),
    roles: t.field({ type: [OfficeRoleEnum], required: true, description: 'At least one' }),
  }),
})

const CreateUnitUserInput = builder.inputType('CreateUnitUserInput', {
  fields: (t) => newAccountFields(t),
})

const SetOfficeUserRolesInput = builder.inputType('SetOfficeUserRolesInput', {
  fields: (t) => ({
    userId: t.id({ required: true }),
    roles: t.field({ type: [OfficeRoleEnum], required: true, description: 'The complete new set, at least one' }),
    version: t.int({ required: true, description: 'ManagedAccount.version as read' }),
  }),
})

const DisableUserInput = builder.inputType('DisableUserInput', {
  fields: (t) => ({
    userId: t.id({ required: true }),
    reason: t.string({ required: true, description: '停用原因, 1–200 characters' }),
    version: t.int({ required: true, description: 'ManagedAccount.version as read' }),
  }),
})

const EnableUserInput = builder.inputType('EnableUserInput', {
  fields: (t) => ({
    userId: t.id({ required: true }),
    version: t.int({ required: true, description: 'ManagedAccount.version as read' }),
  }),
})

const ActivateAccountInput = builder.inputType('ActivateAccountInput', {
  fields: (t) => ({
    token: t.string({ required: false, description: 'The secret of the emailed link; or username + verificationCode' }),
    username: t.string({ required: false }),
    verificationCode: t.string({ required: false, description: 'The ACTIVATION SMS code sent to the mobile' }),
    newPassword: t.string({ required: true, description: 'The first password (password policy applies)' }),
  }),
})

const ActivateAccountPayload = builder.objectRef<{ username: string }>('ActivateAccountPayload').implement({
  fields: (t) => ({ username: t.exposeString('username', { description: 'The login name to sign in with' }) }),
})

builder.mutationFields((t) => {
  const managedAccount = async (
    query: object,
    ctx: Parameters<typeof createOfficeUser.execute>[0],
    done: Promise<{ userId: number }>,
  ) => ctx.prisma.user.findUniqueOrThrow({ ...query, where: { id: (await done).userId } })
  return {
    createOfficeUser: t.prismaField({
      type: ManagedAccount,
      description: '新建编办用户 (PENDING_ACTIVATION); the activation link and code are sent to the person.',
      args: { input: t.arg({ type: CreateOfficeUserInput, required: true }) },
      resolve: (query, _root, { input }, ctx) => managedAccount(query, ctx, createOfficeUser.execute(ctx, input)),
    }),
    createUnitUser: t.prismaField({
      type: ManagedAccount,
      description: '新建单位用户 (DEPUTY) by the unit’s primary account.',
      args: { input: t.arg({ type: CreateUnitUserInput, required: true }) },
      resolve: (query, _root, { input }, ctx) => managedAccount(query, ctx, createUnitUser.execute(ctx, input)),
    }),
    setOfficeUserRoles: t.prismaField({
      type: ManagedAccount,
      description: '修改角色. Ends the person’s sessions.',
      args: { input: t.arg({ type: SetOfficeUserRolesInput, required: true }) },
      resolve: (query, _root, { input }, ctx) => managedAccount(query, ctx, setOfficeUserRoles.execute(ctx, input)),
    }),
    disableUser: t.prismaField({
      type: ManagedAccount,
      description: '停用账号 (never deleted). Ends the person’s sessions; their API tokens stop working.',
      args: { input: t.arg({ type: DisableUserInput, required: true }) },
      resolve: (query, _root, { input }, ctx) => managedAccount(query, ctx, disableUser.execute(ctx, input)),
    }),
    enableUser: t.prismaField({
      type: ManagedAccount,
      description: '启用账号: ACTIVE, or PENDING_ACTIVATION if it never had a password.',
      args: { input: t.arg({ type: EnableUserInput, required: true }) },
      resolve: (query, _root, { input }, ctx) => managedAccount(query, ctx, enableUser.execute(ctx, input)),
    }),
    resendActivation: t.prismaField({
      type: ManagedAccount,
      description: '重发激活: a new link and SMS code for a pending account (the older link stops working).',
      args: { userId: t.arg.id({ required: true }) },
      resolve: (query, _root, { userId }, ctx) =>
        managedAccount(query, ctx, resendActivation.execute(ctx, { userId: String(userId) })),
    }),
    activateAccount: t.field({
      type: ActivateAccountPayload,
      description: '激活账号: sets the first password with the emailed link or the SMS code. Does not sign in.',
      args: { input: t.arg({ type: ActivateAccountInput, required: true }) },
      resolve: (_root, { input }, ctx) => activateAccount.execute(ctx, input),
    }),
  }
})
