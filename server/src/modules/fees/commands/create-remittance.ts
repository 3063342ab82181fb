// 汇款单: an office remits to CONAC, for a week, every collection it has not remitted yet up to that week's end.
import { defineCommand } from '../../../commands/define.ts'
import { LOCAL_OFFICES } from '../../../commands/policy.ts'
import { badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { withIdempotencyKey } from '../../../lib/idempotency.ts'
import { accountOf, postLedgerTransaction } from '../../../lib/ledger.ts'
import { actingUserId } from '../../../viewer.ts'
import { mondayOf, weekOf } from '../calendar.ts'
import { actingOffice, conflict } from '../checks.ts'

export interface CreateRemittanceInput {
  weekStart: Date
  bankReference?: string | null
  idempotencyKey: string
}

export const createRemittance = defineCommand({
  name: 'createRemittance',
  policy: {
    who: LOCAL_OFFICES,
    tokens: true,
    roles: ['FINANCE'],
    rule: 'the viewer’s own office’s collections only; CONAC does not remit',
    refusal: '只有编办可以提交汇款单',
  },
  scope: 'the viewer’s own office',
  effects: [
    'a Remittance (SUBMITTED) that takes the office’s unremitted collections',
    'ledger: the office’s OFFICE_COLLECTED → OFFICE_IN_TRANSIT',
    'idempotent: the same key replays the remittance',
  ],

  async run(ctx, input: CreateRemittanceInput): Promise<{ remittanceId: number }> {
    const office = actingOffice(ctx)
    const { monday, to } = weekOf(input.weekStart)
    if (monday.getTime() > mondayOf(new Date()).getTime())
      throw badInput('不能提交未来一周的汇款单', { weekStart: '不能选择未来的周' })
    const bankReference = input.bankReference?.trim() || null
    if (bankReference && bankReference.length > 64)
      throw badInput('汇款凭证号不能超过 64 个字符', { bankReference: '不能超过 64 个字符' })
    const actorId = actingUserId(ctx.viewer)!
    const args = { weekStart: monday, bankReference }

    return withIdempotencyKey(ctx, { key: input.idempotencyKey, operation: 'createRemittance', args }, async (tx) => {
      const existing = await tx.remittance.findUnique({
        where: { officeId_weekStart: { officeId: office.officeId, weekStart: monday } },
      })
      if (existing) throw conflict('该周的汇款单已提交', 'ALREADY_REMITTED')
      // Everything not yet remitted up to the end of the week: a collection made after an earlier week's remittance
      // was submitted (one remittance per week) goes with the next week's.
      const collections = await tx.feeCollection.findMany({
        where: { officeId: office.officeId, remittanceId: null, collectedAt: { lt: to } },
        select: { id: true, amountFen: true },
      })
      if (!collections.length) throw badInput('该周没有待汇款的收费', { weekStart: '该周没有待汇款的收费' })
      const amountFen = collections.reduce((sum, collection) => sum + collection.amountFen, 0n)
      const remittance = await tx.remittance.create({
        data: { officeId: office.officeId, weekStart: monday, amountFen, bankReference, submittedById: actorId },
      })
      // Claims the collections: one taken by a concurrent remittance meanwhile makes this one fail whole.
      const linked = await tx.feeCollection.updateMany({
        where: { id: { in: collections.map((collection) => collection.id) }, remittanceId: null },
        data: { remittanceId: remittance.id },
      })
      if (linked.count !== collections.length) throw conflict('收费记录已变化，请刷新后重试')
      const collected = await accountOf(tx, office.officeId, 'OFFICE_COLLECTED')
      const inTransit = await accountOf(tx, office.officeId, 'OFFICE_IN_TRANSIT')
      await postLedgerTransaction(tx, {
        kind: 'REMITTANCE',
        memo: `汇款单 #${remittance.id} ${monday.toISOString().slice(0, 10)} 周`,
        createdById: actorId,
        entries: [
          { accountId: collected.id, amountFen: -amountFen },
          { accountId: inTransit.id, amountFen },
        ],
      })
      await writeAudit(tx, ctx, {
        action: 'remittance.create',
        subjectType: 'Remittance',
        subjectId: remittance.id,
        regionPath: office.regionPath,
        after: {
          weekStart: monday,
          amountFen,
          collections: collections.map((collection) => collection.id),
          bankReference,
          status: remittance.status,
        },
      })
      return { remittanceId: remittance.id }
    })
  },
})
