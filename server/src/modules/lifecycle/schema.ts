// Domain.nextLifecycleStep: what happens next to a registered or expired domain and when (宽限期, 赎回期, 删除, 释放),
// so the unit's 我的域名 can say it before it happens.
import { builder } from '../../builder.ts'
import type { Context } from '../../context.ts'
import '../domains/schema.ts'
import { DomainStatusEnum } from '../domains/schema.ts'
import { loadLifecyclePeriods, nextLifecycleStep, periodsOn, type LifecyclePeriods } from './periods.ts'

/** The dated periods, read once per request however many domains a list shows. */
const periodsOfRequest = new WeakMap<Request, Promise<LifecyclePeriods[]>>()
function requestPeriods(ctx: Context): Promise<LifecyclePeriods[]> {
  let periods = periodsOfRequest.get(ctx.request)
  if (!periods) {
    periods = loadLifecyclePeriods(ctx.prisma)
    periodsOfRequest.set(ctx.request, periods)
  }
  return periods
}

const LifecycleStep = builder.objectRef<{ status: string; at: Date }>('DomainLifecycleStep').implement({
  description: '域名到期后的下一阶段 and when the daily job (02:00 北京时间) moves the domain there.',
  fields: (t) => ({
    status: t.field({
      type: DomainStatusEnum,
      description: 'GRACE 宽限期, REDEMPTION 赎回期, DELETED 已删除 or RELEASED 已释放',
      resolve: (step) => step.status as never,
    }),
    at: t.field({
      type: 'DateTime',
      description: 'From when the state applies (the job moves the domain at its first run after this instant)',
      resolve: (step) => step.at,
    }),
  }),
})

builder.prismaObjectField('Domain', 'nextLifecycleStep', (t) =>
  t.field({
    type: LifecycleStep,
    nullable: true,
    description:
      'What happens next after expiry and when, by the dated periods in force on the expiry date: for a REGISTERED ' +
      'domain its entry into GRACE at expiry, then REDEMPTION, DELETED and RELEASED (the name free again). Null for ' +
      'domains before registration, cancelled or released.',
    select: { status: true, expiresAt: true, deletedAt: true },
    resolve: async (domain, _args, ctx) => {
      if (!domain.expiresAt) return null
      const periods = periodsOn(await requestPeriods(ctx), domain.expiresAt)
      return nextLifecycleStep(domain.status, domain.expiresAt, periods, domain.deletedAt)
    },
  }),
)
