// One Chinese text per notification event. Events (and the scheduler's reminders) render their subject, the
// in-portal / email body and the short SMS text here, so the wording lives in one place.
//
// Usage: const { subject, body, sms } = renderNotification('renewal.due', { unit: '清丰县人民政府', domain: '清丰.政务', days: 30, deadline: '2026-08-01' })
// The template name is also stored as Notification.template, so keep the names stable.

export interface NotificationParams {
  /** Unit name (单位名称). */
  unit?: string | null
  /** Full domain name incl. suffix, e.g. 清丰.政务 */
  domain?: string | null
  /** The domain's earlier full name, when a resubmission renamed it since the last decision (shown as 原 …). */
  formerDomain?: string | null
  /** Rejection reason (审核意见). */
  reason?: string | null
  /** A date (YYYY-MM-DD) or Date: install deadline, expiry date, review due date. */
  deadline?: string | Date | null
  /** Days left (renewal reminders) or days overdue (escalation). */
  days?: number | null
  /** Site name (网站名称). */
  site?: string | null
  /** Site application serial number. */
  serialNumber?: string | null
  /** Badge number (标识编号). */
  badgeNumber?: string | null
  /** Office name (编办名称). */
  office?: string | null
  /** Amount in yuan as text, e.g. "1,200.00". */
  amount?: string | number | null
  /** Remittance / invoice request number. */
  number?: string | null
  /** Number of invoices, or of the registrations and renewals a fee paid for. */
  count?: number | null
  /** Years a renewal extends a domain by; absent for a registration. */
  years?: number | null
  /** Copies of the application form the unit sends with its paper materials (申请表一式N份). */
  formCopies?: number | null
  /** Express company and tracking number. */
  tracking?: string | null
  /** What is overdue in an escalation, e.g. 域名申请 / 网站开办申请 / 标识变更申请. */
  what?: string | null
  /** Badge change kind text, e.g. 变更 / 注销. */
  kind?: string | null

  // Registration, verification codes and the daily digest (modules registration, verification, jobs) -------------
  /** The unit's handler (经办人姓名). */
  handler?: string | null
  /** A verification code: only ever in the SMS text, never in a payload. */
  code?: string | null
  /** Minutes a verification code stays valid. */
  minutes?: number | null
  /** 每日待办: domain applications, site applications, paper materials and badge changes waiting for the office. */
  waitingDomains?: number | null
  waitingSites?: number | null
  waitingPaper?: number | null
  waitingBadgeChanges?: number | null
  /** 每日待办: CONAC's, whose applications wait for the second review (复审); false or absent for a local office. */
  secondReview?: boolean | null
}

export interface RenderedNotification {
  subject: string
  body: string
  sms: string
}

type Template = (p: Required<{ [K in keyof NotificationParams]: string }>) => { subject: string; body: string; sms?: string }

function dateText(value: string | Date | null | undefined): string {
  if (value == null || value === '') return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return value
}

/**
 * Free text (a reviewer's reason) that ends a sentence, with exactly one closing mark: its own 。！？ stays, a
 * trailing comma, colon or ASCII full stop gives way to 。 (a reason written as 「……，请重新申请。」 must not read
 * 「……请重新申请。。请修改后重新提交」).
 */
export function asSentence(text: string): string {
  const trimmed = text
    .trim()
    .replace(/!$/u, '！')
    .replace(/\?$/u, '？')
    .replace(/[\s，,、；;：:.．。]+$/u, '')
  if (!trimmed) return ''
  return /[！？…]$/u.test(trimmed) ? trimmed : `${trimmed}。`
}

/** `，原因：xxx。` (one closing mark, whatever the reason ends with), or `。` without a reason. */
const because = (reason: string) => (reason && asSentence(reason) ? `，原因：${asSentence(reason)}` : '。')

/** The domain, and its earlier name if a resubmission changed it: `新名.政务（原 旧名.政务）`. */
const domainNamed = (p: { domain: string; formerDomain: string }) => (p.formerDomain && p.formerDomain !== p.domain ? `${p.domain}（原 ${p.formerDomain}）` : p.domain)
/** The same before Chinese text: a space ends a bare domain name (清丰.政务 编办审核), not the closing bracket. */
const domainThen = (p: { domain: string; formerDomain: string }) => (domainNamed(p).endsWith('）') ? domainNamed(p) : `${domainNamed(p)} `)

