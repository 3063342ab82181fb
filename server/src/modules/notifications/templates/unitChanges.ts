// Notification texts: 单位信息变更. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because } from './phrases.ts'

export const unitChangesTemplates = {
  'unitChange.awaitingOfficeReview': (p) => ({
    subject: '有新的单位信息变更申请待审核',
    body: `${p.unit} 申请变更单位信息（${p.changedFacts}），待您审核。`,
  }),
  'unitChange.approved': (p) => ({
    subject: '单位信息变更申请审核通过',
    body: `您单位的单位信息变更申请（${p.changedFacts}）审核通过，单位信息已更新，网站标识核验页同步显示新信息。`,
  }),
  'unitChange.rejected': (p) => ({
    subject: '单位信息变更申请审核未通过',
    body: `您单位的单位信息变更申请（${p.changedFacts}）审核未通过${because(p.reason)}如有需要，请修改后重新申请。`,
  }),
} satisfies Record<string, Template>
