// 变更联系人: a unit user keeps its own unit's contacts current (seed 000 step 4). A new handler mobile must prove it
// reaches the handler with a CONTACT_CHANGE code sent to it; other changes need no code.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, badInput } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { withVerifiedCode } from '../../verification/codes.ts'
import { keepsStoredIdNumber, openIdNumber, sealIdNumber } from '../../../lib/idNumberColumns.ts'
import { maskIdNumber } from '../../../lib/masking.ts'
import { CONTACT_SELECT, ownUnitContactsPolicy, ownUnitId } from '../contacts.ts'
import { checkContacts, type Fields, type UpdateUnitContactsInput } from '../forms.ts'

export const updateUnitContacts = defineCommand({
  name: 'updateUnitContacts',
  policy: ownUnitContactsPolicy,
  scope: 'the viewer’s own unit (viewer.unitId)',
  effects: [
    'the unit’s contacts (a version-only edit through transition(): the status stays, a stale version is CONFLICT)',
    'the CONTACT_CHANGE verification code is consumed (a new mobile only)',
  ],

  async run(ctx, input: UpdateUnitContactsInput) {
    const unitId = ownUnitId(ctx)
    const unit = await ctx.prisma.unit.findUniqueOrThrow({
      where: { id: unitId },
      select: { ...CONTACT_SELECT, handlerIdNumberEnc: true, status: true, region: { select: { path: true } } },
    })
    const { region, status, version, handlerIdNumberEnc, handlerIdNumberMasked, ...before } = unit
    // The form shows the masked number; sent back as shown, it means the stored number (checked like a typed one).
    const idNumber = keepsStoredIdNumber(input.handlerIdNumber, handlerIdNumberMasked)
      ? (openIdNumber('unit', handlerIdNumberEnc) ?? '')
      : input.handlerIdNumber
    const fields: Fields = {}
    const { handlerIdNumber, ...contacts } = checkContacts({ ...input, handlerIdNumber: idNumber }, fields)
    if (!Number.isInteger(input.version) || input.version < 0) fields.version = '版本号无效，请刷新后重试'
    const mobileChanged = contacts.handlerMobile !== unit.handlerMobile
    const code = input.verificationCode?.trim() ?? ''
    if (mobileChanged && !/^[0-9]{6}$/.test(code))
      fields.verificationCode = '更换经办人手机号需填写发送到新号码的 6 位验证码'
    if (Object.keys(fields).length) throw badInput('联系人信息有误，请按提示修改', fields)

    const apply = (tx: Prisma.TransactionClient) =>
      // Optimistic lock: the form carries the version it was loaded with; someone else's save in between wins.
      transition(tx, ctx, 'unit', {
        entity: { id: unitId, status, version },
        expectedVersion: input.version,
        set: { ...contacts, ...sealIdNumber('unit', handlerIdNumber) },
        audit: {
          action: 'unit.updateContacts',
          regionPath: region.path,
          before: { ...before, handlerIdNumber: handlerIdNumberMasked?.trim() ?? null },
          after: { ...before, ...contacts, handlerIdNumber: maskIdNumber(handlerIdNumber) },
        },
        stale: () => appError('CONFLICT', '单位信息已被他人修改，请刷新后重试'),
      })
    // Only a new mobile number must prove it reaches the handler.
    if (mobileChanged)
      await withVerifiedCode(ctx.prisma, { mobile: contacts.handlerMobile, purpose: 'CONTACT_CHANGE', code }, apply)
    else await ctx.prisma.$transaction(apply)
    return unitId
  },
})
