// 申请域名过户: the giving unit's primary account asks to move one of its domains, with its DNS records, to another
// unit named by its 统一社会信用代码 (recipient.ts says which units may receive it), saying for each badge that depends
// on the domain whether it moves with it or is cancelled (dependents.ts). The offices of chain.ts approve, in any
// order (decide-domain-transfer.ts). Filing claims the domain (domains/openRequests.ts): a renewal, 注销 or
// 机构改革 open on it refuses the transfer with CONFLICT DOMAIN_REQUEST_OPEN, and they refuse it in turn while it
// waits; the partial unique index domain_transfer_requests_one_pending settles two transfers filed at once.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput, forbidden, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { ownUnitOf } from '../../../lib/scope.ts'
import { isUniqueViolation } from '../../../lib/uniqueViolation.ts'
import { actingUserId } from '../../../viewer.ts'
import { claimDomains } from '../../domains/openRequests.ts'
import { unitContactNotices } from '../../notifications/drafts.ts'
import { approvalChain } from '../chain.ts'
import { checkBadgeActions, dependentBadges, microSitePlan, refuseLiveSiteApplications } from '../dependents.ts'
import { approverNotices, paramsOf } from '../notices.ts'
import { receivingUnit } from '../recipient.ts'
import { contactOf, TRANSFER_REQUESTERS, TRANSFERABLE_STATUSES, unitSelect, type BadgeAction } from '../targets.ts'

export interface RequestDomainTransferInput {
  domainId: string | number
  toCreditCode: string
  reason: string
  badges?: readonly { badgeId: string | number; action: BadgeAction }[] | null
}

const PENDING_EXISTS = '该域名已有待审批的过户申请'
export const NOT_TRANSFERABLE = '只有已注册（含已过期、宽限期内）的域名可以过户'

export const requestDomainTransfer = defineCommand({
  name: 'requestDomainTransfer',
  policy: TRANSFER_REQUESTERS,
  scope: 'domainScope',
  transition: { entity: 'DomainTransferRequest', from: [], to: ['PENDING'] },
  effects: ['claims the domain (version +1): no renewal, 注销 or 机构改革 may open on it while the transfer waits'],
  notices: ['domainTransfer.awaitingApproval', 'domainTransfer.incoming'],

  async run(ctx, input: RequestDomainTransferInput) {
    const unitId = ownUnitOf(ctx.viewer)
    if (unitId == null) throw forbidden(TRANSFER_REQUESTERS.refusal)
    const domainId = Number(input.domainId)
    const domain = Number.isSafeInteger(domainId)
      ? await ctx.prisma.domain.findFirst({
          where: { id: domainId, unitId },
          select: { id: true, name: true, suffix: true, status: true },
        })
      : null
    if (!domain) throw notFound('域名')
    if (!TRANSFERABLE_STATUSES.includes(domain.status))
      throw appError('CONFLICT', NOT_TRANSFERABLE, { reason: 'DOMAIN_NOT_TRANSFERABLE' })
    const reason = input.reason.trim()
    const reasonLength = [...reason].length
    if (reasonLength < 2 || reasonLength > 500)
      throw badInput('请填写过户原因', { reason: '请填写 2-500 个字的过户原因' })
    const fromUnit = await ctx.prisma.unit.findUniqueOrThrow({ where: { id: unitId }, select: unitSelect })
    const toUnit = await receivingUnit(ctx.prisma, input.toCreditCode, { unitId, suffix: domain.suffix })
    const chain = await approvalChain(ctx.prisma, fromUnit.region.path, toUnit.region.path)

    try {
      return await ctx.prisma.$transaction(async (tx) => {
        const [claimed] = await claimDomains(tx, [domain.id])
        if (!claimed || claimed.unitId !== unitId) throw notFound('域名')
        if (!TRANSFERABLE_STATUSES.includes(claimed.status as (typeof TRANSFERABLE_STATUSES)[number]))
          throw appError('CONFLICT', NOT_TRANSFERABLE, { reason: 'DOMAIN_NOT_TRANSFERABLE' })
        if (await tx.domainTransferRequest.count({ where: { domainId: domain.id, status: 'PENDING' } }))
          throw appError('CONFLICT', PENDING_EXISTS, { reason: 'DOMAIN_REQUEST_OPEN', openKind: 'TRANSFER' })
        await refuseLiveSiteApplications(tx, domain.id)
        const badges = await dependentBadges(tx, domain.id)
        const badgeActions = checkBadgeActions(badges, input.badges ?? [], 'filing')
        await microSitePlan(tx, domain.id, unitId, toUnit.id, badgeActions, badges)

        const request = await tx.domainTransferRequest.create({
          data: {
            domainId: domain.id,
            fromUnitId: unitId,
            toUnitId: toUnit.id,
            reason,
            badgeActions: badgeActions as unknown as object[],
            requestedById: actingUserId(ctx.viewer)!,
            approvals: { create: chain.map((office, position) => ({ officeId: office.id, position })) },
          },
        })
        const audit = {
          subjectType: 'DomainTransferRequest',
          subjectId: request.id,
          after: {
            status: request.status,
            domainId: domain.id,
            fromUnitId: unitId,
            toUnitId: toUnit.id,
            reason,
            badgeActions,
            approvingOfficeIds: chain.map((office) => office.id),
          },
        }
        // One row on each side, so the offices over either unit find the request in their 操作日志.
        await writeAudit(tx, ctx, { ...audit, action: 'domainTransfer.request', regionPath: fromUnit.region.path })
        if (toUnit.region.path !== fromUnit.region.path)
          await writeAudit(tx, ctx, { ...audit, action: 'domainTransfer.incoming', regionPath: toUnit.region.path })
        const params = paramsOf(domain, fromUnit, toUnit)
        await enqueueNotifications(tx, [
          ...(await approverNotices(tx, chain, params, request.id)),
          ...unitContactNotices(contactOf(toUnit), 'domainTransfer.incoming', params, {
            key: `domain-transfer:${request.id}:incoming`,
            payload: { domainTransferId: request.id },
          }),
        ])
        return request.id
      })
    } catch (error) {
      if (isUniqueViolation(error))
        throw appError('CONFLICT', PENDING_EXISTS, { reason: 'DOMAIN_REQUEST_OPEN', openKind: 'TRANSFER' })
      throw error
    }
  },
})
