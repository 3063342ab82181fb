// 联系人信息 of a unit as its own user reads and edits them: only a logged-in unit user, only on its own unit (there
// is no unit argument: office staff and tokens keep units current through their own screens).
import type { Policy } from '../../commands/policy.ts'
import type { Context } from '../../context.ts'
import { forbidden } from '../../errors.ts'
import { ownUnitOf } from '../../lib/scope.ts'

/** Who may read and change the contacts: a unit user, on its own unit. */
export const ownUnitContactsPolicy: Policy = {
  who: ['unit'],
  tokens: false,
  rule: '本单位: a unit user, on its own unit only (there is no unit argument)',
  refusal: '仅限单位用户修改本单位联系人',
}

/** The viewer's own unit (the policy admitted only unit users; one without a unit is refused the same way). */
export function ownUnitId(ctx: Context): number {
  const unitId = ownUnitOf(ctx.viewer)
  if (unitId == null) throw forbidden(ownUnitContactsPolicy.refusal)
  return unitId
}

export const CONTACT_SELECT = {
  id: true,
  name: true,
  handlerName: true,
  handlerMobile: true,
  handlerEmail: true,
  handlerIdNumberMasked: true,
  landline: true,
  address: true,
  postcode: true,
  version: true,
} as const
