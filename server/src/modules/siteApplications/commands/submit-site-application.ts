// 提交: a unit user sends its draft to the same-level office for 初审, confirmed by the SMS code sent to the handler.
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { conflictStale } from '../../../lib/review.ts'
import { fieldsOf } from '../fields.ts'
import { sendToOffice } from '../submission.ts'
import { applicationInScope, ownUnitId, UNIT_USERS_ONLY } from '../targets.ts'

export const submitSiteApplication = defineCommand({
  name: 'submitSiteApplication',
  policy: { who: ['unit'], tokens: false, rule: 'a unit user, its own unit’s draft', refusal: UNIT_USERS_ONLY },
  scope: 'siteApplicationScope',
  transition: { entity: 'SiteApplication', from: ['DRAFT'], to: ['PENDING_OFFICE_REVIEW'] },
  effects: ['绑定域名: the unit’s REGISTERED domains', 'the handler’s SMS code spent'],
  notices: ['siteApplication.awaitingOfficeReview'],

  async run(ctx, input: { id: string | number; version: number; verificationCode: string }) {
    ownUnitId(ctx)
    const app = await applicationInScope(ctx, input.id)
    if (app.status !== 'DRAFT') throw appError('CONFLICT', '该申请已提交')
    if (app.version !== input.version) throw conflictStale()
    const sending = {
      fields: fieldsOf(app),
      code: input.verificationCode,
      from: ['DRAFT'],
      action: 'siteApplication.submit',
    } as const
    return sendToOffice(ctx, app, sending)
  },
})
