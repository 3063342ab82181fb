// Notification texts: 域名申请, 网站开办审核 and their escalation. The names are stored as Notification.template: keep them stable.
import type { Template } from './params.ts'
import { because, domainNamed, domainThen } from './phrases.ts'

export const reviewsTemplates = {
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
} satisfies Record<string, Template>
