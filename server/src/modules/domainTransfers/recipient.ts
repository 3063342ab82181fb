// The receiving unit of a 过户, named by its 统一社会信用代码: it must exist, be another unit, be ACTIVE, and be of a
// type that may hold the domain's suffix (.政务 for party and government organs and mass organisations, .公益 for
// public institutions and social organisations: domainApplications/names.ts suffixForUnitType). Each refusal is
// BAD_USER_INPUT with a reason code and the field, so the form shows it next to the credit code.
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import type { DomainSuffix } from '../../generated/prisma/enums.ts'
import { isValidCreditCode } from '../../lib/identifiers.ts'
import { suffixForUnitType } from '../domainApplications/names.ts'
import { SUFFIX_TEXT } from '../domains/schema.ts'
import { unitSelect } from './targets.ts'

type Db = Pick<Prisma.TransactionClient, 'unit'>

const refuse = (reason: string, message: string) =>
  appError('BAD_USER_INPUT', message, { reason, fields: { toCreditCode: message } })

export const normaliseCreditCode = (raw: string) => raw.trim().toUpperCase()

/** The receiving unit, or the refusal that says why it cannot receive the domain. */
export async function receivingUnit(db: Db, rawCreditCode: string, giving: { unitId: number; suffix?: DomainSuffix }) {
  const creditCode = normaliseCreditCode(rawCreditCode)
  if (!isValidCreditCode(creditCode)) throw refuse('CREDIT_CODE_INVALID', '请填写正确的 18 位统一社会信用代码')
  const unit = await db.unit.findUnique({ where: { creditCode }, select: unitSelect })
  if (!unit) throw refuse('RECIPIENT_NOT_FOUND', '未找到使用该统一社会信用代码的注册单位')
  if (unit.id === giving.unitId) throw refuse('RECIPIENT_IS_SELF', '接收单位不能是本单位')
  if (unit.status !== 'ACTIVE') throw refuse('RECIPIENT_INACTIVE', '该单位已停用，不能接收域名')
  if (giving.suffix && suffixForUnitType(unit.type) !== giving.suffix)
    throw refuse('RECIPIENT_SUFFIX_NOT_ALLOWED', `该单位的单位类型不能持有${SUFFIX_TEXT[giving.suffix]}域名`)
  return unit
}
