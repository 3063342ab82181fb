// Login throttling without a lock anyone could set off: only what comes from the attacking address is held back,
// and the account holder from any other address gets in. Addresses are counted under their limit key
// (lib/clientAddress.ts limitKeyOf: IPv4 as is, IPv6 by its /64, since one client holds a whole /64). Three controls,
// all decided before the password is checked:
//
// 1. Per address (across names): an address with LOGIN_MAX_FAILURES_PER_ADDRESS wrong passwords in the window waits
//    until the oldest of them leaves it. Only wrong passwords count (and attempts in flight, whose password is not
//    known yet): a refusal that never checked a password does not, so being refused does not prolong the wait, and
//    the holder retrying the right password too early does not throttle their own address. The attempt's row is
//    written (counting) first and then counted, so of attempts running at once no more than the limit pass.
// 2. Per name and address: LOGIN_MAX_FAILURES wrong passwords for one name from one address lock that address out
//    of that name for LOGIN_LOCK_MINUTES (even the right password from there is refused). The holder logging in
//    from anywhere else is not affected.
// 3. Per name, guessed from many addresses: the name's wrong passwords from addresses it does not know are counted
//    together. Beyond LOGIN_ACCOUNT_FREE_FAILURES of them, an address's next attempt on the name must wait 1, 2, 4 ...
//    seconds (at most LOGIN_ACCOUNT_MAX_DELAY_SECONDS) after that address's own previous attempt; earlier is answered
//    TOO_MANY_ATTEMPTS + retryAfterSeconds. The wait is per address, not one slot for the whole name: a single slot
//    is claimed by whoever asks first, and an attacker asking from many addresses always asks first, which locked
//    the holder out of every new address. Now each guessing address pays the wait (on top of 1 and 2), while the
//    holder's first attempt from a new address goes straight to the password check and a typo costs at most the
//    maximum wait. An address the name logged in from within LOGIN_KNOWN_ADDRESS_DAYS is not delayed or counted.
//
// Counting is claim-first: an attempt is counted in the same conditional upsert that lets it through (row-locked in
// the database), and the count is taken back when its password proves right. So concurrent wrong guesses cannot all
// read "4 failures" and all pass: exactly LOGIN_MAX_FAILURES of them reach the password check. Everything is keyed by
// the name typed, so an unknown name is throttled exactly like a real one (nothing tells them apart).
import { config } from '../../config.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import { limitKeyOf } from '../../lib/clientAddress.ts'
import { sqlTimestamp } from '../../lib/sqlTime.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** The address key when the API could not tell the client's address (tests without one). */
const UNKNOWN_ADDRESS = ''

export interface LoginAttemptKey {
  username: string
  /** The client's full address (ctx.ip); the limits count under its limit key. */
  address: string | null
}

/** The key attempts of one (name, address) are counted and queued under. */
export function loginAttemptKeyOf(key: LoginAttemptKey): { username: string; addressKey: string } {
  return { username: key.username, addressKey: limitKeyOf(key.address) ?? UNKNOWN_ADDRESS }
}

type GateDecision =
  | {
      kind: 'open'
      /** Wrong passwords for this name from this address, this attempt included (if it fails). */
      addressFailures: number
      /** This attempt, if wrong, is the one that locks the address out of the name. */
      locksAddress: boolean
      lockedUntil: Date | null
      /** This attempt is the first beyond the free allowance: the growing delay starts for the name. */
      startsAccountDelay: boolean
      /** The attempt was counted account-wide (the address is not known to the name). */
      countedForAccount: boolean
    }
  | { kind: 'addressThrottled'; retryAfterSeconds: number }
  | { kind: 'addressLocked'; lockedUntil: Date }
  | { kind: 'accountDelayed'; retryAfterSeconds: number }

/** What the gate decided before the password is checked; attemptId is the attempt's login_attempts row. */
export type LoginGate = GateDecision & { attemptId: number; addressKey: string }

/** How an attempt ended; only a wrong password counts against the address. */
export type LoginOutcome =
  | { kind: 'signedIn' }
  | { kind: 'wrongPassword'; failureCode: 'INVALID_CREDENTIALS' | 'ACCOUNT_LOCKED' }
  /** Refused without a wrong password: before any password was checked, or a right one for a disabled account. */
  | { kind: 'refused'; failureCode: string }

const minutes = (n: number) => n * 60_000
const secondsUntil = (date: Date, now: Date) => Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 1000))

