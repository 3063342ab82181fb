// registerUnit (新用户注册), and the unit's contacts (变更联系人). Each command and query is a file of its own
// (commands/, queries/) with its policy at the top; this file only translates.
import { builder } from '../../builder.ts'
import { multiLineText, opaqueText } from '../../validation/text.ts'
import { SystemCategoryEnum, UnitTypeEnum } from '../units/schema.ts'
import { registerUnit } from './commands/register-unit.ts'
import { updateUnitContacts } from './commands/update-unit-contacts.ts'
import { CONTACT_SELECT } from './contacts.ts'
import { myUnitContacts } from './queries/my-unit-contacts.ts'

const RegisterUnitInput = builder.inputType('RegisterUnitInput', {
  description: '新用户注册 form. Field errors come back in extensions.fields under these names.',
  fields: (t) => ({
    name: t.string({ required: true, description: '单位全称, 2-128 characters, unique' }),
    type: t.field({ type: UnitTypeEnum, required: true }),
    systemCategory: t.field({ type: SystemCategoryEnum, required: true }),
    creditCode: t.string({
      required: true,
      description: '统一社会信用代码, 18 characters with the GB 32100 check character',
    }),
    regionCode: t.string({
      required: true,
      description: '所属区域: a province, city or county with an office (not 市辖区)',
    }),
    superiorUnitName: t.string({ required: false, description: '上级主管单位' }),
    functions: t.string({ required: false, description: '开办主体职能', ...multiLineText() }),
    address: t.string({ required: true, description: '单位地址; invoices are mailed here' }),
    postcode: t.string({ required: true, description: '6 digits' }),
    landline: t.string({ required: false, description: '固定电话, e.g. 0393-7221234' }),
    handlerName: t.string({ required: true, description: '经办人姓名' }),
    handlerMobile: t.string({ required: true, description: '经办人手机, 11 digits; the verification code goes here' }),
    handlerEmail: t.string({ required: true }),
    handlerIdNumber: t.string({
      required: true,
      description: '经办人身份证号, 18 characters with the GB 11643 check digit',
    }),
    username: t.string({ required: true, description: '3-32 lower-case letters, digits, _ or -' }),
    password: t.string({
      required: true,
      description:
        'The password policy: at least 10 characters, not containing the user name, not a common or leaked password',
      ...opaqueText(),
    }),
    verificationCode: t.string({ required: true, description: 'The UNIT_REGISTRATION code sent to handlerMobile' }),
  }),
})

const RegisterUnitPayload = builder.objectRef<{ unitName: string; username: string }>('RegisterUnitPayload').implement({
  description: 'The account was created; log in with the username.',
  fields: (t) => ({
    unitName: t.exposeString('unitName'),
    username: t.exposeString('username'),
  }),
})

const UpdateUnitContactsInput = builder.inputType('UpdateUnitContactsInput', {
  fields: (t) => ({
    handlerName: t.string({ required: true, description: 'Unchanged: a new handler comes through startHandover' }),
    handlerMobile: t.string({
      required: true,
      description: 'Unchanged: a new handler comes through startHandover (BAD_USER_INPUT, reason USE_HANDOVER)',
    }),
    handlerEmail: t.string({ required: true }),
    handlerIdNumber: t.string({
      required: true,
      description:
        'A new number (18 characters), or UnitContacts.handlerIdNumber as loaded (masked) to keep the stored one',
    }),
    landline: t.string({ required: false }),
    address: t.string({ required: true }),
    postcode: t.string({ required: true }),
    verificationCode: t.string({
      required: false,
      deprecationReason: 'Not needed: the handler mobile changes only through startHandover (经办人交接)',
    }),
    version: t.int({ required: true, description: 'UnitContacts.version as loaded; a stale version gives CONFLICT' }),
  }),
})

interface UnitContactsShape {
  id: number
  name: string
  handlerName: string
  handlerMobile: string
  handlerEmail: string
  handlerIdNumberMasked: string | null
  landline: string | null
  address: string
  postcode: string
  version: number
}

const UnitContacts = builder.objectRef<UnitContactsShape>('UnitContacts').implement({
  description: "The unit's contacts (联系人信息) as its own user edits them, with the version for the optimistic lock.",
  fields: (t) => ({
    unitId: t.exposeID('id'),
    unitName: t.exposeString('name'),
    handlerName: t.exposeString('handlerName'),
    handlerMobile: t.exposeString('handlerMobile'),
    handlerEmail: t.exposeString('handlerEmail'),
    handlerIdNumber: t.string({
      nullable: true,
      description:
        '经办人身份证号, masked (410902********1233). Send it back unchanged to keep the stored number, or a new number; ' +
        'revealIdNumber shows the stored one in full',
      resolve: (contacts) => contacts.handlerIdNumberMasked?.trim() ?? null,
    }),
    landline: t.exposeString('landline', { nullable: true }),
    address: t.exposeString('address'),
    postcode: t.exposeString('postcode'),
    version: t.exposeInt('version'),
  }),
})

builder.queryFields((t) => ({
  myUnitContacts: t.field({
    type: UnitContacts,
    description: "The logged-in unit user's own unit contacts. FORBIDDEN for staff and tokens.",
    resolve: (_root, _args, ctx) => myUnitContacts.execute(ctx, undefined),
  }),
}))

builder.mutationFields((t) => ({
  registerUnit: t.field({
    type: RegisterUnitPayload,
    description:
      '新用户注册: creates the unit and its unit user in one step (public). Errors: BAD_USER_INPUT (extensions.fields), ' +
      'CONFLICT (unit name, credit code or username taken; extensions.fields; told only for a right verification code, ' +
      'and each such answer uses one of its 5 guesses: extensions.remainingAttempts), TOO_MANY_ATTEMPTS (verification code).',
    args: { input: t.arg({ type: RegisterUnitInput, required: true }) },
    resolve: (_root, { input }, ctx) => registerUnit.execute(ctx, input),
  }),
  updateUnitContacts: t.field({
    type: UnitContacts,
    description:
      "变更联系人 of the unit user's own unit. The handler's name and mobile change only through startHandover (经办人交接): " +
      'changing them here is BAD_USER_INPUT with extensions.reason USE_HANDOVER. Errors: BAD_USER_INPUT, ' +
      'CONFLICT (someone saved in between: reload), FORBIDDEN (not a unit user), TOO_MANY_ATTEMPTS.',
    args: { input: t.arg({ type: UpdateUnitContactsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const unitId = await updateUnitContacts.execute(ctx, input)
      return ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: CONTACT_SELECT })
    },
  }),
}))
