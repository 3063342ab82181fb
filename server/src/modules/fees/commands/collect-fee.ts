// 收费: the unit's same-level office records that the unit paid for its CONAC-approved domains and requested renewals,
// at exactly the price list's total; the office then holds the money for CONAC until it remits it.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { transitionMany } from '../../../commands/transition.ts'
import type { Context } from '../../../context.ts'
import { appError, badInput, forbidden, notFound } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { withIdempotencyKey } from '../../../lib/idempotency.ts'
import { accountOf, conacAccountOf, postLedgerTransaction } from '../../../lib/ledger.ts'
import { enqueueNotifications } from '../../../lib/outbox.ts'
import { unitScope } from '../../../lib/scope.ts'
import { actingUserId, type OfficeScope } from '../../../viewer.ts'
import { fullNameOf } from '../../domainApplications/names.ts'
import { drawInvoice } from '../../invoices/stock.ts'
import { actingOffice, conflict, idList, parseId } from '../checks.ts'
import { registrationDue, renewalDue } from '../dues.ts'
import { feeCollectedNotices } from '../notices.ts'
import { pricesOn, yuan } from '../prices.ts'

export interface CollectFeeInput {
  unitId: string | number
  domainIds?: readonly (string | number)[] | null
  renewalIds?: readonly (string | number)[] | null
  amountFen: bigint
  invoiceCount: number
  idempotencyKey: string
}

