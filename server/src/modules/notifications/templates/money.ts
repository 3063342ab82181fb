// Notification texts: 收费, 认款, 扣费, 发票, 续费, expiry and the states after it. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because } from './phrases.ts'

export const moneyTemplates = {
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

  // Renewal and expiry --------------------------------------------------------------------------
  'renewal.due': (p) => ({
    subject: `域名 ${p.domain} 将于 ${p.days} 天后到期`,
    body: `您单位的域名 ${p.domain} 将于 ${p.deadline} 到期（剩余 ${p.days} 天），请及时到同级编办办理续费，以免影响使用。`,
  }),
  'domain.expired': (p) => ({
    subject: `域名 ${p.domain} 已到期`,
    body: `您单位的域名 ${p.domain} 已于 ${p.deadline} 到期，请尽快到同级编办办理续费。`,
  }),

  // After expiry (modules/lifecycle): to the unit (deadline = the date of the next step) ---------------------------
  'domain.grace': (p) => ({
    subject: `域名 ${p.domain} 已到期，进入宽限期`,
    body: `您单位的域名 ${p.domain} 已到期，现处于宽限期，解析照常。请在 ${p.deadline} 前办理续费，逾期将进入赎回期并停止解析。`,
  }),
  'domain.redemption': (p) => ({
    subject: `域名 ${p.domain} 进入赎回期，已停止解析`,
    body: `您单位的域名 ${p.domain} 宽限期已过，现处于赎回期，已停止解析。赎回期内只能通过同级编办办理续费；${p.deadline} 前未续费的，域名将被删除。`,
  }),
  'domain.deleted': (p) => ({
    subject: `域名 ${p.domain} 已删除`,
    body: `您单位的域名 ${p.domain} 赎回期已过，已被删除，不能再续费。该名称保留至 ${p.deadline}，之后可被重新申请。`,
  }),
  'domain.released': (p) => ({
    subject: `域名 ${p.domain} 名称已释放`,
    body: `已删除的域名 ${p.domain} 保留期已满，名称已释放，可重新申请注册。`,
  }),
  // The same steps, to the unit's same-level office (IN_APP) --------------------------------------------------
  'office.domain.grace': (p) => ({
    subject: `${p.unit} 的域名 ${p.domain} 进入宽限期`,
    body: `${p.unit} 的域名 ${p.domain} 已到期，宽限期至 ${p.deadline}，期间解析照常，单位可自行续费。`,
  }),
  'office.domain.redemption': (p) => ({
    subject: `${p.unit} 的域名 ${p.domain} 进入赎回期`,
    body: `${p.unit} 的域名 ${p.domain} 已停止解析，赎回期至 ${p.deadline}，期间只能由编办办理续费。`,
  }),
  'office.domain.deleted': (p) => ({
    subject: `${p.unit} 的域名 ${p.domain} 已删除`,
    body: `${p.unit} 的域名 ${p.domain} 赎回期已过，已被删除；名称保留至 ${p.deadline}。`,
  }),
  'office.domain.released': (p) => ({
    subject: `${p.unit} 的域名 ${p.domain} 名称已释放`,
    body: `${p.unit} 已删除的域名 ${p.domain} 保留期已满，名称可被重新申请。`,
  }),
} satisfies Record<string, Template>
