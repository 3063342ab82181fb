// The policy shared by the commands that act on an existing account (停用, 启用, 重发激活): office administrators
// for the accounts in their reach (reach.ts), and a unit's primary account for its unit's other users.
import { ALL_OFFICES, type Policy } from '../../commands/policy.ts'

export const accountAdministrationPolicy: Policy = {
  who: ['unit', ...ALL_OFFICES],
  tokens: false,
  roles: ['ADMIN'],
  unitPrimary: true,
  rule:
    'accounts/reach.ts: an office ADMIN its own staff and its subtree’s unit accounts; CONAC ADMIN its staff, every ' +
    'office’s administrators and every unit account; a unit’s primary account its deputies',
}
