// The new handler's ID number (身份证号) in 经办人交接: every read and write of it, and of the unit's handler ID
// number that a completed handover sets, happens in this file. It is personal data: audit rows, lists and the
// public link page see only the masked form. (Issue 17 moves ID numbers to encrypted columns, lib/fieldCipher.ts;
// converting this file and the column unit_handovers.newIdNumber is then a change of this file only.)
import type { Prisma } from '../../../generated/prisma/client.ts'
import { maskIdNumber } from '../contacts.ts'

/** The column data that stores a checked ID number on a new handover row. */
export function handoverIdNumberData(idNumber: string): Pick<Prisma.UnitHandoverUncheckedCreateInput, 'newIdNumber'> {
  return { newIdNumber: idNumber }
}

/** The unit's handler ID number after the handover completes (the unit update's data). */
export function unitHandlerIdNumberData(handover: {
  newIdNumber: string | null
}): Pick<Prisma.UnitUpdateInput, 'handlerIdNumber'> {
  return { handlerIdNumber: handover.newIdNumber }
}

/** 410902********1233: what lists, the audit log and the link page show. */
export function maskedHandoverIdNumber(handover: { newIdNumber: string | null }): string | null {
  return maskIdNumber(handover.newIdNumber)
}

/** The unit's current handler ID number, masked, for the audit row's "before". */
export function maskedUnitHandlerIdNumber(unit: { handlerIdNumber: string | null }): string | null {
  return maskIdNumber(unit.handlerIdNumber)
}
