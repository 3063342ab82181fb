// 变更联系人: a unit user keeps its own unit's contacts current (seed 000 step 4): email, ID number, landline. The
// handler's name and mobile are who the unit's primary account is; a new handler comes only through 经办人交接
// (start-handover.ts), where the new mobile proves itself and the old handler is signed out. The address and postcode
// are facts of the unit: they change by a 单位信息变更 request the same-level office reviews (unitChanges).
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
/** The refusal of an address or postcode change (reason USE_UNIT_CHANGE): unit facts change only after review. */
export const USE_UNIT_CHANGE = '单位地址变更请在“单位信息”申请，经同级编办审核'

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
    // The address is a fact of the unit (单位信息): it changes by a request the same-level office reviews.
    const addressChanged = contacts.address !== unit.address || contacts.postcode !== unit.postcode
    if (contacts.address !== unit.address) fields.address = USE_UNIT_CHANGE
    if (contacts.postcode !== unit.postcode) fields.postcode = USE_UNIT_CHANGE
    if (handlerChanged) throw appError('BAD_USER_INPUT', USE_HANDOVER, { reason: 'USE_HANDOVER', fields })
    if (addressChanged) throw appError('BAD_USER_INPUT', USE_UNIT_CHANGE, { reason: 'USE_UNIT_CHANGE', fields })
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
