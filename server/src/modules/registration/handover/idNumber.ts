// The new handler's ID number (身份证号) in 经办人交接: every read and write of it, and of the unit's handler ID
// number that a completed handover sets, happens in this file. It is personal data: stored encrypted
// (lib/fieldCipher.ts, AAD "unit_handovers.newIdNumber") with its masked form beside it; audit rows, lists and the
// public link page see only the masked form.
import type { Prisma } from '../../../generated/prisma/client.ts'
import { decrypt, encrypt, type FieldAad } from '../../../lib/fieldCipher.ts'
import { sealOptionalIdNumber } from '../../../lib/idNumberColumns.ts'
import { maskIdNumber } from '../../../lib/masking.ts'

export const HANDOVER_ID_NUMBER_AAD: FieldAad = 'unit_handovers.newIdNumber'
const AAD = HANDOVER_ID_NUMBER_AAD

/** The column data that stores a checked ID number on a new handover row. */
export function handoverIdNumberData(
  idNumber: string,
): Pick<Prisma.UnitHandoverUncheckedCreateInput, 'newIdNumberEnc' | 'newIdNumberMasked'> {
  return { newIdNumberEnc: encrypt(idNumber, AAD), newIdNumberMasked: maskIdNumber(idNumber) }
}

/** The unit's handler ID number after the handover completes (the unit update's data). */
export function unitHandlerIdNumberData(handover: {
  newIdNumberEnc: string | null
}): Pick<Prisma.UnitUpdateInput, 'handlerIdNumberEnc' | 'handlerIdNumberMasked'> {
  return sealOptionalIdNumber('unit', handover.newIdNumberEnc ? decrypt(handover.newIdNumberEnc, AAD) : null)
}

/** 410902********1233: what lists, the audit log and the link page show. */
export function maskedHandoverIdNumber(handover: { newIdNumberMasked: string | null }): string | null {
  return handover.newIdNumberMasked?.trim() ?? null
}

/** The unit's current handler ID number, masked, for the audit row's "before". */
export function maskedUnitHandlerIdNumber(unit: { handlerIdNumberMasked: string | null }): string | null {
  return unit.handlerIdNumberMasked?.trim() ?? null
}
