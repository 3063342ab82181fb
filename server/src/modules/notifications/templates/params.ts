// What a notification template is given (every value optional, rendered as text) and what it returns.
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
  /** 单位信息变更: the facts a request changes, e.g. 单位名称、单位地址. */
  changedFacts?: string | null
  /** 域名过户: the receiving unit's name (unit is the giving one). */
  toUnit?: string | null

  // Registration, verification codes and the daily digest (modules registration, verification, jobs) -------------
  /** The unit's handler (经办人姓名). */
  handler?: string | null
  /** A verification code: only ever in the SMS text, never in a payload. */
  code?: string | null
  /** Minutes a verification code stays valid. */
  minutes?: number | null
  /** 忘记密码 / 协助重置密码: the account's login name. */
  login?: string | null
  /** A one-time link (activation, password reset): only ever in the email text, never in a payload. */
  link?: string | null
  /** 每日待办: domain applications, site applications, paper materials and badge changes waiting for the office. */
  waitingDomains?: number | null
  waitingSites?: number | null
  waitingPaper?: number | null
  waitingBadgeChanges?: number | null
  /** 每日待办: CONAC's, whose applications wait for the second review (复审); false or absent for a local office. */
  secondReview?: boolean | null

  // 用户管理 (modules/accounts) ---------------------------------------------------------------------------------
  /** The account holder's name as the account shows it. */
  displayName?: string | null
  /** The account's login name. */
  username?: string | null
  /** The office or unit that opened the account. */
  organisation?: string | null
  /** Hours a link stays valid. */
  hours?: number | null

  // 经办人交接 (module registration, templates/handover.ts) ---------------------------------------------------------
  /** The new handler's name. */
  newHandler?: string | null
  /** A masked mobile number, e.g. 138****1234. */
  maskedMobile?: string | null
}

/** A template: the params as text (a missing one is empty) → subject, body and optionally a shorter SMS text. */
export type Template = (p: Required<{ [K in keyof NotificationParams]: string }>) => {
  subject: string
  body: string
  sms?: string
}
