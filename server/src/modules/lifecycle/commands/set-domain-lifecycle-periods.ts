// 域名生命周期期限: CONAC sets the days of 宽限期, 赎回期 and 保留期 from a calendar day on, like the price list and the
// reward rates. An entry is never edited or back-dated: a domain follows the entry in force on its expiry date
// (periods.ts), so the earliest day is tomorrow (Beijing), which leaves every domain that has already expired, or
// expires today, on the periods it expired under.
import { defineCommand } from '../../../commands/define.ts'
import { appError, badInput } from '../../../errors.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { beijingDay } from '../../../lib/workdays.ts'
import { LIFECYCLE_DAY_LIMITS, parseCalendarDay, type LifecycleDayField } from '../periods.ts'

export interface SetDomainLifecyclePeriodsInput {
  graceDays: number
  redemptionDays: number
  holdDays: number
  /** A Beijing calendar day, YYYY-MM-DD. */
  effectiveFrom: string
}

const DAY_MS = 86_400_000

export const setDomainLifecyclePeriods = defineCommand({
  name: 'setDomainLifecyclePeriods',
  policy: {
    who: ['conac'],
    tokens: false,
    roles: ['ADMIN'],
    rule: 'CONAC only: the periods are national',
    refusal: '仅限 CONAC 管理员',
  },
  scope: 'none (the periods are national)',
  effects: ['a new DomainLifecyclePeriods entry for domains expiring from effectiveFrom on (the daily lifecycle job)'],

  async run(ctx, input: SetDomainLifecyclePeriodsInput) {
    const fields: Partial<Record<LifecycleDayField | 'effectiveFrom', string>> = {}
    for (const field of Object.keys(LIFECYCLE_DAY_LIMITS) as LifecycleDayField[]) {
      const { label, min, max } = LIFECYCLE_DAY_LIMITS[field]
      const value = input[field]
      if (!Number.isInteger(value) || value < min || value > max)
        fields[field] = `${label}应为 ${min} 到 ${max} 的整数天数`
    }
    const effectiveFrom = parseCalendarDay(input.effectiveFrom)
    const tomorrow = beijingDay(new Date(Date.now() + DAY_MS))
    if (!effectiveFrom) fields.effectiveFrom = '生效日期的格式应为 YYYY-MM-DD'
    else if (input.effectiveFrom < tomorrow)
      fields.effectiveFrom = `最早从明天（${tomorrow}）起生效：已到期的域名不改期限`
    if (Object.keys(fields).length || !effectiveFrom)
      throw badInput('域名生命周期期限设置不正确', fields as Record<string, string>)

    return ctx.prisma.$transaction(async (tx) => {
      const existing = await tx.domainLifecyclePeriods.findUnique({ where: { effectiveFrom } })
      if (existing)
        throw appError('CONFLICT', '该生效日期已有一组期限；已设置的期限不能修改，请另选一个生效日期', {
          reason: 'PERIODS_DATE_TAKEN',
        })
      const entry = await tx.domainLifecyclePeriods.create({
        data: {
          graceDays: input.graceDays,
          redemptionDays: input.redemptionDays,
          holdDays: input.holdDays,
          effectiveFrom,
        },
      })
      await writeAudit(tx, ctx, {
        action: 'domainLifecyclePeriods.set',
        subjectType: 'DomainLifecyclePeriods',
        subjectId: entry.id,
        after: entry,
      })
      return entry.id
    })
  },
})
