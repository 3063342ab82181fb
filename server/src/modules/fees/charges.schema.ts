// 每日扣费: the daily charge's runs, today at a glance, and 立即执行.
import { builder } from '../../builder.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { runDailyCharge } from './commands/run-daily-charge.ts'
import { chargeOverview, type ChargeOverview, type ChargeTally } from './queries/charge-overview.ts'
import { chargeRuns, countChargeRuns } from './queries/charge-runs.ts'
import { JobStatusEnum } from './schema.ts'

builder.prismaObject('JobRun', {
  name: 'ChargeRun',
  description: '每日扣费: one run of the daily charge.',
  fields: (t) => ({
    id: t.exposeID('id'),
    periodKey: t.exposeString('periodKey', { description: 'The day (China time), YYYY-MM-DD' }),
    status: t.expose('status', { type: JobStatusEnum }),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
    charged: t.int({ description: 'Items charged', resolve: (run) => resultOf(run.result).charged ?? 0 }),
    skipped: t.int({
      description: 'Items left for another day (balance too low, or the domain changed)',
      resolve: (run) => resultOf(run.result).skipped ?? 0,
    }),
    chargedFen: t.field({ type: 'Fen', resolve: (run) => BigInt(resultOf(run.result).chargedFen ?? 0) }),
    error: t.exposeString('error', { nullable: true }),
  }),
})

/** A run's counts (JobRun.result), as chargeInOrder wrote them. */
function resultOf(result: Prisma.JsonValue): Record<string, number> {
  return result && typeof result === 'object' && !Array.isArray(result) ? (result as Record<string, number>) : {}
}

const ChargeTallyRef = builder.objectRef<ChargeTally>('ChargeTally').implement({
  description: 'A number of fee items (registrations or renewals) and their amount.',
  fields: (t) => ({
    items: t.exposeInt('items'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
  }),
})

const ChargeWaitingRef = builder.objectRef<ChargeOverview['waiting']>('ChargeWaiting').implement({
  description: 'Fee items collected and not charged yet.',
  fields: (t) => ({
    items: t.exposeInt('items'),
    amountFen: t.expose('amountFen', { type: 'Fen' }),
    offices: t.exposeInt('offices', { description: 'The offices whose items wait' }),
    shortfallFen: t.expose('shortfallFen', {
      type: 'Fen',
      description:
        'How much those offices’ 帐户余额 fall short of what waits (summed per office); 0 when the balances cover it (then the items wait for another reason, e.g. a domain that changed, and the next daily run retries them)',
    }),
  }),
})

const ChargeOverviewRef = builder.objectRef<ChargeOverview>('ChargeOverview').implement({
  description:
    '每日扣费 today: the daily run, everything charged today (by that run or right after 认款), and what waits.',
  fields: (t) => ({
    day: t.exposeString('day', { description: 'Today, Beijing time (YYYY-MM-DD)' }),
    todaysRun: t.prismaField({
      type: 'JobRun',
      nullable: true,
      description: 'Today’s 每日扣费, once it has started',
      resolve: (query, overview, _args, ctx) =>
        overview.todaysRun ? ctx.prisma.jobRun.findUnique({ ...query, where: { id: overview.todaysRun.id } }) : null,
    }),
    chargedToday: t.field({
      type: ChargeTallyRef,
      description: 'Items charged since today’s 00:00 (Beijing), by the daily run or right after 认款',
      resolve: (overview) => overview.chargedToday,
    }),
    waiting: t.field({ type: ChargeWaitingRef, resolve: (overview) => overview.waiting }),
  }),
})

builder.queryFields((t) => ({
  chargeRuns: t.prismaConnection({
    type: 'JobRun',
    cursor: 'id',
    description: '每日扣费 runs, newest first. CONAC staff.',
    totalCount: (_p, _a, ctx) => countChargeRuns(ctx),
    resolve: (query, _root, _args, ctx) => chargeRuns.execute(ctx, query),
  }),
  chargeOverview: t.field({
    type: ChargeOverviewRef,
    description: '每日扣费 today at a glance (CONAC staff): today’s run, what was charged today, what waits and why.',
    resolve: (_root, _args, ctx) => chargeOverview.execute(ctx, undefined),
  }),
}))

builder.mutationField('runDailyCharge', (t) =>
  t.prismaField({
    type: 'JobRun',
    description:
      '每日扣费 now (CONAC staff): the sweep of every item not charged yet (认款 charges what it recharged at once). Runs once a day; again the same day returns the first run (see chargeOverview for what was charged since). `date` (default now) must fall on today (China time) or, before today’s 01:00, on yesterday when its scheduled run was missed; any other day is BAD_USER_INPUT (a run for another day would take that day’s once-a-day charge out of turn).',
    args: {
      date: t.arg({
        type: 'DateTime',
        required: false,
        description: 'An instant on the day to charge (China time); default now',
      }),
    },
    resolve: async (query, _root, { date }, ctx) => {
      const runId = await runDailyCharge.execute(ctx, { date })
      return ctx.prisma.jobRun.findUniqueOrThrow({ ...query, where: { id: runId } })
    },
  }),
)
