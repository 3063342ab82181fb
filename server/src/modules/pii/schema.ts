// Personal data (个人信息): ID numbers are stored encrypted and shown masked; revealIdNumber shows one in full.
import { builder } from '../../builder.ts'
import { revealIdNumber } from './commands/reveal-id-number.ts'

const PiiSubjectEnum = builder.enumType('PiiSubject', {
  description: 'Whose 经办人身份证号: a unit’s (Unit.id) or a site application’s (SiteApplication.id)',
  values: { UNIT: { description: '注册单位' }, SITE_APPLICATION: { description: '网站开办申请' } } as const,
})

const RevealIdNumberInput = builder.inputType('RevealIdNumberInput', {
  fields: (t) => ({
    subject: t.field({ type: PiiSubjectEnum, required: true }),
    id: t.id({ required: true }),
    reason: t.string({ required: true, description: '查看原因, 2-200 characters; recorded in the audit log' }),
  }),
})

builder.mutationFields((t) => ({
  revealIdNumber: t.string({
    nullable: true,
    description:
      '查看完整号码: the handler’s ID number in full (null when none is recorded). A unit for itself and its applications, ' +
      'an office within its subtree, CONAC everywhere; NOT_FOUND outside. Recorded as audit pii.reveal with the reason. ' +
      'Errors: BAD_USER_INPUT (reason), NOT_FOUND, FORBIDDEN (API tokens).',
    args: { input: t.arg({ type: RevealIdNumberInput, required: true }) },
    resolve: (_root, { input }, ctx) => revealIdNumber.execute(ctx, input),
  }),
}))