export const NOTIFICATION_TEMPLATES = {
  // Domain applications -------------------------------------------------------------------------
  'domain.awaitingOfficeReview': (p) => ({
    subject: '有新的域名申请待审核',
    body: `${p.unit} 申请的域名 ${p.domain} 待您审核。`,
  }),
  'domain.resubmitted': (p) => ({
    subject: '有修改后重新提交的域名申请待审核',
    body: `${p.unit} 修改后重新提交了域名 ${domainNamed(p)}，待您审核。`,
  }),
  'domain.awaitingConacReview': (p) => ({
    subject: '有新的域名待 CONAC 审核',
    body: `${p.unit} 的域名 ${domainThen(p)}已通过编办审核，待 CONAC 审核。`,
  }),
  'domain.officeApproved': (p) => ({
    subject: `域名 ${p.domain} 编办审核通过`,
    body: `您单位申请的域名 ${domainThen(p)}编办审核通过，已提交 CONAC 审核。`,
  }),
  'domain.officeRejected': (p) => ({
    subject: `域名 ${p.domain} 编办审核未通过`,
    body: `您单位申请的域名 ${domainThen(p)}编办审核未通过${because(p.reason)}请修改后重新提交。`,
  }),
  'domain.conacApproved': (p) => ({
    subject: `域名 ${p.domain} CONAC审核通过`,
    body: `您单位申请的域名 ${domainThen(p)}CONAC审核通过，请到同级编办缴费。`,
  }),
  'domain.conacRejected': (p) => ({
    subject: `域名 ${p.domain} CONAC审核未通过`,
    body: `您单位申请的域名 ${domainThen(p)}CONAC审核未通过${because(p.reason)}请修改后重新提交。`,
  }),

  // Fees: 收费, 认款, 扣费 (modules/fees) ----------------------------------------------------------
  'fee.collected': (p) => ({
    subject: '收费通知',
    body: `您单位已在编办缴纳域名费用 ${p.amount} 元（${p.count} 项），系统扣费后即完成注册或续费。`,
  }),
  'remittance.confirmed': (p) => ({
    subject: '认款通知',
    body: `汇款单${p.number ? ` ${p.number}` : ''}${p.amount ? `（${p.amount} 元）` : ''}已认款，帐户余额已充值。`,
  }),
  'domain.charged': (p) => ({
    subject: '域名注册/续费成功',
    body: p.years ? `域名 ${p.domain} 已续费 ${p.years} 年。` : `域名 ${p.domain} 已注册成功。`,
  }),

  // Money and invoices ----------------------------------------------------------------------------
  'invoiceRequest.submitted': (p) => ({
    subject: '有新的预开发票申请待处理',
    body: `${p.office} 申请预开发票${p.count ? ` ${p.count} 张` : ''}${p.amount ? `（票面总额 ${p.amount} 元）` : ''}，待 CONAC 处理。`,
  }),
  'invoiceRequest.shipped': (p) => ({
    subject: '预开发票已寄出',
    body: `您提交的预开发票申请${p.number ? ` ${p.number}` : ''}${p.count ? `（${p.count} 张）` : ''}已由 CONAC 寄出${p.tracking ? `，快递单号：${p.tracking}` : ''}。收到后请在系统中签收。`,
  }),
  'invoiceRequest.signed': (p) => ({
    subject: '预开发票已签收',
    body: `${p.office || '编办'} 已签收预开发票申请${p.number ? ` ${p.number}` : ''}${p.count ? `（${p.count} 张）` : ''}的发票。`,
  }),
  'invoiceRequest.rejected': (p) => ({
    subject: '预开发票申请未通过',
    body: `您提交的预开发票申请${p.number ? ` ${p.number}` : ''}未通过${because(p.reason)}`,
  }),
  'invoice.issued': (p) => ({
    subject: '发票开具通知',
    body: `编办已为您单位开具发票 ${p.count} 张，金额 ${p.amount} 元。`,
  }),

  // Website badge -------------------------------------------------------------------------------
  'badge.issued': (p) => ({
    subject: '网站标识已发放',
    body: `您单位网站「${p.site}」已通过审核，网站标识（编号 ${p.badgeNumber}）已发放，请登录系统获取标识代码，并于 ${p.deadline} 前完成安装。`,
  }),
  'badge.notInstalled': (p) => ({
    subject: '网站标识未按期安装',
    body: `您单位网站「${p.site}」的网站标识（编号 ${p.badgeNumber}）未在 ${p.deadline} 前完成安装，请尽快将标识代码放置在网站每个页面底部居中位置。`,
  }),
  'badgeChange.awaitingOfficeReview': (p) => ({
    subject: `有新的网站标识${p.kind}申请待审核`,
    body: `${p.unit} 申请${p.kind}网站标识（编号 ${p.badgeNumber}），待您审核。`,
  }),
  'badgeChange.changeApproved': (p) => ({
    subject: '网站标识变更申请审核通过',
    body: `您单位网站标识（编号 ${p.badgeNumber}）的变更申请审核通过，标识信息已更新。`,
  }),
  'badgeChange.changeRejected': (p) => ({
    subject: '网站标识变更申请审核未通过',
    body: `您单位网站标识（编号 ${p.badgeNumber}）的变更申请审核未通过${because(p.reason)}如有需要，请修改后重新申请。`,
  }),
  'badgeChange.cancelApproved': (p) => ({
    subject: '网站标识注销申请审核通过',
    body: `您单位网站标识（编号 ${p.badgeNumber}）的注销申请审核通过。如需继续开办网站，请重新提交网站开办申请。`,
  }),
  'badgeChange.cancelRejected': (p) => ({
    subject: '网站标识注销申请审核未通过',
    body: `您单位网站标识（编号 ${p.badgeNumber}）的注销申请审核未通过${because(p.reason)}如有需要，请修改后重新申请。`,
  }),

  // Renewal and expiry --------------------------------------------------------------------------
  'renewal.due': (p) => ({
    subject: `域名 ${p.domain} 将于 ${p.days} 天后到期`,
    body: `您单位的域名 ${p.domain} 将于 ${p.deadline} 到期（剩余 ${p.days} 天），请及时到同级编办办理续费，以免影响使用。`,
  }),
  'domain.expired': (p) => ({
    subject: `域名 ${p.domain} 已到期`,
    body: `您单位的域名 ${p.domain} 已于 ${p.deadline} 到期，请尽快到同级编办办理续费。`,
  }),

  // Site applications ---------------------------------------------------------------------------
  'siteApplication.awaitingOfficeReview': (p) => ({
    subject: '有新的网站开办申请待初审',
    body: `${p.unit} 的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}待您初审。`,
  }),
  'siteApplication.awaitingConacReview': (p) => ({
    subject: '有新的网站开办申请待复审',
    body: `${p.unit} 的网站「${p.site}」已通过初审，待 CONAC 复审。`,
  }),
  'siteApplication.officeApproved': (p) => ({
    subject: '网站开办申请初审通过',
    body: `您单位的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}初审通过，已提交 CONAC 复审。`,
  }),
  'siteApplication.officeRejected': (p) => ({
    subject: '网站开办申请初审未通过',
    body: `您单位的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}初审未通过${because(p.reason)}请修改后重新提交。`,
  }),
  'siteApplication.conacApproved': (p) => ({
    subject: '网站开办申请复审通过',
    body:
      `您单位的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}复审通过` +
      (p.formCopies ? `，请将加盖公章的函和申请表（一式${p.formCopies}份）及经办人身份证复印件提交至同级编办。` : '。'),
  }),
  'siteApplication.conacRejected': (p) => ({
    subject: '网站开办申请复审未通过',
    body: `您单位的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}复审未通过${because(p.reason)}请修改后重新提交。`,
  }),
  'siteApplication.paperRejected': (p) => ({
    subject: '网站开办申请书面材料未通过',
    body: `您单位的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}书面材料确认未通过${because(p.reason)}请修改后重新提交。`,
  }),

  // Escalation ----------------------------------------------------------------------------------
  'review.escalated': (p) => ({
    subject: `${p.what || '审核'}超期未处理`,
    body: `${p.unit} 的${p.what || '申请'}${p.domain ? ` ${p.domain}` : ''}${p.site ? `「${p.site}」` : ''}${p.serialNumber ? `（${p.serialNumber}）` : ''}${p.badgeNumber ? `（标识编号 ${p.badgeNumber}）` : ''}${p.office ? `在 ${p.office}` : ''}已超期 ${p.days} 天未审核${p.deadline ? `（应于 ${p.deadline} 前处理）` : ''}，请督促办理。`,
  }),
  'paper.escalated': (p) => ({
    subject: '网站开办申请书面材料超期未确认',
    body: `${p.unit} 的网站「${p.site}」开办申请${p.serialNumber ? `（${p.serialNumber}）` : ''}已通过 CONAC 审核，书面材料${p.office ? `在 ${p.office}` : ''}已超期 ${p.days} 天未确认${p.deadline ? `（应于 ${p.deadline} 前确认）` : ''}，请督促办理。`,
  }),

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
    return { subject: '每日待办提醒', body: `截至今日，您所在编办有待办事项：${items.join('，')}。请登录系统及时处理。` }
  },
} satisfies Record<string, Template>

