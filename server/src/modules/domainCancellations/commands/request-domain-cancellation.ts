// 申请注销域名: a unit user asks to give up one of its unit's domains; the unit's same-level office reviews it
// (review-domain-cancellation.ts). The unit first sees what depends on the domain (domainCancellationImpact) and
// files against that impact (its fingerprint): dependents that appeared or went since answer CONFLICT, and
// dependents that exist answer CONFLICT DEPENDENTS_EXIST unless the unit agreed to cancel them together. One request
// is open per domain across renewal, 注销, 过户 and 机构改革 (domains/openRequests.ts claimDomains, under the domain's
// row lock); the partial unique index domain_cancellation_requests_one_pending settles two 注销 at once.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput, forbidden } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { actingUserId } from '../../../viewer.ts'
import { fullNameOf } from '../../domainApplications/names.ts'
import { claimDomains, openRequestConflict } from '../../domains/openRequests.ts'
import { staffNotices } from '../../notifications/drafts.ts'
import { cancellationImpact, dependentsText, hasDependents } from '../impact.ts'
import { CANCELLABLE_STATUSES, DOMAIN_CANCELLERS, domainInScope } from '../targets.ts'

export interface RequestDomainCancellationInput {
  domainId: string | number
  reason: string
  /** 一并注销以下依赖项: the unit agreed to cancel the listed badges and site applications with the domain. */
  cancelDependents: boolean
  /** domainCancellationImpact's fingerprint as the unit saw it. */
  impactFingerprint: string
}

export const NOT_CANCELLABLE = '只有已注册、已过期或处于宽限期、赎回期的域名可以申请注销'
const IMPACT_CHANGED = '域名的依赖项在您查看后发生了变化，请刷新后重新确认'

export const requestDomainCancellation = defineCommand({
  name: 'requestDomainCancellation',
  policy: DOMAIN_CANCELLERS,
  scope: 'domainScope',
  transition: { entity: 'DomainCancellationRequest', from: [], to: ['PENDING'] },
  effects: ['Domain version +1 (claimDomains): a renewal, 过户 or 机构改革 read before answers CONFLICT'],
  notices: ['domainCancellation.awaitingOfficeReview'],

  async run(ctx, input: RequestDomainCancellationInput) {
    if (ownUnitOf(ctx.viewer) == null) throw forbidden(DOMAIN_CANCELLERS.refusal)
    const domain = await domainInScope(ctx, input.domainId)
    const reason = input.reason.trim()
    const reasonLength = [...reason].length
    if (reasonLength < 2 || reasonLength > 500)
      throw badInput('请填写注销原因', { reason: '请填写 2-500 个字的注销原因' })
    if (!CANCELLABLE_STATUSES.includes(domain.status))
      throw appError('CONFLICT', NOT_CANCELLABLE, { reason: 'DOMAIN_NOT_CANCELLABLE' })
    const reviewOfficeId = domain.unit.region.office?.id
    if (reviewOfficeId == null) throw appError('CONFLICT', '本单位所属区域暂无编办，无法受理注销申请')
    const domainName = fullNameOf(domain)

    try {
      return await ctx.prisma.$transaction(async (tx) => {
        // Locks the domain, refuses another open request on it (a renewal, a 注销 …) and bumps its version.
        const [locked] = await claimDomains(tx, [domain.id])
        if (!locked || !CANCELLABLE_STATUSES.includes(locked.status as (typeof CANCELLABLE_STATUSES)[number]))
          throw appError('CONFLICT', NOT_CANCELLABLE, { reason: 'DOMAIN_NOT_CANCELLABLE' })
        const impact = await cancellationImpact(tx, domain)
        if (hasDependents(impact) && !input.cancelDependents)
          throw appError(
            'CONFLICT',
            `域名「${domainName}」仍有依赖项：${dependentsText(impact)}。须勾选一并注销后才能申请注销`,
            { reason: 'DEPENDENTS_EXIST', badgeIds: impact.badges.map((b) => b.id) },
          )
        if (impact.fingerprint !== input.impactFingerprint)
          throw appError('CONFLICT', IMPACT_CHANGED, { reason: 'DEPENDENTS_CHANGED' })
        const { fingerprint: _fingerprint, ...dependents } = impact
        const request = await tx.domainCancellationRequest.create({
          data: {
            domainId: domain.id,
            unitId: domain.unitId,
            reason,
            cancelDependents: hasDependents(impact) && input.cancelDependents,
            dependents,
            requestedById: actingUserId(ctx.viewer)!,
            reviewOfficeId,
          },
        })
        await writeAudit(tx, ctx, {
          action: 'domainCancellation.request',
          subjectType: 'DomainCancellationRequest',
          subjectId: request.id,
          regionPath: domain.unit.region.path,
          before: { domainId: domain.id, domainStatus: domain.status },
          after: { status: request.status, reason, cancelDependents: request.cancelDependents, dependents },
        })
        await enqueueNotifications(
          tx,
          await staffNotices(
            tx,
            { sameLevelOfficeOf: domain.unit.regionCode },
            'domainCancellation.awaitingOfficeReview',
            { unit: domain.unit.name, domain: domainName },
            {
              key: `domain-cancellation-request:${request.id}`,
              payload: { domainCancellationId: request.id, domainId: domain.id },
            },
          ),
        )
        return request.id
      })
    } catch (error) {
      // The partial unique index domain_cancellation_requests_one_pending: a concurrent 注销 won.
      if (isUniqueViolation(error))
        throw openRequestConflict(domainName, { kind: 'CANCELLATION', requestId: 0, label: '待审核的注销申请' })
      throw error
    }
  },
})
