// sendVerificationCode, the global SMS budget for CONAC, and the development outbox (the SMS and email a real gateway
// would have sent). Each command and query is a file of its own (commands/, queries/) with its policy at the top;
// this file only translates.
import { builder } from '../../builder.ts'
import { config } from '../../config.ts'
import { NotificationChannel, SmsBudgetWindow, VerificationPurpose } from '../../generated/prisma/enums.ts'
import type { SmsBudgetAlert, SmsBudgetStatus } from './budget.ts'
import { sendVerificationCode } from './commands/send-verification-code.ts'
import { developmentOutbox } from './queries/development-outbox.ts'
import { smsBudget } from './queries/sms-budget.ts'

export const VerificationPurposeEnum = builder.enumType(VerificationPurpose, {
  name: 'VerificationPurpose',
  description:
    '验证码用途: UNIT_REGISTRATION 新用户注册 (no login needed), CONTACT_CHANGE 变更联系人, SITE_APPLICATION 网站开办审核申请',
})

export const NotificationChannelEnum = builder.enumType(NotificationChannel, {
  name: 'NotificationChannel',
  description: 'SMS 短信, EMAIL 邮件, IN_APP 站内消息',
})

const SendVerificationCodeInput = builder.inputType('SendVerificationCodeInput', {
  fields: (t) => ({
    mobile: t.string({ required: true, description: '11 位手机号码' }),
    purpose: t.field({ type: VerificationPurposeEnum, required: true }),
  }),
})

const SendVerificationCodePayload = builder
  .objectRef<{ mobile: string; purpose: VerificationPurpose; expiresAt: Date; resendAfterSeconds: number }>(
    'SendVerificationCodePayload',
  )
  .implement({
    description: 'A code was sent by SMS. The code itself is never in the response.',
    fields: (t) => ({
      mobile: t.exposeString('mobile'),
      purpose: t.expose('purpose', { type: VerificationPurposeEnum }),
      expiresAt: t.expose('expiresAt', { type: 'DateTime', description: 'The code is valid until then (5 minutes).' }),
      resendAfterSeconds: t.exposeInt('resendAfterSeconds', {
        description: 'Seconds before another code may be requested.',
      }),
    }),
  })

// A variant of the Notification model, so a notification centre can define its own Notification type beside it.
export const OutboxMessageRef = builder.prismaObject('Notification', {
  variant: 'OutboxMessage',
  description: 'An SMS or email in the outbox, as the development outbox shows it.',
  fields: (t) => ({
    id: t.exposeID('id'),
    channel: t.expose('channel', { type: NotificationChannelEnum }),
    address: t.exposeString('address', { nullable: true, description: 'Mobile number or email address' }),
    template: t.exposeString('template'),
    subject: t.exposeString('subject', { nullable: true }),
    body: t.exposeString('body'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

builder.mutationFields((t) => ({
  sendVerificationCode: t.field({
    type: SendVerificationCodePayload,
    description:
      'Send a 6-digit code by SMS, valid 5 minutes, at most 5 tries. UNIT_REGISTRATION is public; other purposes need a ' +
      'logged-in unit user. Errors: BAD_USER_INPUT (mobile), TOO_MANY_ATTEMPTS (60 s between codes for a number and ' +
      "purpose, 10 codes a number a day, 30 codes an address an hour, or the whole system's hourly or daily budget " +
      'with extensions.reason SMS_BUDGET_REACHED, budgetWindow HOUR or DAY and budgetScope ALL, or ANONYMOUS when ' +
      'UNIT_REGISTRATION codes used up their share of it; extensions.retryAfterSeconds), ' +
      'UNAUTHENTICATED, FORBIDDEN.',
    args: { input: t.arg({ type: SendVerificationCodeInput, required: true }) },
    resolve: (_root, { input }, ctx) => sendVerificationCode.execute(ctx, input),
  }),
}))

builder.queryFields((t) => ({
  developmentOutboxEnabled: t.boolean({
    description: 'Whether developmentOutbox is available (the server runs in development or with DEV_OUTBOX=true).',
    resolve: () => config.devOutbox,
  }),
  developmentOutbox: t.prismaField({
    type: [OutboxMessageRef],
    description:
      'Development only: the newest SMS and email in the outbox, so a person can read a verification code without an ' +
      'SMS gateway. FORBIDDEN when the server runs without the development outbox (production without DEV_OUTBOX=true).',
    args: { first: t.arg.int({ required: false, description: 'How many, 1-100 (default 20)' }) },
    resolve: (query, _root, { first }, ctx) => developmentOutbox.execute(ctx, { query, first }),
  }),
}))

const SmsBudgetWindowEnum = builder.enumType(SmsBudgetWindow, {
  name: 'SmsBudgetWindow',
  description: 'HOUR 每小时 (a clock hour), DAY 每日 (a Beijing day)',
})

const SmsBudgetScopeEnum = builder.enumType('SmsBudgetScope', {
  description:
    'ALL 全系统 (every code), ANONYMOUS 新用户注册 (the share of UNIT_REGISTRATION codes, which need no login)',
  values: ['ALL', 'ANONYMOUS'] as const,
})

const SmsBudgetAlertRef = builder.objectRef<SmsBudgetAlert>('SmsBudgetAlert').implement({
  description: 'A period in which a budget of SMS verification codes was reached (sends were refused).',
  fields: (t) => ({
    window: t.expose('window', { type: SmsBudgetWindowEnum }),
    scope: t.expose('scope', {
      type: SmsBudgetScopeEnum,
      description: "The whole system's budget, or the anonymous share of it",
    }),
    periodStart: t.expose('periodStart', {
      type: 'DateTime',
      description: 'Start of the clock hour or of the Beijing day',
    }),
    budget: t.exposeInt('budget', { description: 'The budget (or share) in force then' }),
    reachedAt: t.expose('reachedAt', { type: 'DateTime', description: 'When the first send was refused' }),
  }),
})

const SmsBudgetStatusRef = builder.objectRef<SmsBudgetStatus>('SmsBudgetStatus').implement({
  description:
    'The global budget of SMS verification codes (SMS_BUDGET_PER_HOUR, SMS_BUDGET_PER_DAY), the share of it that codes ' +
    'without a login (UNIT_REGISTRATION) may use (SMS_BUDGET_ANONYMOUS_SHARE), and their use.',
  fields: (t) => ({
    perHour: t.exposeInt('perHour'),
    perDay: t.exposeInt('perDay'),
    anonymousShare: t.exposeInt('anonymousShare', { description: 'Percent of each budget anonymous codes may use' }),
    anonymousPerHour: t.exposeInt('anonymousPerHour'),
    anonymousPerDay: t.exposeInt('anonymousPerDay'),
    sentThisHour: t.exposeInt('sentThisHour', { description: 'Every code this clock hour, anonymous ones included' }),
    sentToday: t.exposeInt('sentToday', { description: 'Since 00:00 Beijing time, anonymous ones included' }),
    anonymousSentThisHour: t.exposeInt('anonymousSentThisHour'),
    anonymousSentToday: t.exposeInt('anonymousSentToday'),
    alerts: t.field({
      type: [SmsBudgetAlertRef],
      description: 'Budgets reached in the last 7 days, newest first',
      resolve: (status) => status.alerts,
    }),
  }),
})

builder.queryFields((t) => ({
  smsBudget: t.field({
    type: SmsBudgetStatusRef,
    description:
      'The global SMS verification-code budget and its anonymous share, this hour’s and today’s use, and recent periods that reached either. CONAC staff.',
    resolve: (_root, _args, ctx) => smsBudget.execute(ctx, undefined),
  }),
}))