export type NotificationTemplateName = keyof typeof NOTIFICATION_TEMPLATES

export function isNotificationTemplate(name: string): name is NotificationTemplateName {
  return Object.prototype.hasOwnProperty.call(NOTIFICATION_TEMPLATES, name)
}

/** Renders one template. Missing params render as empty text; the SMS text is the body (the delivery
 * worker adds the signature, if any). */
export function renderNotification(template: NotificationTemplateName, params: NotificationParams = {}): RenderedNotification {
  const render: Template = NOTIFICATION_TEMPLATES[template]
  if (!render) throw new Error(`Unknown notification template: ${template}`)
  const p = {} as Required<{ [K in keyof NotificationParams]: string }>
  for (const [key, value] of Object.entries(params)) {
    if (value == null || value === false) continue // a false flag renders as absent (empty text), never as 'false'
    ;(p as Record<string, string>)[key] = key === 'deadline' ? dateText(value as string | Date) : String(value)
  }
  const text = new Proxy(p, { get: (target, key) => (target as Record<string | symbol, string>)[key] ?? '' })
  const { subject, body, sms } = render(text)
  return { subject, body, sms: sms ?? body }
}

export interface NotificationRecipient {
  id: number
  email?: string | null
  mobile?: string | null
}

/**
 * Drafts of one event for portal users: an IN_APP row per user and, per channel asked for, an EMAIL / SMS row per
 * user with an address. The dedupeKey is `${key}:${channel}:${userId}`, so the same event never notifies twice.
 */
