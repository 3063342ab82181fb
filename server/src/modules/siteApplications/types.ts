// 网站开办审核/资格复核申请 and 网站标识: the SiteApplication, PaperSubmission and Badge types and their enums.
// The inputs and root fields are in schema.ts, the rules in commands/ and queries/.
import { builder } from '../../builder.ts'
import {
  BadgePlacement,
  BadgeStatus,
  SiteApplicationKind,
  SiteApplicationStatus,
} from '../../generated/prisma/enums.ts'
import { FieldChange } from '../reviews/schema.ts'
import { SystemCategoryEnum } from '../units/schema.ts'
import { STORED_FIELD_SELECT } from './fields.ts'
import { changesSinceLastReview } from './reads.ts'

export const SiteApplicationKindEnum = builder.enumType(SiteApplicationKind, {
  name: 'SiteApplicationKind',
  description: 'NEW_SITE 新开办网站申请, RE_REVIEW 已开办网站复核',
})
export const SiteApplicationStatusEnum = builder.enumType(SiteApplicationStatus, {
  name: 'SiteApplicationStatus',
  description:
    'DRAFT 草稿, PENDING_OFFICE_REVIEW 初审中, OFFICE_REJECTED 初审未通过, PENDING_CONAC_REVIEW 复审中, CONAC_REJECTED 复审未通过, ' +
    'AWAITING_PAPER 审核通过，待提交书面材料, PAPER_REJECTED 书面材料未通过, BADGE_ISSUED 已发放网站标识, WITHDRAWN 已撤回, BADGE_CANCELLED 标识已注销（可重新申请）',
})
export const BadgePlacementEnum = builder.enumType(BadgePlacement, {
  name: 'BadgePlacement',
  description: 'MICRO_SITE 网络红页, SELF_BUILT 自建网站',
})
export const BadgeStatusEnum = builder.enumType(BadgeStatus, {
  name: 'BadgeStatus',
  description: 'ACTIVE 有效, CANCELLED 已注销',
})

builder.prismaObject('PaperSubmission', {
  description: '书面材料: what the same-level office has received from a 党政机关/群团机关.',
  fields: (t) => ({
    id: t.exposeID('id'),
    copiesRequired: t.exposeInt('copiesRequired'),
    letterReceived: t.exposeBoolean('letterReceived'),
    formCopiesReceived: t.exposeInt('formCopiesReceived'),
    idCopyReceived: t.exposeBoolean('idCopyReceived'),
    missingNote: t.exposeString('missingNote', { nullable: true }),
    receivedAt: t.expose('receivedAt', { type: 'DateTime', nullable: true }),
    confirmedAt: t.expose('confirmedAt', { type: 'DateTime', nullable: true }),
  }),
})

builder.prismaObject('SiteApplication', {
  description: '网站开办审核/资格复核申请',
  fields: (t) => ({
    id: t.exposeID('id'),
    serialNumber: t.exposeString('serialNumber', { description: 'e.g. WZ-2026-000123' }),
    kind: t.expose('kind', { type: SiteApplicationKindEnum }),
    status: t.expose('status', { type: SiteApplicationStatusEnum }),
    version: t.exposeInt('version', { description: 'Changes with every transition; send it back to edit or review.' }),
    unit: t.relation('unit'),
    unitName: t.exposeString('unitName', { description: '开办主体 as submitted' }),
    superiorUnitName: t.exposeString('superiorUnitName', { nullable: true }),
    unitFunctions: t.exposeString('unitFunctions', { nullable: true }),
    systemCategory: t.expose('systemCategory', { type: SystemCategoryEnum }),
    address: t.exposeString('address'),
    postcode: t.exposeString('postcode'),
    siteName: t.exposeString('siteName'),
    siteIntro: t.exposeString('siteIntro', { description: 'At most 500 characters' }),
    chineseDomain: t.relation('chineseDomain', { nullable: true }),
    englishDomain: t.exposeString('englishDomain', {
      nullable: true,
      description:
        'The site’s host name: under .gov.cn for 党政机关, any Internet host name for the other unit types; null when useMicroSite',
    }),
    useMicroSite: t.exposeBoolean('useMicroSite', { description: 'The badge goes on the 网络红页' }),
    ipAddress: t.exposeString('ipAddress', { nullable: true }),
    principalName: t.exposeString('principalName'),
    principalLandline: t.exposeString('principalLandline', { nullable: true }),
    principalMobile: t.exposeString('principalMobile'),
    principalEmail: t.exposeString('principalEmail'),
    handlerName: t.exposeString('handlerName'),
    handlerLandline: t.exposeString('handlerLandline', { nullable: true }),
    handlerMobile: t.exposeString('handlerMobile'),
    handlerEmail: t.exposeString('handlerEmail'),
    handlerIdNumber: t.string({
      description:
        '经办人身份证号, masked (410902********1233): the number is stored encrypted; revealIdNumber shows it in full, with a reason',
      select: { handlerIdNumberMasked: true },
      resolve: (app) => app.handlerIdNumberMasked?.trim() ?? '',
    }),
    boundDomains: t.prismaField({
      type: ['Domain'],
      description: '绑定域名: the unit’s REGISTERED domains at submission',
      select: { id: true },
      resolve: (query, app, _args, ctx) =>
        ctx.prisma.domain.findMany({
          ...query,
          where: { siteApplications: { some: { siteApplicationId: app.id } } },
          orderBy: { id: 'asc' },
        }),
    }),
    submittedAt: t.expose('submittedAt', { type: 'DateTime', nullable: true }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    reviewDecisions: t.relation('reviewDecisions', {
      description: 'Every decision, oldest first (kept across resubmissions)',
      query: { orderBy: { id: 'asc' } },
    }),
    paperSubmission: t.relation('paperSubmission', { nullable: true }),
    badge: t.relation('badge', { nullable: true }),
    changesSinceLastReview: t.field({
      type: [FieldChange],
      description: 'Fields that differ from the values at the latest review (empty before any review).',
      select: { id: true, ...STORED_FIELD_SELECT },
      resolve: (app, _args, ctx) => changesSinceLastReview(ctx, app),
    }),
  }),
})

builder.prismaObject('Badge', {
  description: '网站标识',
  fields: (t) => ({
    id: t.exposeID('id'),
    badgeNumber: t.exposeString('badgeNumber'),
    status: t.expose('status', { type: BadgeStatusEnum }),
    placement: t.expose('placement', { type: BadgePlacementEnum }),
    siteName: t.exposeString('siteName'),
    englishDomain: t.exposeString('englishDomain', { nullable: true }),
    issuedAt: t.expose('issuedAt', { type: 'DateTime' }),
    installDeadline: t.expose('installDeadline', {
      type: 'DateTime',
      description:
        '安装期限: the end (23:59:59.999 Beijing time) of the 5th working day after issue (holidays and 调休 counted)',
    }),
    unit: t.relation('unit'),
    siteApplication: t.relation('siteApplication'),
  }),
})

builder.prismaObjectField('ReviewDecision', 'siteApplication', (t) => t.relation('siteApplication', { nullable: true }))
