// Login throttling without a lock anyone could set off. Three controls, all decided before the password is checked:
//
// 1. Per address (across names): an address with LOGIN_MAX_FAILURES_PER_ADDRESS failed attempts in the window waits.
//    The attempt's row is written first (a failure until its password proves right) and then counted, so of
//    attempts running at once no more than the limit pass (each count includes every row written before it).
// 2. Per name and address: LOGIN_MAX_FAILURES wrong passwords for one name from one address lock that address out
//    of that name for LOGIN_LOCK_MINUTES (even the right password from there is refused). The holder logging in
//    from anywhere else is not affected.
// 3. Per name, from addresses it does not know (distributed guessing): after LOGIN_ACCOUNT_FREE_FAILURES recent
//    wrong passwords, each further attempt claims the next slot, which moves 1, 2, 4 ... seconds ahead (at most
//    LOGIN_ACCOUNT_MAX_DELAY_SECONDS); an attempt before it is answered TOO_MANY_ATTEMPTS + retryAfterSeconds. An
//    address the name logged in from within LOGIN_KNOWN_ADDRESS_DAYS skips this control, so during such an attack
//    the holder gets in at once from a known address and waits at most the maximum delay (bounded, never locked)
//    from a new one. Guessers are slowed to about one try per maximum delay per name.
//
// Counting is claim-first: an attempt is counted as a failure in the same conditional upsert that lets it through
// (row-locked in the database), and the count is taken back when its password proves right. So concurrent wrong
// guesses cannot all read "4 failures" and all pass: exactly LOGIN_MAX_FAILURES of them reach the password check.
// Everything is keyed by the name typed, so an unknown name is throttled exactly like a real one (nothing tells
// them apart).
import { config } from '../../config.ts'
import { Prisma, type PrismaClient } from '../../generated/prisma/client.ts'
import { sqlTimestamp } from '../../lib/sqlTime.ts'

type Db = PrismaClient | Prisma.TransactionClient

/** The address column when the API could not tell the client's address (tests without one). */
const UNKNOWN_ADDRESS = ''

export interface LoginAttemptKey {
  username: string
  address: string | null
}

/** What the gate decided before the password is checked; attemptId is the attempt's login_attempts row. */
export type LoginGate = { attemptId: number } & (
  | {
      kind: 'open'
      /** Wrong passwords for this name from this address, this attempt included (if it fails). */
      addressFailures: number
      /** This attempt, if wrong, is the one that locks the address out of the name. */
      locksAddress: boolean
      lockedUntil: Date | null
      /** This attempt is the first beyond the free allowance: the account-wide delay starts. */
      startsAccountDelay: boolean
      /** The attempt was counted account-wide (the address is not known to the name). */
      countedForAccount: boolean
    }
  | { kind: 'addressThrottled'; retryAfterSeconds: number }
  | { kind: 'addressLocked'; lockedUntil: Date }
  | { kind: 'accountDelayed'; retryAfterSeconds: number }
)

const minutes = (n: number) => n * 60_000
const secondsUntil = (date: Date, now: Date) => Math.max(1, Math.ceil((date.getTime() - now.getTime()) / 1000))