export const collectFee = defineCommand({
  name: 'collectFee',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: '同级编办 only: the office of the unit’s own region (an office above it is FORBIDDEN); CONAC does not collect',
    refusal: '只有同级编办可以收费',
  },
  scope: 'unitScope',
  transition: { entity: 'Domain / DomainRenewal', from: ['CONAC_APPROVED', 'REQUESTED'], to: ['FEE_COLLECTED'] },
  effects: [
    'a FeeCollection with one item per domain or renewal',
    'ledger: UNIT_PAYMENTS → the office’s OFFICE_COLLECTED',
    'an invoice from the office’s stock when invoiceCount > 0',
    'idempotent: the same key replays the collection',
  ],
  notices: ['fee.collected'],

  async run(ctx, input: CollectFeeInput): Promise<{ feeCollectionId: number }> {
    const office = actingOffice(ctx)
    const domainIds = idList(input.domainIds, '域名', 'domainIds')
    const renewalIds = idList(input.renewalIds, '续费申请', 'renewalIds')
    if (!domainIds.length && !renewalIds.length)
      throw badInput('请选择要收费的域名或续费申请', { domainIds: '至少选择一项' })
    if (!Number.isInteger(input.invoiceCount) || input.invoiceCount < 0 || input.invoiceCount > 1000) {
      throw badInput('开具发票数量应为 0-1000', { invoiceCount: '开具发票数量应为 0-1000' })
    }
    if (input.amountFen <= 0n) throw badInput('金额必须大于 0', { amountFen: '金额必须大于 0' })
    const unit = await payingUnit(ctx, office, input.unitId)
    const actorId = actingUserId(ctx.viewer)!
    const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b)
    const args = {
      unitId: unit.id,
      domainIds: ascending(domainIds),
      renewalIds: ascending(renewalIds),
      amountFen: input.amountFen,
      invoiceCount: input.invoiceCount,
    }

    return withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'collectFee', args }, async (tx) => {
      const now = new Date()
      const domains = await tx.domain.findMany({ where: { id: { in: domainIds }, unitId: unit.id } })
      if (domains.length !== domainIds.length) throw notFound('域名')
      const notApproved = domains.filter((domain) => domain.status !== 'CONAC_APPROVED')
      if (notApproved.length) throw conflict(`域名状态已变化，不能收费：${notApproved.map(fullNameOf).join('、')}`)
      const renewals = await tx.domainRenewal.findMany({
        where: { id: { in: renewalIds }, domain: { unitId: unit.id } },
        include: { domain: { select: { suffix: true } } },
      })
      if (renewals.length !== renewalIds.length) throw notFound('续费申请')
      if (renewals.some((renewal) => renewal.status !== 'REQUESTED')) throw conflict('续费申请状态已变化，不能收费')

      const price = await pricesOn(tx, now)
      const items = [
        ...domains.map((domain) => registrationDue(domain, price)),
        ...renewals.map((renewal) => renewalDue(renewal, price)),
      ]
      const amountFen = items.reduce((sum, item) => sum + item.feeFen, 0n)
      if (amountFen !== input.amountFen) {
        throw appError('BAD_USER_INPUT', `金额与价格表不符：应收 ${yuan(amountFen)} 元`, {
          fields: { amountFen: `应收 ${yuan(amountFen)} 元` },
          expectedAmountFen: Number(amountFen),
        })
      }

      const collection = await tx.feeCollection.create({
        data: {
          officeId: office.officeId,
          unitId: unit.id,
          amountFen,
          invoiceCount: input.invoiceCount,
          collectedById: actorId,
          collectedAt: now,
          items: {
            createMany: {
              data: items.map((item) => ({
                domainId: item.domainId,
                renewalId: item.renewalId,
                kind: item.kind,
                years: item.years,
                amountFen: item.feeFen,
              })),
            },
          },
        },
      })
      // 收费的同时开具发票: the invoice draws from the office's stock; a shortfall refuses the whole collection.
      const invoice =
        input.invoiceCount > 0
          ? await drawInvoice(tx, {
              office,
              actorId,
              unitId: unit.id,
              feeCollectionId: collection.id,
              count: input.invoiceCount,
              amountFen,
            })
          : null
      // A domain or renewal that changed since it was read above makes the whole collection fail.
      await transitionMany(tx, 'domain', {
        entities: domains,
        from: 'CONAC_APPROVED',
        to: 'FEE_COLLECTED',
        stale: () => conflict('域名状态已变化，请刷新后重试'),
      })
      await transitionMany(tx, 'domainRenewal', {
        entities: renewals,
        from: 'REQUESTED',
        to: 'FEE_COLLECTED',
        stale: () => conflict('续费申请状态已变化，请刷新后重试'),
      })
      await postLedgerTransaction(tx, {
        kind: 'COLLECTION',
        memo: `收费 #${collection.id} ${unit.name}`,
        createdById: actorId,
        entries: [
          { accountId: (await conacAccountOf(tx, 'UNIT_PAYMENTS')).id, amountFen: -amountFen },
          { accountId: (await accountOf(tx, office.officeId, 'OFFICE_COLLECTED')).id, amountFen },
        ],
      })
      // The act's one audit row: the collection, with what it moved (domains, renewals, the office's invoice stock).
      const states = (domainStatus: string, renewalStatus: string) => ({
        ...(domains.length ? { domainStatus } : {}),
        ...(renewals.length ? { renewalStatus } : {}),
      })
      await writeAudit(tx, ctx, {
        action: 'fee.collect',
        subjectType: 'FeeCollection',
        subjectId: collection.id,
        regionPath: office.regionPath,
        before: { ...states('CONAC_APPROVED', 'REQUESTED'), ...(invoice ? { invoiceStock: invoice.stockBefore } : {}) },
        after: {
          unitId: unit.id,
          domainIds,
          renewalIds,
          amountFen,
          invoiceCount: input.invoiceCount,
          ...states('FEE_COLLECTED', 'FEE_COLLECTED'),
          ...(invoice ? { invoiceId: invoice.invoiceId, invoiceStock: invoice.stockBefore - input.invoiceCount } : {}),
        },
      })
      await enqueueNotifications(tx, feeCollectedNotices(unit, { id: collection.id, amountFen, items: items.length }))
      return { feeCollectionId: collection.id }
    })
  },
})

/** The unit, in the viewer's scope (NOT_FOUND otherwise), of the office's own region, with what the notice needs. */
async function payingUnit(ctx: Context, office: OfficeScope, unitId: string | number) {
  const unit = await ctx.prisma.unit.findFirst({
    where: { AND: [{ id: parseId(unitId, '单位') }, unitScope(ctx.viewer)] },
    select: {
      id: true,
      name: true,
      handlerMobile: true,
      region: { select: { path: true } },
      users: { select: { id: true } },
    },
  })
  if (!unit) throw notFound('单位')
  if (unit.region.path !== office.regionPath) throw forbidden('只有单位的同级编办可以收费')
  return unit
}
