// Notification texts of 用户管理 (modules/accounts): the activation email of a new account, and its variant for an
// account imported from the old system (账号认领, modules/migration/claim). The SMS code that goes with either is the
// ordinary verification.code text. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'

export const userAdministrationTemplates = {
  'account.activation': (p) => ({
    subject: '请激活您的账号',
    body:
      `${p.displayName}，您好：${p.organisation}已为您开通政务和公益机构域名注册管理平台账号（用户名：${p.username}）。` +
      `请在 ${p.hours} 小时内打开以下链接设置密码并激活账号：${p.link} 。` +
      `也可以在激活页面输入用户名和发送到您手机的短信验证码完成激活。如非本人，请忽略本邮件。`,
  }),
  'account.claim': (p) => ({
    subject: '请认领您迁移过来的账号',
    body:
      `${p.displayName}，您好：您在原网上名称注册管理系统中的账号已迁移到政务和公益机构域名注册管理平台` +
      `（${p.organisation}，用户名：${p.username}）。请在 ${p.hours} 小时内打开以下链接设置密码，完成账号认领：${p.link} 。` +
      `也可以在激活页面输入用户名和发送到您手机的短信验证码完成认领。链接过期后，请联系所在地区的编办重新发送。` +
      `如非本人，请忽略本邮件。`,
  }),
} satisfies Record<string, Template>
