// Notification texts: 网站标识: issuing, installation, change and cancellation. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because } from './phrases.ts'

export const badgesTemplates = {
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
} satisfies Record<string, Template>
