// 经办人交接: startHandover, completeHandover, cancelHandover, resendHandoverCode, unitHandovers and handoverLink.
// Each command and query is a file of its own (commands/, queries/) with its policy at the top; this file only
// translates.
import { builder } from '../../builder.ts'
import { HandoverStatus } from '../../generated/prisma/enums.ts'
import { opaqueText } from '../../validation/text.ts'
import { cancelHandover } from './commands/cancel-handover.ts'
import { completeHandover } from './commands/complete-handover.ts'
import { resendHandoverCode } from './commands/resend-handover-code.ts'
import { startHandover } from './commands/start-handover.ts'
import { handoverLink, type HandoverLinkView } from './queries/handover-link.ts'
import { unitHandovers, type UnitHandoverView } from './queries/unit-handovers.ts'

const HandoverStatusEnum = builder.enumType(HandoverStatus, {
  name: 'HandoverStatus',
  description: 'PENDING 待新经办人确认, COMPLETED 已完成, CANCELLED 已取消（或已过期）',
})

const UnitHandover = builder.objectRef<UnitHandoverView>('UnitHandover').implement({
  description: '经办人交接 of a unit. Mobiles and the ID number are masked.',
  fields: (t) => ({
    id: t.exposeID('id'),
    unitId: t.exposeID('unitId'),
    unitName: t.exposeString('unitName'),
    status: t.expose('status', { type: HandoverStatusEnum }),
    expired: t.exposeBoolean('expired', { description: 'PENDING, but its link has lapsed (HANDOVER_HOURS)' }),
    oldName: t.exposeString('oldName'),
    oldMobile: t.exposeString('oldMobile', { description: 'masked, 138****1234' }),
    newName: t.exposeString('newName'),
    newMobile: t.exposeString('newMobile', { description: 'masked, 138****1234' }),
    newEmail: t.exposeString('newEmail'),
    newIdNumber: t.exposeString('newIdNumber', { nullable: true, description: 'masked, 410902********1233' }),
    startedByName: t.exposeString('startedByName'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
    completedAt: t.expose('completedAt', { type: 'DateTime', nullable: true }),
    cancelledAt: t.expose('cancelledAt', { type: 'DateTime', nullable: true }),
    canCancel: t.exposeBoolean('canCancel', { description: 'The viewer may cancel it now' }),
  }),
})

const HandoverLink = builder.objectRef<HandoverLinkView>('HandoverLink').implement({
  description: 'What the new handler’s page shows before they act.',
  fields: (t) => ({
    unitName: t.exposeString('unitName', { description: 'masked, e.g. 清丰***公室' }),
    newName: t.exposeString('newName'),
    maskedMobile: t.exposeString('maskedMobile', { description: 'where the SMS code went' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime' }),
  }),
})

const StartHandoverInput = builder.inputType('StartHandoverInput', {
  description: 'The new handler (新经办人). Field errors come back in extensions.fields under these names.',
  fields: (t) => ({
    unitId: t.id({ required: false, description: 'Office staff: the unit (a same-level unit). Unit users: omit' }),
    newName: t.string({ required: true, description: '姓名, 2-32 characters' }),
    newMobile: t.string({ required: true, description: '手机, 11 digits; the HANDOVER code goes here' }),
    newEmail: t.string({ required: true, description: 'the link to complete the handover goes here' }),
    newIdNumber: t.string({ required: true, description: '身份证号, 18 characters with the GB 11643 check digit' }),
  }),
})

const CompleteHandoverInput = builder.inputType('CompleteHandoverInput', {
  fields: (t) => ({
    token: t.string({ required: true, description: 'from the emailed link /handover?token=…' }),
    code: t.string({ required: true, description: 'the HANDOVER code sent to the new mobile' }),
    newPassword: t.string({
      required: true,
      description: 'The password policy: at least 10 characters, not containing the login, not common or leaked',
      ...opaqueText(),
    }),
  }),
})

const CompleteHandoverPayload = builder
  .objectRef<{ unitName: string; username: string }>('CompleteHandoverPayload')
  .implement({
    description: 'Done: sign in with the unit’s login and the new password.',
    fields: (t) => ({
      unitName: t.exposeString('unitName'),
      username: t.exposeString('username', { description: 'the unit’s primary login, unchanged' }),
    }),
  })

const ResendHandoverCodePayload = builder
  .objectRef<{ maskedMobile: string; resendAfterSeconds: number }>('ResendHandoverCodePayload')
  .implement({
    fields: (t) => ({
      maskedMobile: t.exposeString('maskedMobile'),
      resendAfterSeconds: t.exposeInt('resendAfterSeconds'),
    }),
  })

builder.queryFields((t) => ({
  unitHandovers: t.field({
    type: [UnitHandover],
    description: '经办人交接 records, newest first: a unit its own, an office its subtree, CONAC all.',
    args: { unitId: t.arg.id({ required: false }) },
    resolve: (_root, args, ctx) =>
      unitHandovers.execute(ctx, { unitId: args.unitId == null ? null : String(args.unitId) }),
  }),
  handoverLink: t.field({
    type: HandoverLink,
    nullable: true,
    description: 'The handover of an emailed link, or null (unknown, used, expired or cancelled). Consumes nothing.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => handoverLink.execute(ctx, { token: args.token }),
  }),
}))

builder.mutationFields((t) => ({
  startHandover: t.field({
    type: UnitHandover,
    description:
      '经办人交接: names the new handler; sends the link to the new email and a HANDOVER code to the new mobile. ' +
      'Errors: BAD_USER_INPUT (extensions.fields), CONFLICT (one already pending), FORBIDDEN (a deputy: ' +
      'UNIT_PRIMARY_REQUIRED; an office below its level; ROLE_REQUIRED without 管理员), NOT_FOUND, TOO_MANY_ATTEMPTS (SMS limits).',
    args: { input: t.arg({ type: StartHandoverInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = await startHandover.execute(ctx, {
        ...input,
        unitId: input.unitId == null ? null : String(input.unitId),
      })
      const [row] = (await unitHandovers.execute(ctx, {})).filter((handover) => handover.id === id)
      return row!
    },
  }),
  completeHandover: t.field({
    type: CompleteHandoverPayload,
    description:
      'The new handler completes the handover: link + SMS code + new password. Every session of the unit’s primary ' +
      'account ends. Errors: TOKEN_INVALID (link unknown, used or expired), BAD_USER_INPUT (code, password), ' +
      'TOO_MANY_ATTEMPTS.',
    args: { input: t.arg({ type: CompleteHandoverInput, required: true }) },
    resolve: (_root, { input }, ctx) => completeHandover.execute(ctx, input),
  }),
  cancelHandover: t.field({
    type: 'ID',
    description: 'Cancels a PENDING handover (the unit’s primary account or its starter). Errors: NOT_FOUND, CONFLICT.',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) => cancelHandover.execute(ctx, { id: String(args.id) }),
  }),
  resendHandoverCode: t.field({
    type: ResendHandoverCodePayload,
    description: '重新发送 the HANDOVER code to the new mobile. Errors: TOKEN_INVALID, TOO_MANY_ATTEMPTS.',
    args: { token: t.arg.string({ required: true }) },
    resolve: (_root, args, ctx) => resendHandoverCode.execute(ctx, { token: args.token }),
  }),
}))