/** Epoch milliseconds of a timestamp(3) column (stored as UTC), so no driver guesses a time zone. */
const epochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::float8`

/** Decides whether this attempt may check a password, counting it as a failure when it may. */
export async function enterLoginGate(prisma: PrismaClient, key: LoginAttemptKey, now: Date): Promise<LoginGate> {
  const settings = config.login
  const { id: attemptId } = await prisma.loginAttempt.create({
    data: { username: key.username, ip: key.address, succeeded: false, failureCode: 'PENDING', at: now },
  })
  const refuse = async (failureCode: string, gate: Exclude<LoginGate, { kind: 'open' }>): Promise<LoginGate> => {
    await recordLoginOutcome(prisma, attemptId, { succeeded: false, failureCode })
    return gate
  }
  if (key.address) {
    const recentFailures = await prisma.loginAttempt.count({
      where: { ip: key.address, succeeded: false, at: { gte: new Date(now.getTime() - minutes(settings.windowMinutes)) } },
    })
    if (recentFailures > settings.maxFailuresPerAddress) {
      return refuse('TOO_MANY_ATTEMPTS', { attemptId, kind: 'addressThrottled', retryAfterSeconds: settings.windowMinutes * 60 })
    }
  }

  const address = await claimAddressAttempt(prisma, key, now)
  if ('refusedUntil' in address) return refuse('ACCOUNT_LOCKED', { attemptId, kind: 'addressLocked', lockedUntil: address.refusedUntil })

  let startsAccountDelay = false
  const known = await isKnownAddress(prisma, key, now)
  if (!known) {
    const account = await claimAccountAttempt(prisma, key.username, now)
    if ('retryAt' in account) {
      await releaseAddressAttempt(prisma, key)
      return refuse('TOO_MANY_ATTEMPTS', { attemptId, kind: 'accountDelayed', retryAfterSeconds: secondsUntil(account.retryAt, now) })
    }
    startsAccountDelay = account.failures === settings.accountFreeFailures + 1
  }
  return {
    attemptId,
    kind: 'open',
    addressFailures: address.failures,
    locksAddress: address.lockedUntil !== null,
    lockedUntil: address.lockedUntil,
    startsAccountDelay,
    countedForAccount: !known,
  }
}

/** Writes the outcome on the attempt's row (written PENDING by the gate, and counted as a failure until now). */
export async function recordLoginOutcome(db: Db, attemptId: number, outcome: { succeeded: boolean; failureCode?: string }): Promise<void> {
  await db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: outcome.succeeded, failureCode: outcome.failureCode ?? null } })
}

/** The password proved right: the attempt was no failure, and this address starts afresh with the name. */
export async function loginProvedRight(db: Db, key: LoginAttemptKey, gate: Extract<LoginGate, { kind: 'open' }>): Promise<void> {
  await db.$executeRaw`DELETE FROM "login_address_failures" WHERE "username" = ${key.username} AND "ip" = ${key.address ?? UNKNOWN_ADDRESS}`
  if (gate.countedForAccount) {
    await db.$executeRaw`
      UPDATE "login_account_throttles" SET "failures" = greatest("failures" - 1, 0) WHERE "username" = ${key.username}`
  }
}

/** An address the name logged in from recently: its holder, most likely. */
async function isKnownAddress(prisma: PrismaClient, key: LoginAttemptKey, now: Date): Promise<boolean> {
  if (!key.address) return false
  const since = new Date(now.getTime() - config.login.knownAddressDays * 86_400_000)
  const success = await prisma.loginAttempt.findFirst({
    where: { username: key.username, ip: key.address, succeeded: true, at: { gte: since } },
    select: { id: true },
  })
  return success !== null
}

/**
 * Counts the attempt for (name, address) unless that pair is locked. The attempt that reaches the limit sets the
 * lock at once, so attempts running beside it are refused too. Failures older than the window, or from before an
 * expired lock, start the count afresh.
 */
async function claimAddressAttempt(
  prisma: PrismaClient,
  key: LoginAttemptKey,
  now: Date,
): Promise<{ failures: number; lockedUntil: Date | null } | { refusedUntil: Date }> {
  const { maxFailuresPerAccountAndAddress: max, windowMinutes, lockMinutes } = config.login
  const ip = key.address ?? UNKNOWN_ADDRESS
  const at = sqlTimestamp(now)
  const lockUntil = sqlTimestamp(new Date(now.getTime() + minutes(lockMinutes)))
  const counted = Prisma.sql`CASE WHEN f."lastFailureAt" < ${sqlTimestamp(new Date(now.getTime() - minutes(windowMinutes)))} OR f."lockedUntil" IS NOT NULL
    THEN 1 ELSE f."failures" + 1 END`
  const rows = await prisma.$queryRaw<{ failures: number; lockedUntilMs: number | null }[]>`
    INSERT INTO "login_address_failures" AS f ("username", "ip", "failures", "lastFailureAt", "lockedUntil")
    VALUES (${key.username}, ${ip}, 1, ${at}, CASE WHEN 1 >= ${max}::int THEN ${lockUntil} END)
    ON CONFLICT ("username", "ip") DO UPDATE SET
      "failures" = ${counted},
      "lastFailureAt" = ${at},
      "lockedUntil" = CASE WHEN ${counted} >= ${max}::int THEN ${lockUntil} END
    WHERE f."lockedUntil" IS NULL OR f."lockedUntil" <= ${at}
    RETURNING "failures", ${Prisma.raw(epochMs('"lockedUntil"'))} AS "lockedUntilMs"`
  const row = rows[0]
  if (row) return { failures: Number(row.failures), lockedUntil: row.lockedUntilMs == null ? null : new Date(Number(row.lockedUntilMs)) }
  const [locked] = await prisma.$queryRaw<{ lockedUntilMs: number | null }[]>`
    SELECT ${Prisma.raw(epochMs('"lockedUntil"'))} AS "lockedUntilMs" FROM "login_address_failures" WHERE "username" = ${key.username} AND "ip" = ${ip}`
  // The lock can run out between the two statements; the next attempt will find it open.
  return { refusedUntil: locked?.lockedUntilMs == null ? new Date(now.getTime() + 1000) : new Date(Number(locked.lockedUntilMs)) }
}

/** Takes back a counted attempt that was refused later (by the account-wide delay) without checking a password. */
async function releaseAddressAttempt(prisma: PrismaClient, key: LoginAttemptKey): Promise<void> {
  const max = config.login.maxFailuresPerAccountAndAddress
  await prisma.$executeRaw`
    UPDATE "login_address_failures"
       SET "failures" = greatest("failures" - 1, 0),
           "lockedUntil" = CASE WHEN "failures" - 1 >= ${max}::int THEN "lockedUntil" END
     WHERE "username" = ${key.username} AND "ip" = ${key.address ?? UNKNOWN_ADDRESS}`
}

/**
 * Counts the attempt account-wide and, beyond the free allowance, claims the next slot: one conditional upsert,
 * so of attempts running at once only one finds the slot open. Each claimed slot pushes the next one 2^(n-1)
 * seconds ahead (n = failures beyond the allowance), capped.
 */
async function claimAccountAttempt(prisma: PrismaClient, username: string, now: Date): Promise<{ failures: number } | { retryAt: Date }> {
  const { accountFreeFailures: free, accountMaxDelaySeconds: maxDelay, windowMinutes } = config.login
  const at = sqlTimestamp(now)
  const counted = Prisma.sql`CASE WHEN t."lastFailureAt" < ${sqlTimestamp(new Date(now.getTime() - minutes(windowMinutes)))} THEN 1 ELSE t."failures" + 1 END`
  const delayed = (failures: Prisma.Sql) => Prisma.sql`CASE WHEN ${failures} > ${free}::int
    THEN ${at} + make_interval(secs => least(power(2, least(${failures} - ${free}::int - 1, 20)), ${maxDelay}::int)) END`
  const rows = await prisma.$queryRaw<{ failures: number }[]>`
    INSERT INTO "login_account_throttles" AS t ("username", "failures", "lastFailureAt", "nextAttemptAt")
    VALUES (${username}, 1, ${at}, ${delayed(Prisma.sql`1`)})
    ON CONFLICT ("username") DO UPDATE SET
      "failures" = ${counted},
      "lastFailureAt" = ${at},
      "nextAttemptAt" = ${delayed(counted)}
    WHERE t."nextAttemptAt" IS NULL OR t."nextAttemptAt" <= ${at} OR t."lastFailureAt" < ${sqlTimestamp(new Date(now.getTime() - minutes(windowMinutes)))}
    RETURNING "failures"`
  const row = rows[0]
  if (row) return { failures: Number(row.failures) }
  const [waiting] = await prisma.$queryRaw<{ nextAttemptAtMs: number | null }[]>`
    SELECT ${Prisma.raw(epochMs('"nextAttemptAt"'))} AS "nextAttemptAtMs" FROM "login_account_throttles" WHERE "username" = ${username}`
  return { retryAt: waiting?.nextAttemptAtMs == null ? new Date(now.getTime() + 1000) : new Date(Number(waiting.nextAttemptAtMs)) }
}
