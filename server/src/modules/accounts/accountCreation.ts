// Creating an account (office staff or a unit's deputy): one transaction that inserts the PENDING_ACTIVATION user,
// sends the activation link and code, and writes audit user.create. A taken username is CONFLICT on that field,
// whether found first or lost to a concurrent creation at the unique index.
import type { Context } from '../../context.ts'
import { appError } from '../../errors.ts'
import type { Prisma } from '../../generated/prisma/client.ts'
import { writeAudit } from '../../lib/audit.ts'
import { isUniqueViolation } from '../../lib/uniqueViolation.ts'
import { actingUserId } from '../../viewer.ts'
import { maskMobile } from '../../lib/masking.ts'
import { withSmsBudgetReport } from '../verification/issue.ts'
import { sendActivation } from './activation.ts'
import type { NewAccountInput } from './form.ts'

const usernameTaken = () =>
  appError('CONFLICT', '该用户名已被使用', { fields: { username: '该用户名已被使用，请换一个' } })

export interface AccountToCreate {
  account: NewAccountInput
  /** The columns that make it staff of an office or a unit's deputy. */
  placement: Pick<Prisma.UserUncheckedCreateInput, 'role' | 'officeId' | 'officeRoles' | 'unitId' | 'unitRole'>
  /** Who opened the account, as the email names it. */
  organisation: string
  regionPath: string | null
  /** Runs inside the transaction before the insert (a limit that must be counted under a lock). */
  beforeInsert?: (tx: Prisma.TransactionClient) => Promise<void>
}

/** Creates the account and sends its activation; returns the new user's id. */
export async function createPendingAccount(ctx: Context, input: AccountToCreate): Promise<number> {
  const { account, placement } = input
  const taken = await ctx.prisma.user.findUnique({ where: { username: account.username }, select: { id: true } })
  if (taken) throw usernameTaken()
  const now = new Date()
  try {
    return await withSmsBudgetReport(ctx, now, () =>
      ctx.prisma.$transaction(
        async (tx) => {
          await input.beforeInsert?.(tx)
          const user = await tx.user.create({
            data: {
              ...account,
              ...placement,
              status: 'PENDING_ACTIVATION',
              passwordHash: null,
              createdById: actingUserId(ctx.viewer),
            },
          })
          await writeAudit(tx, ctx, {
            action: 'user.create',
            subjectType: 'User',
            subjectId: user.id,
            regionPath: input.regionPath,
            after: {
              username: user.username,
              displayName: user.displayName,
              mobile: maskMobile(account.mobile),
              officeId: user.officeId,
              officeRoles: user.officeRoles,
              unitId: user.unitId,
              unitRole: user.unitRole,
              status: user.status,
            },
          })
          await sendActivation(tx, ctx, { ...account, id: user.id }, input.organisation, now)
          return user.id
        },
        { maxWait: 30_000, timeout: 30_000 },
      ),
    )
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken()
    throw error
  }
}
