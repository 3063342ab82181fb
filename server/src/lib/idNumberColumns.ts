// The handler's ID number (经办人身份证号) as the units and site_applications tables store it: ciphertext plus the
// masked form computed at write time (design doc accounts.md §1.8). Every write goes through sealIdNumber, so no path
// can store one without the other; reads for people use the masked column, and only revealIdNumber (and the
// service code that merges a form) decrypts.
import { decrypt, encrypt, type FieldAad } from './fieldCipher.ts'
import { maskIdNumber } from './masking.ts'

/** The AAD of each column: a ciphertext copied from one table into the other does not decrypt. */
export const ID_NUMBER_AAD = {
  unit: 'units.handlerIdNumber',
  siteApplication: 'site_applications.handlerIdNumber',
} as const satisfies Record<string, FieldAad>

export type IdNumberOwner = keyof typeof ID_NUMBER_AAD

export interface SealedIdNumber {
  handlerIdNumberEnc: string
  handlerIdNumberMasked: string
}

/** The columns for a plaintext number (already checked and upper-cased by the form). */
export function sealIdNumber(owner: IdNumberOwner, plain: string): SealedIdNumber {
  return { handlerIdNumberEnc: encrypt(plain, ID_NUMBER_AAD[owner]), handlerIdNumberMasked: maskIdNumber(plain) }
}

/** The columns for a number that may be absent (a unit registered before the number was asked for). */
export function sealOptionalIdNumber(
  owner: IdNumberOwner,
  plain: string | null,
): SealedIdNumber | { handlerIdNumberEnc: null; handlerIdNumberMasked: null } {
  return plain ? sealIdNumber(owner, plain) : { handlerIdNumberEnc: null, handlerIdNumberMasked: null }
}

/** The plaintext of a stored ciphertext (null stays null). */
export function openIdNumber(owner: IdNumberOwner, stored: string | null): string | null {
  return stored ? decrypt(stored, ID_NUMBER_AAD[owner]) : null
}

/**
 * A form sends the masked number back when the user left it as shown (the portal never holds the plaintext): that
 * means "unchanged", so the stored number is kept. Anything else is a new number, checked as typed.
 */
export function keepsStoredIdNumber(typed: string | null | undefined, storedMasked: string | null): boolean {
  const text = typed?.trim().toUpperCase() ?? ''
  return storedMasked != null && text !== '' && text === storedMasked.trim()
}
