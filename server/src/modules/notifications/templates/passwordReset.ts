// Notification texts of 忘记密码 and 协助重置密码 (modules/auth/passwordReset). The SMS code itself goes out as
// verification.code. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'

export const passwordResetTemplates = {
  'password.resetLink': (p) => ({
    subject: '重置密码',
    body:
      `您（或他人）申请重置账号“${p.login}”的密码。请在 ${p.minutes} 分钟内打开以下链接设置新密码（仅可使用一次）：` +
      `${p.link}\n如非本人操作，请忽略本邮件，您的密码不会改变。`,
  }),
  'password.reset': (p) => ({
    subject: '密码已重置',
    body: `账号“${p.login}”的密码已重置，所有设备上的登录已退出。如非本人操作，请立即联系上级编办。`,
  }),
} satisfies Record<string, Template>
