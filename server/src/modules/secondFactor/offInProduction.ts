// Production with SECOND_FACTOR=off: staff sign in with a password alone, below what 等保 level 3 asks of staff
// logins. It is allowed (an operator may need it while the SMS gateway is down) but never silent: every boot warns in
// the log and writes one audit row, system.secondFactorOff, which CONAC reads in 操作日志.
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { anonymous } from '../../viewer.ts'

export const SECOND_FACTOR_OFF_WARNING =
  '[api] SECOND_FACTOR=off in production: staff sign in with a password alone (等保 level 3 asks for a second ' +
  'factor); this boot is recorded in the audit log as system.secondFactorOff'

/** At boot: when production runs without the second factor, the warning and the boot's audit row; else nothing. */
export async function reportSecondFactorOff(
  prisma: PrismaClient,
  settings: { production: boolean; secondFactor: boolean },
  warn: (message: string) => void = console.warn,
): Promise<void> {
  if (!settings.production || settings.secondFactor) return
  warn(SECOND_FACTOR_OFF_WARNING)
  // Written by the system, as the scheduler's rows are: no viewer, no address.
  await writeAudit(
    prisma,
    { viewer: anonymous, ip: null },
    {
      action: 'system.secondFactorOff',
      subjectType: 'System',
      after: { NODE_ENV: 'production', SECOND_FACTOR: 'off', bootedAt: new Date() },
    },
  )
}
