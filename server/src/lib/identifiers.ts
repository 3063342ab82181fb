// Check characters of the identifiers units type in: the unified social credit code (GB 32100-2015) and the
// resident identity card number (GB 11643-1999). A typo in either is caught before it reaches a reviewer.

const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const CREDIT_CODE_FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/

/** The 18th character of a unified social credit code, computed from the first 17. */
export function creditCodeCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i]!)
    if (value < 0) throw new Error(`invalid credit code character ${first17[i]}`)
    sum += value * CREDIT_CODE_WEIGHTS[i]!
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!
}

export function isValidCreditCode(code: string): boolean {
  return CREDIT_CODE_FORMAT.test(code) && creditCodeCheckCharacter(code.slice(0, 17)) === code[17]
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** The 18th character of a resident identity card number, computed from the first 17 digits. */
export function idNumberCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11]!
}

export function isValidIdNumber(id: string): boolean {
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) return false
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  const validDate =
    year >= 1900 && birth.getUTCFullYear() === year && birth.getUTCMonth() === month - 1 && birth.getUTCDate() === day
  return validDate && idNumberCheckCharacter(id.slice(0, 17)) === id[17]
}

export function isValidMobile(mobile: string): boolean {
  return /^1[3-9][0-9]{9}$/.test(mobile)
}
