// 缴费方式设置: an office says how its units pay it (at the counter, by bank transfer, or either) and where.
import { defineCommand } from '../../../commands/define.ts'
import { ALL_OFFICES } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import type { CollectionMode } from '../../../generated/prisma/enums.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { actingOffice } from '../checks.ts'

export interface PaymentSettingsInput {
  mode: CollectionMode
  bankName?: string | null
  accountName?: string | null
  accountNumber?: string | null
  details?: string | null
}

const clean = (value: string | null | undefined) => (value ?? '').trim() || null

/** The settings as stored: trimmed, empty as null; a transfer needs the bank, the account name and number. */
function checkedSettings(input: PaymentSettingsInput) {
  const data = {
    mode: input.mode,
    bankName: clean(input.bankName),
    accountName: clean(input.accountName),
    accountNumber: clean(input.accountNumber),
    details: clean(input.details),
  }
  const fields: Record<string, string> = {}
  if (data.bankName && data.bankName.length > 128) fields.bankName = '开户行不能超过 128 个字符'
  if (data.accountName && data.accountName.length > 128) fields.accountName = '户名不能超过 128 个字符'
  if (data.accountNumber && data.accountNumber.length > 64) fields.accountNumber = '账号不能超过 64 个字符'
  if (data.details && data.details.length > 1000) fields.details = '说明不能超过 1000 个字符'
  if (input.mode !== 'COUNTER') {
    if (!data.bankName) fields.bankName = '银行转账需填写开户行'
    if (!data.accountName) fields.accountName = '银行转账需填写户名'
    if (!data.accountNumber) fields.accountNumber = '银行转账需填写账号'
  }
  if (Object.keys(fields).length) throw badInput('缴费方式设置有误', fields)
  return data
}

export const updatePaymentSettings = defineCommand({
  name: 'updatePaymentSettings',
  policy: {
    who: ALL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'the viewer’s own office’s settings only (there is no office argument)',
    refusal: '仅限编办工作人员设置本编办的缴费方式',
  },
  scope: 'the viewer’s own office',
  effects: ['PaymentSettings of the office (created or replaced)'],

  /** Returns the office id (the settings' key). */
  async run(ctx, input: PaymentSettingsInput): Promise<number> {
    const office = actingOffice(ctx)
    const data = checkedSettings(input)
    return ctx.prisma.$transaction(async (tx) => {
      const before = await tx.paymentSettings.findUnique({ where: { officeId: office.officeId } })
      const after = await tx.paymentSettings.upsert({
        where: { officeId: office.officeId },
        create: { officeId: office.officeId, ...data },
        update: data,
      })
      await writeAudit(tx, ctx, {
        action: 'paymentSettings.update',
        subjectType: 'Office',
        subjectId: office.officeId,
        regionPath: office.regionPath,
        before: before ?? undefined,
        after,
      })
      return office.officeId
    })
  },
})
