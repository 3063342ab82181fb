// The input rules shared by the invoice commands (sheets, notes, ids) and the answers they share (CONFLICT with a
// reason the portal acts on). Who may act is each command's policy; which rows, reads.ts.
import { appError, badInput, forbidden } from '../../errors.ts'
import { localOfficeOf } from '../../lib/scope.ts'
import { actingUserId, type OfficeScope, type Viewer } from '../../viewer.ts'

/** 30,000 yuan: the most face value one request may ask for. */
export const MAX_REQUEST_FACE_VALUE_FEN = 3_000_000n
export const MAX_SHEETS = 1000

export { yuan } from '../../lib/exports/format.ts'
export { parseId } from '../../lib/rowId.ts'

/** CONFLICT with the reason the portal tells apart (ALREADY_CORRECTED, INSUFFICIENT_INVOICE_STOCK …). */
export const conflict = (message: string, reason: string) => appError('CONFLICT', message, { reason })

/** What is wrong with a number of sheets, or null. */
export function sheetsProblem(count: number, what = '发票数量'): string | null {
  return Number.isInteger(count) && count >= 1 && count <= MAX_SHEETS ? null : `${what}应为 1-${MAX_SHEETS} 张`
}

/** A note (optional) or a reason (required, 2-500 characters), trimmed; BAD_USER_INPUT on `field` otherwise. */
export function checkNote(raw: string | null | undefined, field: string, required: boolean): string | null {
  const note = raw?.trim() || null
  const length = note ? [...note].length : 0
  if (required && length < 2) throw badInput('请填写原因', { [field]: '请填写 2-500 个字的原因' })
  if (length > 500) throw badInput('内容过长', { [field]: '不能超过 500 个字' })
  return note
}

/** The user an invoice row or movement is attributed to (a token acts as the staff member who created it). */
export function actorOf(viewer: Viewer): number {
  const id = actingUserId(viewer)
  if (id == null) throw forbidden()
  return id
}

/** The viewer's own office below CONAC (the commands' policies admit no one else). */
export function ownOffice(viewer: Viewer): OfficeScope {
  const office = localOfficeOf(viewer)
  if (!office) throw forbidden()
  return office
}
