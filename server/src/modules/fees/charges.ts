// 扣费: an office's 帐户余额 pays CONAC for a collected registration or renewal, which registers the domain (with an
// expiry date) or extends it. Every item is charged at most once, each in a transaction of its own: the item row is
// claimed first (chargedAt), the database refuses a posting the balance cannot cover, and a domain or renewal that
// moved on makes the charge skip (all of it rolled back, left for the next run).
import { transition, transitionMany } from '../../commands/transition.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import { accountOf, conacAccountOf, isBalanceRefusal, postLedgerTransaction } from '../../lib/ledger.ts'
import { actingUserId, anonymous, type Viewer } from '../../viewer.ts'
import { fullNameOf } from '../domainApplications/names.ts'
import { RENEWABLE_STATUSES } from '../renewals/renewable.ts'
import { addYears } from './calendar.ts'
import { domainChargedNotices } from './notices.ts'
import { logFor } from '../../observability/log.ts'

export type ChargeOutcome = 'charged' | 'skipped' | 'already'
/** Who a charge is recorded against in the audit log: CONAC staff at 认款 or 立即执行, nobody for the scheduler. */
export type ChargeActor = { viewer: Viewer; ip: string | null }
const SCHEDULER: ChargeActor = { viewer: anonymous, ip: null }

/** Thrown inside a charge's transaction to roll it back without an error for the caller. */
class ChargeSkipped extends Error {}
const skipped = (why: string) => () => new ChargeSkipped(why)

/**
 * Charges one fee item in its own transaction. The item row is claimed first (conditional on chargedAt null), so
 * a concurrent charge of the same item waits and then finds nothing to do; an office balance that cannot cover
 * the fee makes the database refuse the posting, which rolls everything back ('skipped').
 */
export async function chargeFeeItem(
  prisma: PrismaClient,
  itemId: number,
  actor: ChargeActor = SCHEDULER,
): Promise<ChargeOutcome> {
  try {
    return await prisma.$transaction(
      async (tx) => {
        const now = new Date()
        const claimed = await tx.feeCollectionItem.updateMany({
          where: { id: itemId, chargedAt: null },
          data: { chargedAt: now },
        })
        if (claimed.count !== 1) return 'already' as const
        // The item's one read: its office, its domain with the unit's users (the notice), its renewal.
        const item = await tx.feeCollectionItem.findUniqueOrThrow({
          where: { id: itemId },
          include: {
            feeCollection: { select: { officeId: true, office: { select: { region: { select: { path: true } } } } } },
            domain: { include: { unit: { select: { users: { select: { id: true } } } } } },
            renewal: true,
          },
        })
        const { domain, renewal } = item
        const fullName = fullNameOf(domain)
        const prepaid = await accountOf(tx, item.feeCollection.officeId, 'OFFICE_PREPAID')
        const revenue = await conacAccountOf(tx, 'CONAC_REVENUE')
        const posting = await postLedgerTransaction(tx, {
          kind: 'CHARGE',
          memo: `扣费 ${item.kind === 'RENEWAL' ? '续费' : '注册'} ${fullName} ${item.years}年`,
          createdById: actingUserId(actor.viewer),
          entries: [
            { accountId: prepaid.id, amountFen: -item.amountFen },
            { accountId: revenue.id, amountFen: item.amountFen },
          ],
        })
        await tx.feeCollectionItem.update({ where: { id: itemId }, data: { chargeTransactionId: posting.id } })
        const regionPath = item.feeCollection.office.region.path
        const charge = { feeItemId: itemId, amountFen: item.amountFen }

        if (item.kind === 'REGISTRATION') {
          const expiresAt = addYears(now, item.years)
          await transition(tx, actor, 'domain', {
            entity: domain,
            from: 'FEE_COLLECTED',
            to: 'REGISTERED',
            set: { registeredAt: now, expiresAt },
            audit: { action: 'charge.register', regionPath, after: { registeredAt: now, expiresAt, ...charge } },
            notify: domainChargedNotices(domain.unit.users, { id: itemId, domain: fullName, renewedYears: null }),
            stale: skipped('domain no longer waits for its charge'),
          })
          return 'charged' as const
        }

        if (!renewal || renewal.status !== 'FEE_COLLECTED' || !domain.expiresAt)
          throw new ChargeSkipped('renewal no longer waits for its charge')
        // A renewal counts from the current expiry, or from today for a domain that has already expired; a domain in
        // grace or redemption comes back to REGISTERED (and to DNS).
        const previousExpiry = domain.expiresAt
        const newExpiry = addYears(previousExpiry > now ? previousExpiry : now, item.years)
        await transition(tx, actor, 'domain', {
          entity: domain,
          from: RENEWABLE_STATUSES,
          to: 'REGISTERED',
          set: { expiresAt: newExpiry },
          audit: {
            action: 'charge.renew',
            regionPath,
            before: { expiresAt: previousExpiry },
            after: { expiresAt: newExpiry, renewalId: renewal.id, previousExpiry, newExpiry, ...charge },
          },
          notify: domainChargedNotices(domain.unit.users, { id: itemId, domain: fullName, renewedYears: item.years }),
          stale: skipped('domain changed'),
        })
        await transitionMany(tx, 'domainRenewal', {
          entities: [renewal],
          from: 'FEE_COLLECTED',
          to: 'CHARGED',
          set: { previousExpiry, newExpiry },
          stale: skipped('renewal changed'),
        })
        return 'charged' as const
      },
      { maxWait: 60_000, timeout: 60_000 },
    )
  } catch (error) {
    if (error instanceof ChargeSkipped || isBalanceRefusal(error)) return 'skipped'
    throw error
  }
}

