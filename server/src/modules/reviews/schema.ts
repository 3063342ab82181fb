// Review decisions (审核记录): one row per decision, for domains, site applications and badge changes alike.
import { builder } from '../../builder.ts'
import { ReviewLevel, ReviewResult, ReviewSubject } from '../../generated/prisma/enums.ts'
import type { FieldChange as FieldChangeShape } from './changes.ts'

export const ReviewLevelEnum = builder.enumType(ReviewLevel, {
  name: 'ReviewLevel',
  description: 'OFFICE 同级编办初审, CONAC 复审, PAPER 书面材料确认',
})
export const ReviewResultEnum = builder.enumType(ReviewResult, {
  name: 'ReviewResult',
  description: 'APPROVED 通过, REJECTED 不通过',
})
export const ReviewSubjectEnum = builder.enumType(ReviewSubject, { name: 'ReviewSubject' })

builder.prismaObject('ReviewDecision', {
  fields: (t) => ({
    id: t.exposeID('id'),
    subject: t.expose('subject', { type: ReviewSubjectEnum }),
    level: t.expose('level', { type: ReviewLevelEnum }),
    result: t.expose('result', { type: ReviewResultEnum }),
    reason: t.exposeString('reason', { nullable: true }),
    decidedAt: t.expose('decidedAt', { type: 'DateTime' }),
    office: t.relation('office'),
    reviewerName: t.string({
      description: "The reviewer's display name.",
      select: { reviewer: { select: { displayName: true } } },
      resolve: (decision) => decision.reviewer.displayName,
    }),
  }),
})

export const FieldChange = builder.objectRef<FieldChangeShape>('FieldChange').implement({
  description:
    'One field that differs from the values at an earlier review (what the applicant changed before resubmitting).',
  fields: (t) => ({
    field: t.exposeString('field', {
      description:
        'The field name in the API: a SiteApplication field such as siteIntro (chineseDomainId shown as the domain name), or a Domain field: name (shown as the whole domain, e.g. 清丰县人民政府.政务) or years',
    }),
    before: t.exposeString('before', { nullable: true }),
    after: t.exposeString('after', { nullable: true }),
  }),
})
