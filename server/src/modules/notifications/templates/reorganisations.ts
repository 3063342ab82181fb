// Notification texts: 机构改革. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because } from './phrases.ts'

export const reorganisationsTemplates = {
  'reorganisation.awaitingReview': (p) => ({
    subject: '有新的机构改革申请待审核',
    body: `${p.office}提交了机构改革申请（${p.kind}：${p.unit}），待您审核。`,
  }),
  'reorganisation.carriedOut': (p) => ({
    subject: '机构改革申请审核通过并已实施',
    body: `机构改革申请（${p.kind}：${p.unit}）审核通过，域名、网站标识和用户已按方案划转或注销。`,
  }),
  'reorganisation.rejected': (p) => ({
    subject: '机构改革申请审核未通过',
    body: `机构改革申请（${p.kind}：${p.unit}）审核未通过${because(p.reason)}请修改方案后重新提交。`,
  }),
} satisfies Record<string, Template>
