// 账号认领: an account imported from the old system (status PENDING_ACTIVATION, no password, importedAt set) is
// invited to set its own password with the ordinary activation message (accounts/activation.ts sends the
// account.claim text for it): an emailed link and an SMS code. The job 迁移账号认领通知 invites the accounts not yet
// invited (claimInvitedAt null), oldest import first, a few hundred a run, each in a transaction of its own that
// holds the account's row (FOR UPDATE SKIP LOCKED), so two runs at once never invite one account twice and a run
// killed half-way has lost nothing. The SMS budget decides how far a run goes: the first code it refuses ends the
// run and the rest wait for the next one. An office re-sends one account's invitation (commands/) through
// sendClaimInvitation too.
import { GraphQLError } from 'graphql'
import { config } from '../../../config.ts'
import type { Context } from '../../../context.ts'
import { Prisma, type PrismaClient } from '../../../generated/prisma/client.ts'
import { writeAudit } from '../../../lib/audit.ts'
import { sqlTimestamp } from '../../../lib/sqlTime.ts'
import { sendActivation } from '../../accounts/activation.ts'
import type { SmsBudget } from '../../verification/budget.ts'
import { reportSmsBudgetReached, SmsBudgetReachedError } from '../../verification/budget.ts'

/** Who sends: the job (anonymous, no address) or the office's administrator; and the SMS budget in force. */
export type ClaimActor = Pick<Context, 'viewer' | 'ip' | 'smsBudget'>

export const withOrganisation = {
  unit: { select: { name: true, region: { select: { path: true } } } },
  office: { select: { name: true, region: { select: { path: true } } } },
} as const

export type ClaimAccount = Prisma.UserGetPayload<{ include: typeof withOrganisation }>

/** The imported accounts still waiting for their holder: what the list and the job work on. */
export const unclaimed = {
  importedAt: { not: null },
  status: 'PENDING_ACTIVATION',
  passwordHash: null,
} as const satisfies Prisma.UserWhereInput

/** The region path an account's audit rows are filed under (its office's or its unit's). */
export const regionPathOfAccount = (user: ClaimAccount) => user.office?.region.path ?? user.unit?.region.path ?? null

/**
 * Sends the link and the code inside the caller's transaction (an older link of the account stops working) and marks
 * the account invited. A refusal of the code (the number's own limits, the SMS budget) throws and rolls it all back.
 */
export async function sendClaimInvitation(
  tx: Prisma.TransactionClient,
  actor: ClaimActor,
  user: ClaimAccount,
  now: Date,
): Promise<void> {
  if (!user.mobile || !user.email) throw new Error(`account ${user.id} has no mobile or email`)
  const organisation = user.office?.name ?? user.unit?.name ?? ''
  await sendActivation(tx, actor, { ...user, mobile: user.mobile, email: user.email }, organisation, now)
  // The first invitation's time; a re-send keeps it (the link's own row says when the latest went).
  await tx.user.updateMany({ where: { id: user.id, claimInvitedAt: null }, data: { claimInvitedAt: now } })
}

export interface InviteRunSummary {
  /** Accounts invited by this run. */
  invited: number
  /** Accounts passed over because their mobile number's own limits refused a code now (one person, many units). */
  deferred: number
  /** Imported accounts still not invited after the run. */
  notYetInvited: number
  /** Why the run stopped before its quota, in Chinese, when the SMS budget stopped it. */
  stoppedBy?: string
}

export interface InviteOptions {
  now: Date
  actor: { viewer: Context['viewer']; ip: string | null }
  /** Default config.migrationClaim.invitesPerRun. */
  perRun?: number
  /** Default config.smsBudget (tests pass a small one). */
  smsBudget?: SmsBudget
}

/** One run of 迁移账号认领通知 (registered in jobs/registry.ts). */
export async function inviteImportedAccounts(prisma: PrismaClient, options: InviteOptions): Promise<InviteRunSummary> {
  const { now } = options
  const perRun = options.perRun ?? config.migrationClaim.invitesPerRun
  const actor: ClaimActor = { ...options.actor, smsBudget: options.smsBudget ?? config.smsBudget }
  const summary: InviteRunSummary = { invited: 0, deferred: 0, notYetInvited: 0 }
  // Walks forward over (importedAt, id): an account passed over is tried again by the next run, not by this one. A
  // passed-over account counts toward the run's quota too, so one handler of many units cannot make a run endless.
  let after: { importedAt: Date; id: number } | null = null
  while (summary.invited + summary.deferred < perRun) {
    let picked = null as ClaimAccount | null
    try {
      await prisma.$transaction(
        async (tx) => {
          const cursor = after
            ? Prisma.sql`("importedAt", id) > (${sqlTimestamp(after.importedAt)}, ${after.id}::int)`
            : Prisma.sql`TRUE`
          const rows = await tx.$queryRaw<{ id: number }[]>`
            SELECT id FROM users
            WHERE "importedAt" IS NOT NULL AND "claimInvitedAt" IS NULL AND status = 'PENDING_ACTIVATION'
              AND "passwordHash" IS NULL AND mobile IS NOT NULL AND email IS NOT NULL AND ${cursor}
            ORDER BY "importedAt", id
            LIMIT 1
            FOR UPDATE SKIP LOCKED`
          if (!rows.length) return
          picked = await tx.user.findUniqueOrThrow({ where: { id: rows[0]!.id }, include: withOrganisation })
          await sendClaimInvitation(tx, actor, picked, now)
        },
        { maxWait: 30_000, timeout: 30_000 },
      )
    } catch (error) {
      if (error instanceof SmsBudgetReachedError) {
        // The alert on CONAC's jobs page (once per period), as for any refused code; the account waits.
        const refusal = await reportSmsBudgetReached(prisma, actor, error, now)
        summary.stoppedBy = refusal.message
        break
      }
      if (picked && isNumberLimit(error)) {
        summary.deferred += 1
        after = cursorOf(picked)
        continue
      }
      throw error
    }
    if (!picked) break
    summary.invited += 1
    after = cursorOf(picked)
  }
  const [left] = await prisma.$queryRaw<{ count: bigint }[]>`
    SELECT count(*) AS count FROM users
    WHERE "importedAt" IS NOT NULL AND "claimInvitedAt" IS NULL AND status = 'PENDING_ACTIVATION'
      AND "passwordHash" IS NULL`
  summary.notYetInvited = Number(left?.count ?? 0)
  if (summary.invited || summary.deferred || summary.stoppedBy) {
    await writeAudit(prisma, actor, {
      action: 'account.claimInvite',
      subjectType: 'MigrationClaim',
      subjectId: null,
      after: { ...summary },
    })
  }
  return summary
}

const cursorOf = (user: ClaimAccount) => ({ importedAt: user.importedAt!, id: user.id })

/** A refusal by the mobile number's own limits (60 s between codes, codes a day), not by the budget. */
function isNumberLimit(error: unknown): boolean {
  return error instanceof GraphQLError && error.extensions.code === 'TOO_MANY_ATTEMPTS'
}
