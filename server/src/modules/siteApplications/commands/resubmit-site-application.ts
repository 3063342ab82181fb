// 修改后重新提交: a unit user edits a rejected application (at any level) and sends it back to the same-level
// office for 初审; earlier decisions stay.
import { defineCommand } from '../../../commands/define.ts'
import { appError } from '../../../errors.ts'
import { conflictStale } from '../../../lib/review.ts'
import { fieldsOf, mergeFields, type SiteApplicationFieldsInput } from '../fields.ts'
import { REJECTED } from '../statuses.ts'
import { sendToOffice } from '../submission.ts'
import { applicationInScope, ownUnitId, UNIT_USERS_ONLY } from '../targets.ts'

export interface ResubmitInput extends SiteApplicationFieldsInput {
  id: string | number
  version: number
  verificationCode: string
}

export const resubmitSiteApplication = defineCommand({
  name: 'resubmitSiteApplication',
  policy: {
    who: ['unit'],
    tokens: false,
    rule: 'a unit user, its own unit’s rejected application',
    refusal: UNIT_USERS_ONLY,
  },
  scope: 'siteApplicationScope',
  transition: { entity: 'SiteApplication', from: REJECTED, to: ['PENDING_OFFICE_REVIEW'] },
  effects: ['绑定域名: the unit’s REGISTERED domains', 'the handler’s SMS code spent'],
  notices: ['siteApplication.awaitingOfficeReview'],

  async run(ctx, input: ResubmitInput) {
    ownUnitId(ctx)
    const app = await applicationInScope(ctx, input.id)
    if (!REJECTED.includes(app.status)) throw appError('CONFLICT', '只有审核未通过的申请可以修改后重新提交')
    if (app.version !== input.version) throw conflictStale()
    const fields = mergeFields(fieldsOf(app), input)
    return sendToOffice(ctx, app, {
      fields,
      code: input.verificationCode,
      from: REJECTED,
      action: 'siteApplication.resubmit',
    })
  },
})
