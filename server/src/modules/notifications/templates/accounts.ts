// Notification texts: 单位注册, 验证码 and the daily digest. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'

export const accountsTemplates = {
  // Registration, verification codes and the daily digest (modules registration, verification, jobs) -------------
  'unit.registered': (p) => ({
    subject: '新单位注册',
    body: `新单位“${p.unit}”已在本地区注册（经办人：${p.handler}）。`,
  }),
  'verification.code': (p) => ({
    subject: '短信验证码',
    body: `您的验证码为${p.code}，${p.minutes}分钟内有效。请勿泄露。`,
  }),
  'office.digest': (p) => {
    const waiting = (count: string, what: string) => (count && count !== '0' ? [`${what} ${count} 件`] : [])
    const items = [
      ...waiting(p.waitingDomains, `域名申请待${p.secondReview ? '复审' : '审核'}`),
      ...waiting(p.waitingSites, `网站开办申请待${p.secondReview ? '复审' : '初审'}`),
      ...waiting(p.waitingPaper, '书面材料待确认'),
      ...waiting(p.waitingBadgeChanges, '标识变更/注销待审核'),
    ]
    // The digest goes out only when something waits; rendered without counts it still reads as a sentence.
    const body = items.length
      ? `截至今日，您所在编办有待办事项：${items.join('，')}。请登录系统及时处理。`
      : '截至今日，您所在编办暂无待办事项。'
    return { subject: '每日待办提醒', body }
  },
} satisfies Record<string, Template>
