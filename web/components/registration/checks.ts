// Hints while typing: the check characters of the credit code (GB 32100) and the ID number (GB 11643). The API
// checks both again and decides; these only save a round trip for a typo.

const CREDIT_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY'
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const ID_CHECK = '10X98765432'

/** A hint for a credit code, or null when it looks right (or is still incomplete). */
export function creditCodeHint(raw: string): string | null {
  const code = raw.trim().toUpperCase()
  if (code.length < 18) return null
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}[0-9]{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code))
    return '统一社会信用代码格式不正确（18 位，不含 I、O、Z、S、V）'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += CREDIT_CHARSET.indexOf(code[i]!) * CREDIT_WEIGHTS[i]!
  const check = CREDIT_CHARSET[(31 - (sum % 31)) % 31]
  return check === code[17] ? null : '统一社会信用代码校验位不正确，请核对'
}

/** A hint for a resident ID number, or null when it looks right (or is still incomplete). */
export function idNumberHint(raw: string): string | null {
  const id = raw.trim().toUpperCase()
  if (id.length < 18) return null
  if (!/^[1-9][0-9]{16}[0-9X]$/.test(id)) return '身份证号应为 18 位（最后一位可为 X）'
  const year = Number(id.slice(6, 10))
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  const birth = new Date(Date.UTC(year, month - 1, day))
  if (year < 1900 || birth.getUTCMonth() !== month - 1 || birth.getUTCDate() !== day)
    return '身份证号中的出生日期不正确'
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * ID_WEIGHTS[i]!
  return ID_CHECK[sum % 11] === id[17] ? null : '身份证号校验位不正确，请核对'
}
