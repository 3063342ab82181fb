// 变更联系人: a unit user keeps its own unit's contacts current (seed 000 step 4): email, ID number, landline, address,
// postcode. The handler's name and mobile are who the unit's primary account is; a new handler comes only through
// 经办人交接 (start-handover.ts), where the new mobile proves itself and the old handler is signed out.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { appError, badInput } from '../../../errors.ts'
import type { Prisma } from '../../../generated/prisma/client.ts'
import { keepsStoredIdNumber, openIdNumber, sealIdNumber } from '../../../lib/idNumberColumns.ts'
import { maskIdNumber } from '../../../lib/masking.ts'
import { CONTACT_SELECT, ownUnitContactsPolicy, ownUnitId } from '../contacts.ts'
import { checkContacts, type Fields, type UpdateUnitContactsInput } from '../forms.ts'

/** The refusal of a handler name or mobile change (extensions.reason USE_HANDOVER). */
export const USE_HANDOVER = '经办人变更请使用“经办人交接”'

export const updateUnitContacts = defineCommand({
  name: 'updateUnitContacts',
  policy: ownUnitContactsPolicy,
  scope: 'the viewer’s own unit (viewer.unitId)',
  effects: [
    'the unit’s contacts (a version-only edit through transition(): the status stays, a stale version is CONFLICT)',
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
    // The handler's name and mobile stay as they are: the field says where a new handler goes instead.
    const handlerChanged = contacts.handlerName !== unit.handlerName || contacts.handlerMobile !== unit.handlerMobile
    if (contacts.handlerName !== unit.handlerName) fields.handlerName = USE_HANDOVER
    if (contacts.handlerMobile !== unit.handlerMobile) fields.handlerMobile = USE_HANDOVER
    if (handlerChanged) throw appError('BAD_USER_INPUT', USE_HANDOVER, { reason: 'USE_HANDOVER', fields })
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
    await ctx.prisma.$transaction(apply)
    return unitId
  },
})