export interface ChargeRunResult {
  [key: string]: number
  charged: number
  skipped: number
  already: number
  chargedFen: number
}

export const noCharges = (): ChargeRunResult => ({ charged: 0, skipped: 0, already: 0, chargedFen: 0 })

/**
 * Charges items one by one in the given order (chargeFeeItem: one guarded transaction each), counting into
 * `result` (so a pass that fails midway still tells what it did). With `balanceFen`, the office balance read before
 * the pass, an item the rest of it cannot cover is counted as skipped without a transaction: only a shortcut, since
 * the database still refuses any charge the balance cannot cover.
 */
export async function chargeInOrder(
  prisma: PrismaClient,
  items: { id: number; amountFen: bigint }[],
  actor: ChargeActor,
  { balanceFen, result = noCharges() }: { balanceFen?: bigint; result?: ChargeRunResult } = {},
): Promise<ChargeRunResult> {
  let left = balanceFen
  for (const item of items) {
    const outcome =
      left !== undefined && item.amountFen > left ? 'skipped' : await chargeFeeItem(prisma, item.id, actor)
    result[outcome] += 1
    if (outcome === 'charged') {
      result.chargedFen += Number(item.amountFen)
      if (left !== undefined) left -= item.amountFen
    }
  }
  return result
}

/**
 * The charge right after 认款: what the office's 帐户余额 now covers, the confirmed remittance's own items first (the
 * money came for them), then the office's other uncharged items in collection order, as the daily run would charge
 * them. Each item goes through chargeFeeItem, so a daily run (or another 认款) at the same moment charges none of
 * them twice. The confirmation is already committed: a failure here is logged and left to the daily run, the sweep.
 */
export async function chargeAfterConfirmation(
  prisma: PrismaClient,
  remittanceId: number,
  actor: ChargeActor,
): Promise<ChargeRunResult | null> {
  try {
    const remittance = await prisma.remittance.findUniqueOrThrow({
      where: { id: remittanceId },
      select: { officeId: true, status: true },
    })
    if (remittance.status !== 'CONFIRMED') return null
    const waiting = await prisma.feeCollectionItem.findMany({
      where: { chargedAt: null, feeCollection: { officeId: remittance.officeId } },
      orderBy: [{ feeCollectionId: 'asc' }, { id: 'asc' }],
      select: { id: true, amountFen: true, feeCollection: { select: { remittanceId: true } } },
    })
    const own = waiting.filter((item) => item.feeCollection.remittanceId === remittanceId)
    const others = waiting.filter((item) => item.feeCollection.remittanceId !== remittanceId)
    const balance = (await accountOf(prisma, remittance.officeId, 'OFFICE_PREPAID')).balanceFen
    return await chargeInOrder(prisma, [...own, ...others], actor, { balanceFen: balance })
  } catch (error) {
    logFor('fees').error(
      { err: error, remittanceId },
      `charge after 认款 of remittance #${remittanceId} failed; the daily charge will retry`,
    )
    return null
  }
}
