// 域名生命周期期限 as settings: the dated entries (domainLifecyclePeriods, which one is in force today) and CONAC's new
// entry (setDomainLifecyclePeriods, commands/set-domain-lifecycle-periods.ts).
import { builder } from '../../builder.ts'
import type { Tx } from '../../lib/ledger.ts'
import { beijingDay } from '../../lib/workdays.ts'
import { setDomainLifecyclePeriods } from './commands/set-domain-lifecycle-periods.ts'
import { calendarDayOf, periodsOn } from './periods.ts'

interface PeriodsEntry {
  id: number
  graceDays: number
  redemptionDays: number
  holdDays: number
  effectiveFrom: Date
  createdAt: Date
  inForce: boolean
}

const DomainLifecyclePeriodsRef = builder.objectRef<PeriodsEntry>('DomainLifecyclePeriods').implement({
  description:
    '域名生命周期期限 from a day on: a domain follows the entry in force on its expiry date (Beijing calendar day).',
  fields: (t) => ({
    id: t.exposeID('id'),
    graceDays: t.exposeInt('graceDays', { description: '宽限期: days after expiry; still resolves, the unit renews' }),
    redemptionDays: t.exposeInt('redemptionDays', {
      description: '赎回期: days after the grace period; no longer resolves, renewed only through the office',
    }),
    holdDays: t.exposeInt('holdDays', { description: '保留期: days after deletion before the name is free again' }),
    effectiveFrom: t.string({
      description: 'The first Beijing calendar day (YYYY-MM-DD) whose expiring domains follow this entry',
      resolve: (entry) => calendarDayOf(entry.effectiveFrom),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    inForce: t.exposeBoolean('inForce', { description: 'The entry a domain expiring today follows' }),
  }),
})

const SetDomainLifecyclePeriodsInput = builder.inputType('SetDomainLifecyclePeriodsInput', {
  fields: (t) => ({
    graceDays: t.int({ required: true, description: '宽限期, 1-365 days' }),
    redemptionDays: t.int({ required: true, description: '赎回期, 1-365 days' }),
    holdDays: t.int({ required: true, description: '保留期, 0-3650 days' }),
    effectiveFrom: t.string({
      required: true,
      description: 'Beijing calendar day YYYY-MM-DD, tomorrow at the earliest; one entry per day',
    }),
  }),
})

/** Every entry, newest first, the one a domain expiring today follows marked. */
async function listEntries(prisma: Tx): Promise<PeriodsEntry[]> {
  const entries = await prisma.domainLifecyclePeriods.findMany({ orderBy: { effectiveFrom: 'desc' } })
  const today = periodsOn(entries, new Date(`${beijingDay(new Date())}T12:00:00+08:00`))
  return entries.map((entry) => ({ ...entry, inForce: entry.id === today.id }))
}

builder.queryFields((t) => ({
  domainLifecyclePeriods: t.field({
    type: [DomainLifecyclePeriodsRef],
    description: '域名生命周期期限, newest effectiveFrom first, the one in force today marked. Office and CONAC staff.',
    resolve: (_root, _args, ctx) => listEntries(ctx.prisma),
  }),
}))

builder.mutationFields((t) => ({
  setDomainLifecyclePeriods: t.field({
    type: DomainLifecyclePeriodsRef,
    description:
      '域名生命周期期限 from a day on (CONAC 管理员). An entry is never edited: a correction is a new entry on a later day.',
    args: { input: t.arg({ type: SetDomainLifecyclePeriodsInput, required: true }) },
    resolve: async (_root, { input }, ctx) => {
      const id = await setDomainLifecyclePeriods.execute(ctx, input)
      const entries = await listEntries(ctx.prisma)
      return entries.find((entry) => entry.id === id)!
    },
  }),
}))
