// 奖励比例: the reward rates (rewardRates) and CONAC's new rate (setRewardRate, commands/set-reward-rate.ts).
import { builder } from '../../builder.ts'
import { setRewardRate } from './commands/set-reward-rate.ts'

builder.prismaObject('RewardRate', {
  description:
    '奖励比例: the share of collections credited to the collecting offices as reward funds (奖励经费), from a date on.',
  fields: (t) => ({
    id: t.exposeID('id'),
    basisPoints: t.exposeInt('basisPoints', { description: 'Basis points of the collected amount (1000 = 10%)' }),
    effectiveFrom: t.expose('effectiveFrom', { type: 'DateTime' }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
})

const SetRewardRateInput = builder.inputType('SetRewardRateInput', {
  fields: (t) => ({
    basisPoints: t.int({ required: true, description: '0-10000 (1000 = 10%)' }),
    effectiveFrom: t.field({
      type: 'DateTime',
      required: true,
      description: 'Collections from this instant on use the rate; one rate per instant',
    }),
  }),
})

builder.queryFields((t) => ({
  rewardRates: t.prismaField({
    type: ['RewardRate'],
    description: '奖励比例, newest effectiveFrom first. Office and CONAC staff.',
    resolve: (query, _root, _args, ctx) =>
      ctx.prisma.rewardRate.findMany({ ...query, orderBy: { effectiveFrom: 'desc' } }),
  }),
}))

builder.mutationFields((t) => ({
  setRewardRate: t.prismaField({
    type: 'RewardRate',
    description:
      '奖励比例 from a date on (CONAC). A rate is never edited: a correction is a new rate with a later effectiveFrom.',
    args: { input: t.arg({ type: SetRewardRateInput, required: true }) },
    resolve: async (query, _root, { input }, ctx) => {
      const id = await setRewardRate.execute(ctx, input)
      return ctx.prisma.rewardRate.findUniqueOrThrow({ ...query, where: { id } })
    },
  }),
}))
