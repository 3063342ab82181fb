// Notification texts: 域名过户. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because } from './phrases.ts'

export const domainTransfersTemplates = {
  'domainTransfer.awaitingApproval': (p) => ({
    subject: '有新的域名过户申请待审批',
    body: `${p.unit} 申请将域名 ${p.domain} 过户给 ${p.toUnit}，待您审批。`,
  }),
  'domainTransfer.incoming': (p) => ({
    subject: '有域名申请过户给您单位',
    body: `${p.unit} 申请将域名 ${p.domain} 过户给您单位，待相关编办审批，审批通过后域名将出现在您单位的“我的域名”中。`,
  }),
  'domainTransfer.completed': (p) => ({
    subject: '域名过户已完成',
    body: `域名 ${p.domain} 已由 ${p.unit} 过户给 ${p.toUnit}，解析记录保持不变。`,
  }),
  'domainTransfer.rejected': (p) => ({
    subject: '域名过户申请未通过',
    body: `域名 ${p.domain} 由 ${p.unit} 过户给 ${p.toUnit} 的申请经 ${p.office} 审批未通过${because(p.reason)}`,
  }),
  'domainTransfer.withdrawn': (p) => ({
    subject: '域名过户申请已撤回',
    body: `${p.unit} 已撤回将域名 ${p.domain} 过户给 ${p.toUnit} 的申请。`,
  }),
} satisfies Record<string, Template>