export function draftsForUsers(
  users: NotificationRecipient[],
  template: NotificationTemplateName,
  params: NotificationParams,
  options: { key: string; payload?: Record<string, string | number | boolean | null>; channels?: Array<'IN_APP' | 'EMAIL' | 'SMS'> },
): Array<{ channel: 'IN_APP' | 'EMAIL' | 'SMS'; userId: number; address?: string | null; template: string; subject?: string; body: string; payload?: Record<string, string | number | boolean | null>; dedupeKey: string }> {
  const { subject, body, sms } = renderNotification(template, params)
  const channels = options.channels ?? ['IN_APP']
  const drafts: ReturnType<typeof draftsForUsers> = []
  for (const user of users) {
    for (const channel of channels) {
      const dedupeKey = `${options.key}:${channel}:${user.id}`
      if (channel === 'IN_APP') drafts.push({ channel, userId: user.id, template, subject, body, payload: options.payload, dedupeKey })
      else if (channel === 'EMAIL' && user.email) drafts.push({ channel, userId: user.id, address: user.email, template, subject, body, payload: options.payload, dedupeKey })
      else if (channel === 'SMS' && user.mobile) drafts.push({ channel, userId: user.id, address: user.mobile, template, body: sms, payload: options.payload, dedupeKey })
    }
  }
  return drafts
}