/** Epoch milliseconds of a timestamp(3) column (stored as UTC), so no driver guesses a time zone. */
const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`

/** Decides whether this attempt may check a password, counting it as a failure when it may. */
export async function enterLoginGate(prisma: PrismaClient, key: LoginAttemptKey, now: Date): Promise<LoginGate> {
  const { username, addressKey } = loginAttemptKeyOf(key)
  const { id: attemptId } = await prisma.loginAttempt.create({
    data: {
      username,
      ip: key.address,
      addressKey: addressKey || null,
      succeeded: false,
      failureCode: 'PENDING',
      countsAsFailure: true,
      at: now,
    },
  })
  const decided = (decision: GateDecision): LoginGate => ({ ...decision, attemptId, addressKey })
  const refuse = async (failureCode: string, decision: Exclude<GateDecision, { kind: 'open' }>): Promise<LoginGate> => {
    await recordLoginOutcome(prisma, attemptId, { kind: 'refused', failureCode })
    return decided(decision)
  }

  if (addressKey) {
    const throttledUntil = await addressThrottledUntil(prisma, addressKey, now)
    if (throttledUntil)
      return refuse('TOO_MANY_ATTEMPTS', {
        kind: 'addressThrottled',
        retryAfterSeconds: secondsUntil(throttledUntil, now),
      })
  }

  const known = await isKnownAddress(prisma, username, addressKey, now)
  const claim = await claimAddressAttempt(
    prisma,
    username,
    addressKey,
    known ? 0 : await accountDelaySeconds(prisma, username, now),
    now,
  )
  if (claim.kind === 'locked') return refuse('ACCOUNT_LOCKED', { kind: 'addressLocked', lockedUntil: claim.until })
  if (claim.kind === 'delayed')
    return refuse('TOO_MANY_ATTEMPTS', { kind: 'accountDelayed', retryAfterSeconds: secondsUntil(claim.until, now) })

  const accountFailures = known ? null : await countAccountFailure(prisma, username, now)
  return decided({
    kind: 'open',
    addressFailures: claim.failures,
    locksAddress: claim.lockedUntil !== null,
    lockedUntil: claim.lockedUntil,
    startsAccountDelay: accountFailures === config.login.accountFreeFailures + 1,
    countedForAccount: !known,
  })
}

/** Writes the outcome on the attempt's row (written PENDING by the gate, and counted as a failure until now). */
export async function recordLoginOutcome(db: Db, attemptId: number, outcome: LoginOutcome): Promise<void> {
  await db.loginAttempt.update({
    where: { id: attemptId },
    data: {
      succeeded: outcome.kind === 'signedIn',
      failureCode: outcome.kind === 'signedIn' ? null : outcome.failureCode,
      countsAsFailure: outcome.kind === 'wrongPassword',
    },
  })
}

/** The password proved right: the attempt was no failure, and this address starts afresh with the name. */
export async function loginProvedRight(
  db: Db,
  gate: Extract<LoginGate, { kind: 'open' }>,
  username: string,
): Promise<void> {
  await db.$executeRaw`DELETE FROM "login_address_failures" WHERE "username" = ${username} AND "addressKey" = ${gate.addressKey}`
  if (gate.countedForAccount) {
    await db.$executeRaw`
      UPDATE "login_account_throttles" SET "failures" = greatest("failures" - 1, 0) WHERE "username" = ${username}`
  }
}

/**
 * When the address's throttle lifts, or null when it is not throttled: the attempt (its own row counting) is refused
 * when the window holds more than LOGIN_MAX_FAILURES_PER_ADDRESS counting attempts, until the oldest of the newest
 * that many + 1 leaves the window.
 */
async function addressThrottledUntil(prisma: PrismaClient, addressKey: string, now: Date): Promise<Date | null> {
  const { maxFailuresPerAddress, windowMinutes } = config.login
  const [oldestBeyondLimit] = await prisma.loginAttempt.findMany({
    where: { addressKey, countsAsFailure: true, at: { gte: new Date(now.getTime() - minutes(windowMinutes)) } },
    orderBy: { at: 'desc' },
    skip: maxFailuresPerAddress,
    take: 1,
    select: { at: true },
  })
  return oldestBeyondLimit ? new Date(oldestBeyondLimit.at.getTime() + minutes(windowMinutes)) : null
}

/** An address the name logged in from recently: its holder, most likely. */
async function isKnownAddress(prisma: PrismaClient, username: string, addressKey: string, now: Date): Promise<boolean> {
  if (!addressKey) return false
  const since = new Date(now.getTime() - config.login.knownAddressDays * 86_400_000)
  const success = await prisma.loginAttempt.findFirst({
    where: { username, addressKey, succeeded: true, at: { gte: since } },
    select: { id: true },
  })
  return success !== null
}

/**
 * How long an address not known to the name must wait after its own previous attempt on it: nothing within the
 * free allowance of the name's recent failures, then 1, 2, 4 ... seconds, at most LOGIN_ACCOUNT_MAX_DELAY_SECONDS.
 */
async function accountDelaySeconds(prisma: PrismaClient, username: string, now: Date): Promise<number> {
  const { accountFreeFailures, accountMaxDelaySeconds, windowMinutes } = config.login
  const account = await prisma.loginAccountThrottle.findUnique({ where: { username } })
  if (!account || account.lastFailureAt.getTime() < now.getTime() - minutes(windowMinutes)) return 0
  const beyond = account.failures - accountFreeFailures
  return beyond <= 0 ? 0 : Math.min(2 ** Math.min(beyond - 1, 30), accountMaxDelaySeconds)
}

type AddressClaim =
  | { kind: 'counted'; failures: number; lockedUntil: Date | null }
  | { kind: 'locked'; until: Date }
  | { kind: 'delayed'; until: Date }

/**
 * Counts the attempt for (name, address) unless that pair is locked or its previous attempt was less than
 * `delaySeconds` ago. The attempt that reaches the limit sets the lock at once, so attempts running beside it are
 * refused too. Failures older than the window, or from before an expired lock, start the count afresh.
 */
async function claimAddressAttempt(
  prisma: PrismaClient,
  username: string,
  addressKey: string,
  delaySeconds: number,
  now: Date,
): Promise<AddressClaim> {
  const { maxFailuresPerAccountAndAddress: max, windowMinutes, lockMinutes } = config.login
  const at = sqlTimestamp(now)
  const lockUntil = sqlTimestamp(new Date(now.getTime() + minutes(lockMinutes)))
  const counted = Prisma.sql`CASE WHEN f."lastFailureAt" < ${sqlTimestamp(new Date(now.getTime() - minutes(windowMinutes)))} OR f."lockedUntil" IS NOT NULL
    THEN 1 ELSE f."failures" + 1 END`
  const waitedLongEnough =
    delaySeconds > 0
      ? Prisma.sql`f."lastFailureAt" <= ${sqlTimestamp(new Date(now.getTime() - delaySeconds * 1000))}`
      : Prisma.sql`TRUE`
  const rows = await prisma.$queryRaw<{ failures: number; lockedUntilMs: number | null }[]>`
    INSERT INTO "login_address_failures" AS f ("username", "addressKey", "failures", "lastFailureAt", "lockedUntil")
    VALUES (${username}, ${addressKey}, 1, ${at}, CASE WHEN 1 >= ${max}::int THEN ${lockUntil} END)
    ON CONFLICT ("username", "addressKey") DO UPDATE SET
      "failures" = ${counted},
      "lastFailureAt" = ${at},
      "lockedUntil" = CASE WHEN ${counted} >= ${max}::int THEN ${lockUntil} END
    WHERE (f."lockedUntil" IS NULL OR f."lockedUntil" <= ${at}) AND ${waitedLongEnough}
    RETURNING "failures", ${Prisma.raw(epochMs('"lockedUntil"'))} AS "lockedUntilMs"`
  const row = rows[0]
  if (row)
    return {
      kind: 'counted',
      failures: Number(row.failures),
      lockedUntil: row.lockedUntilMs == null ? null : new Date(Number(row.lockedUntilMs)),
    }

  const [held] = await prisma.$queryRaw<{ lockedUntilMs: number | null; lastFailureAtMs: number }[]>`
    SELECT ${Prisma.raw(epochMs('"lockedUntil"'))} AS "lockedUntilMs", ${Prisma.raw(epochMs('"lastFailureAt"'))} AS "lastFailureAtMs"
      FROM "login_address_failures" WHERE "username" = ${username} AND "addressKey" = ${addressKey}`
  if (held?.lockedUntilMs != null && held.lockedUntilMs > now.getTime())
    return { kind: 'locked', until: new Date(Number(held.lockedUntilMs)) }
  // Not locked, so the previous attempt was too recent. (A lock can run out between the two statements; the next
  // attempt will find it open.)
  return {
    kind: 'delayed',
    until: new Date(Math.max(Number(held?.lastFailureAtMs ?? 0) + delaySeconds * 1000, now.getTime() + 1000)),
  }
}

/** Counts the attempt among the name's failures from addresses it does not know; returns the count, this one included. */
async function countAccountFailure(prisma: PrismaClient, username: string, now: Date): Promise<number> {
  const at = sqlTimestamp(now)
  const windowStart = sqlTimestamp(new Date(now.getTime() - minutes(config.login.windowMinutes)))
  const [row] = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO "login_account_throttles" AS t ("username", "failures", "lastFailureAt")
    VALUES (${username}, 1, ${at})
    ON CONFLICT ("username") DO UPDATE SET
      "failures" = CASE WHEN t."lastFailureAt" < ${windowStart} THEN 1 ELSE t."failures" + 1 END,
      "lastFailureAt" = ${at}
    RETURNING "failures"`
  return Number(row!.failures)
}
