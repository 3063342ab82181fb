// 认款: CONAC confirms a remittance's money arrived. It moves from 在途 to the office's 帐户余额, and then (seed 003:
// "当日系统自动为已充值单位消费") what the new balance covers is charged at once, so a domain paid for today is
// registered today rather than at the next 01:00. A retried 认款 (same key) replays the confirmation and tries the
// charge again, which finds its items already charged.
import { defineCommand } from '../../../commands/define.ts'
import { transition } from '../../../commands/transition.ts'
import { notFound } from '../../../errors.ts'
import { withIdempotencyKey } from '../../../lib/idempotency.ts'
import { accountOf, postLedgerTransaction } from '../../../lib/ledger.ts'
import { actingUserId } from '../../../viewer.ts'
import { chargeAfterConfirmation } from '../charges.ts'
import { conflict, parseId } from '../checks.ts'
import { remittanceConfirmedNotices } from '../notices.ts'

export interface ConfirmRemittanceInput {
  id: string | number
  version: number
  idempotencyKey: string
}

export const confirmRemittance = defineCommand({
  name: 'confirmRemittance',
  policy: { who: ['conac'], tokens: true, roles: ['FINANCE'], rule: 'CONAC only', refusal: '只有 CONAC 可以认款' },
  scope: 'all (CONAC)',
  transition: { entity: 'Remittance', from: ['SUBMITTED'], to: ['CONFIRMED'] },
  effects: [
    'ledger: the office’s OFFICE_IN_TRANSIT → OFFICE_PREPAID (帐户余额)',
    'then charges what the balance covers (the remittance’s own items first): registers or renews those domains',
    'idempotent: the same key replays the confirmation',
  ],
  notices: ['remittance.confirmed', 'domain.charged'],

  async run(ctx, input: ConfirmRemittanceInput): Promise<{ remittanceId: number }> {
    const id = parseId(input.id, '汇款单')
    const actorId = actingUserId(ctx.viewer)
    const confirmed = await withIdempotencyKey(
      ctx,
      { key: input.idempotencyKey, operation: 'confirmRemittance', args: { id, version: input.version } },
      async (tx) => {
        // The remittance's one read, with its office's region (the audit row) and staff (the notice).
        const remittance = await tx.remittance.findUnique({
          where: { id },
          include: {
            office: {
              select: { name: true, region: { select: { path: true } }, users: { select: { id: true, email: true } } },
            },
          },
        })
        if (!remittance) throw notFound('汇款单')
        await transition(tx, ctx, 'remittance', {
          entity: remittance,
          from: 'SUBMITTED',
          to: 'CONFIRMED',
          expectedVersion: input.version,
          set: { confirmedAt: new Date(), confirmedById: actorId },
          audit: {
            action: 'remittance.confirm',
            regionPath: remittance.office.region.path,
            after: { amountFen: remittance.amountFen },
          },
          notify: remittanceConfirmedNotices(remittance.office.users, remittance),
          stale: () => conflict('汇款单已被处理或已变化，请刷新后重试'),
        })
        const inTransit = await accountOf(tx, remittance.officeId, 'OFFICE_IN_TRANSIT')
        const prepaid = await accountOf(tx, remittance.officeId, 'OFFICE_PREPAID')
        await postLedgerTransaction(tx, {
          kind: 'REMITTANCE_CONFIRMATION',
          memo: `认款 汇款单 #${id} ${remittance.office.name}`,
          createdById: actorId,
          entries: [
            { accountId: inTransit.id, amountFen: -remittance.amountFen },
            { accountId: prepaid.id, amountFen: remittance.amountFen },
          ],
        })
        return { remittanceId: id }
      },
    )
    // After the confirmation has committed: each charge is a transaction of its own (charges.ts).
    await chargeAfterConfirmation(ctx.prisma, confirmed.remittanceId, ctx)
    return confirmed
  },
})
