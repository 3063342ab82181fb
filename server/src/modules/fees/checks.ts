// Input checks and answers the money commands share: ids, the acting office, and the CONFLICT of a row that moved on.
import type { Context } from '../../context.ts'
import { appError, badInput, forbidden } from '../../errors.ts'
import { officeScopeOf, type OfficeScope } from '../../viewer.ts'

export { parseId } from '../../lib/rowId.ts'

/** A list of at most 100 distinct ids (BAD_USER_INPUT on `field` otherwise). */
export function idList(ids: readonly (string | number)[] | null | undefined, what: string, field: string): number[] {
  const list = (ids ?? []).map((id) => Number(id))
  if (list.some((id) => !Number.isSafeInteger(id) || id <= 0))
    throw badInput(`${what}编号无效`, { [field]: `${what}编号无效` })
  if (new Set(list).size !== list.length) throw badInput(`${what}重复`, { [field]: `${what}重复` })
  if (list.length > 100) throw badInput(`一次最多 100 个${what}`, { [field]: `一次最多 100 个${what}` })
  return list
}

/** CONFLICT with a reason a client can act on (STATE_CHANGED: refresh and try again). */
export function conflict(message: string, reason = 'STATE_CHANGED') {
  return appError('CONFLICT', message, { reason })
}

/** The office a staff member (or an office's token) acts for; the command's policy has admitted only staff. */
export function actingOffice(ctx: Context): OfficeScope {
  const office = officeScopeOf(ctx.viewer)
  if (!office) throw forbidden()
  return office
}
