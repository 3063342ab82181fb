// People who log in, and `me` (queries/me.ts, with its policy at the top).
import { builder } from '../../builder.ts'
import { OfficeRole, UnitUserRole, UserRole, UserStatus } from '../../generated/prisma/enums.ts'
import { me } from './queries/me.ts'

export const UserRoleEnum = builder.enumType(UserRole, {
  name: 'UserRole',
  description: '角色: UNIT_USER 单位用户, OFFICE_STAFF 编办工作人员, CONAC_STAFF CONAC 工作人员',
})

export const UserStatusEnum = builder.enumType(UserStatus, {
  name: 'UserStatus',
  description: '账号状态: PENDING_ACTIVATION 待激活, ACTIVE 正常, DISABLED 已停用',
})

export const OfficeRoleEnum = builder.enumType(OfficeRole, {
  name: 'OfficeRole',
  description: '编办内角色: ADMIN 管理员 (用户管理), REVIEWER 审核员 (审核), FINANCE 财务 (收费、汇款、发票)',
})

export const UnitUserRoleEnum = builder.enumType(UnitUserRole, {
  name: 'UnitUserRole',
  description: '单位账号: PRIMARY 单位主账号, DEPUTY 其他用户 (由主账号管理)',
})

builder.prismaObject('User', {
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    role: t.expose('role', { type: UserRoleEnum }),
    officeRoles: t.expose('officeRoles', {
      type: [OfficeRoleEnum],
      description: 'The office roles of office and CONAC staff; empty for unit users.',
    }),
    unitRole: t.expose('unitRole', {
      type: UnitUserRoleEnum,
      nullable: true,
      description: 'Whether a unit user is the unit’s primary account; null for staff.',
    }),
    status: t.expose('status', { type: UserStatusEnum }),
    unit: t.relation('unit', { nullable: true, description: 'The unit of a unit user.' }),
    office: t.relation('office', { nullable: true, description: 'The office of office and CONAC staff.' }),
    email: t.exposeString('email', { nullable: true }),
    mobile: t.exposeString('mobile', { nullable: true }),
    lastLoginAt: t.expose('lastLoginAt', { type: 'DateTime', nullable: true }),
  }),
})

builder.queryField('me', (t) =>
  t.prismaField({
    type: 'User',
    nullable: true,
    description:
      'The logged-in user, or null when nobody is logged in. A session cookie that is invalid or expired gives an error ' +
      '(SESSION_INVALID, SESSION_EXPIRED, ACCOUNT_DISABLED) so the portal can say why. ' +
      'With an API token: the staff member who created it.',
    resolve: (query, _root, _args, ctx) => me.execute(ctx, { query }),
  }),
)
