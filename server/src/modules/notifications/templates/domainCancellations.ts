// Notification texts: 域名注销. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because } from './phrases.ts'

export const domainCancellationsTemplates = {
  'domainCancellation.awaitingOfficeReview': (p) => ({
    subject: `有新的域名注销申请待审核`,
    body: `${p.unit} 申请注销域名 ${p.domain}，待您审核。`,
  }),
  'domainCancellation.approved': (p) => ({
    subject: `域名 ${p.domain} 注销申请审核通过`,
    body: `您单位的域名 ${p.domain} 注销申请审核通过，域名已删除并停止解析${p.what ? `，${p.what}已一并注销` : ''}。该名称保留至 ${p.deadline}，之后可被重新申请。`,
  }),
  'domainCancellation.rejected': (p) => ({
    subject: `域名 ${p.domain} 注销申请审核未通过`,
    body: `您单位的域名 ${p.domain} 注销申请审核未通过${because(p.reason)}域名保持原状态。`,
  }),
  'office.domainCancellation.approved': (p) => ({
    subject: `${p.unit} 的域名 ${p.domain} 已注销`,
    body: `${p.unit} 的域名 ${p.domain} 注销申请已审核通过，域名已删除；名称保留至 ${p.deadline}。`,
  }),
} satisfies Record<string, Template>
