// 新建用户 (本办用户, 编办管理员): an office administrator opens an account for a member of its own office with any of
// the three roles; CONAC's administrators also open other offices' administrator accounts (ADMIN only: CONAC does not
// hold their 审核员/财务 roles). The account waits for its holder to set a password (activate-account.ts).
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { appError, notFound } from '../../../errors.ts'
import type { OfficeRole } from '../../../generated/prisma/enums.ts'
import { isConac } from '../../../lib/scope.ts'
import { createPendingAccount } from '../accountCreation.ts'
import { checkNewAccount, type NewAccountInput } from '../form.ts'
import { normaliseRoles, refuseUngrantableRoles } from '../reach.ts'
import { staffAdministratorOf } from '../staff.ts'

export interface CreateOfficeUserInput extends NewAccountInput {
  /** The office the account belongs to; the viewer's own when absent. */
  officeId?: string | null
  roles: OfficeRole[]
}

export const createOfficeUser = defineCommand({
  name: 'createOfficeUser',
  policy: {
    who: ALL_OFFICES,
    tokens: false,
    roles: ['ADMIN'],
    rule: 'own office, any roles; CONAC also another office, with the ADMIN role only (ROLE_NOT_GRANTABLE otherwise)',
  },
  scope: 'the viewer’s own office; for CONAC any office',
  transition: { entity: 'User', from: [], to: ['PENDING_ACTIVATION'] },
  effects: [
    'the user (PENDING_ACTIVATION, no password)',
    'an ACTIVATION account link and an ACTIVATION SMS code (limits and SMS budget apply)',
    'audit user.create',
  ],
  notices: ['account.activation', 'verification.code'],

  async run(ctx, input: CreateOfficeUserInput) {
    const viewer = staffAdministratorOf(ctx)
    const officeId = input.officeId == null || input.officeId === '' ? viewer.office.officeId : Number(input.officeId)
    if (officeId !== viewer.office.officeId && !isConac(viewer)) {
      throw appError('FORBIDDEN', '只能为本办创建账号', { reason: 'OUTSIDE_OFFICE' })
    }
    const office = Number.isSafeInteger(officeId)
      ? await ctx.prisma.office.findUnique({ where: { id: officeId }, include: { region: true } })
      : null
    if (!office) throw notFound('编办')
    const roles = normaliseRoles(input.roles)
    refuseUngrantableRoles(viewer, office.id, [], roles)
    const account = checkNewAccount(input)
    const userId = await createPendingAccount(ctx, {
      account,
      placement: {
        role: office.level === 'CENTRAL' ? 'CONAC_STAFF' : 'OFFICE_STAFF',
        officeId: office.id,
        officeRoles: roles,
      },
      organisation: office.name,
      regionPath: office.region.path,
    })
    return { userId }
  },
})
