// 奖励比例: CONAC sets the share of collections credited to the collecting offices (奖励经费) from an instant on. A
// rate is never edited or back-dated: a correction is a new rate with a later effectiveFrom.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { actingUserId } from '../../../viewer.ts'

const formatBeijingTime = (date: Date) =>
  new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')

export interface SetRewardRateInput {
  basisPoints: number
  effectiveFrom: Date
}

export const setRewardRate = defineCommand({
  name: 'setRewardRate',
  policy: {
    who: ['conac'],
    tokens: true,
    roles: ['FINANCE'],
    rule: 'CONAC only: the rate is national',
    refusal: '仅限 CONAC 工作人员',
  },
  scope: 'none (rates are national)',
  effects: ['a new RewardRate from effectiveFrom on (奖励经费 in 两代一统)'],

  async run(ctx, input: SetRewardRateInput) {
    const { basisPoints, effectiveFrom } = input
    if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10000) {
      throw badInput('奖励比例应为 0 到 10000 个基点（0% 到 100%）', { basisPoints: '0 到 10000 的整数' })
    }
    // A new rate must not reprice collections already made (奖励经费 already reported would change): it takes effect
    // from now on at the earliest, i.e. later today or on a later day.
    const now = new Date()
    if (effectiveFrom.getTime() < now.getTime()) {
      throw badInput('奖励比例只能从当前时间以后生效，不能追溯已发生的收费', {
        effectiveFrom: `不早于 ${formatBeijingTime(now)}（北京时间）`,
      })
    }
    return ctx.prisma.$transaction(async (tx) => {
      const existing = await tx.rewardRate.findUnique({ where: { effectiveFrom } })
      if (existing) throw appError('CONFLICT', '该生效时间已有奖励比例；如需更正，请另设一个新的生效时间')
      const rate = await tx.rewardRate.create({
        data: { basisPoints, effectiveFrom, setById: actingUserId(ctx.viewer) },
      })
      await writeAudit(tx, ctx, {
        action: 'rewardRate.set',
        subjectType: 'RewardRate',
        subjectId: rate.id,
        after: rate,
      })
      return rate.id
    })
  },
})
