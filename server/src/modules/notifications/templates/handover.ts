// Notification texts of 经办人交接 (module registration, handover/). The names are stored as Notification.template:
// keep them stable.
import type { Template } from './params.ts'

export const handoverTemplates = {
  /** To the new handler's email: the link to complete the handover (the SMS code goes to the new mobile). */
  'handover.started': (p) => ({
    subject: '经办人交接：请确认并设置登录密码',
    body:
      `${p.newHandler}您好：“${p.unit}”已将您登记为新的经办人。请在 ${p.hours} 小时内打开以下链接，` +
      `输入发送到您手机（${p.maskedMobile}）的短信验证码并设置登录密码，完成交接：${p.link}` +
      '\n如您并未同意接任经办人，请忽略本邮件。',
  }),
  /** To the old and the new handler (SMS, email) and the unit's users (in-app). */
  'handover.completed': (p) => ({
    subject: '经办人交接已完成',
    body:
      `“${p.unit}”的经办人已由${p.handler}变更为${p.newHandler}，单位主账号的登录密码已重新设置，` +
      '原有登录已全部退出。如非本单位办理，请立即联系同级编办。',
    sms: `“${p.unit}”经办人已由${p.handler}变更为${p.newHandler}，原有登录已全部退出。如有疑问请联系同级编办。`,
  }),
} satisfies Record<string, Template>
