// Writes a run's results in batches: one statement per batch (in the batch's transaction, see below) inserts the
// BadgeInstallCheck rows (with the run's id), sets each badge's latest result (installedAt the first time the
// snippet is found), adds the batch to the progress on the JobRun and beats its heartbeat. The rows of (runId, badgeId) are unique and inserted ON CONFLICT DO
// NOTHING, and the progress counts only the rows the statement inserted: a batch written again after a commit whose
// answer was lost (a database restart mid-run) neither records a badge twice nor counts it twice. What the progress
// says was recorded is committed. While the database is away the batch is kept and retried, and new results wait
// (so memory stays bounded); after RETRY_FOR_MS without success the run fails, to be resumed later.
//
// A badge first found installed gets its installedAt, which the 区域统计 counters count (badges_installed by region
// and month). The per-row trigger costs about a millisecond of database time a badge; the first run over a
// country's badges finds some 100,000 of them installed, and that was most of its database time while the API
// served. So a batch's transaction is marked as the import's are (conac.import_batch) and keeps those counters
// itself, with the import's set-based statement: the badges' counters as they were are subtracted in the batch's
// statement and added as they are after it: some 40 ms for a batch of 2 s at 120 sites/s instead of about 200.
import type { Prisma, PrismaClient } from '../../generated/prisma/client.ts'
import { logFor } from '../../observability/log.ts'
import { statisticsDeltaSql } from '../migration/commit/batch.ts'
import type { CheckOutcome } from './fetch.ts'
import type { CheckableBadge } from './runs.ts'

const log = logFor('installChecks')

/** JobRun.result of an install-check run while it runs and after. */
export interface RunProgress {
  /** Badges due when the run started, and their distinct sites. */
  total: number
  sites: number
  /** Badges recorded so far, and how. */
  checked: number
  found: number
  missing: number
  failed: number
  /** Seconds left at the pace of the last minutes; null until there is a pace to go by. */
  etaSeconds: number | null
}

export interface CheckResult {
  badge: CheckableBadge
  /** The badge's domain as it was read for the fetch (the badge is updated only while it still points there). */
  domain: string
  checkedAt: Date
  outcome: CheckOutcome
}

export const DEFAULT_WRITE_BATCH = 500
export const DEFAULT_WRITE_INTERVAL_MS = 2000
/** A run with nothing to write still beats this often, so it is not taken for dead. */
export const HEARTBEAT_MS = 15_000
const RETRY_FOR_MS = 5 * 60_000
const RETRY_DELAYS_MS = [250, 500, 1000, 2000, 5000]
/** A batch's transaction waits for a connection and runs for at most these (a busy machine, not an outage). */
const TRANSACTION_WAIT_MS = 30_000
const TRANSACTION_TIMEOUT_MS = 60_000

/** Subtracts the counters of the badges the batch finds installed for the first time, as they were. */
const uncountedCte = `, uncounted AS (${statisticsDeltaSql('badges', `x."id" IN (SELECT "badgeId" FROM changes WHERE "firstFound")`, -1)})`
/** Adds the counters of those badges ($1: their ids) as they are after the batch. */
const countedAgain = statisticsDeltaSql('badges', `x."id" = ANY($1::int[])`, 1)

/**
 * `work`, tried again while the database is away (a restart mid-run) for up to RETRY_FOR_MS: for the run's reads
 * (the next batch of badges, the start), so an outage at those moments does not end a run that writes would survive.
 */
export async function retryingWhileAway<T>(label: string, work: () => Promise<T>): Promise<T> {
  const since = Date.now()
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await work()
    } catch (error) {
      if (Date.now() - since > RETRY_FOR_MS) throw error
      const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)]!
      log.warn({ err: error, attempt }, `${label} failed; retrying in ${delay} ms`)
      await new Promise((resolve) => setTimeout(resolve, delay))
    }
  }
}

export class ResultRecorder {
  private pending: CheckResult[] = []
  private writing: Promise<void> | null = null
  private failure: Error | null = null
  private progress: RunProgress | null = null
  private timer: NodeJS.Timeout | null = null
  private lastWriteAt = 0
  /** (time, checked) samples for the ETA: the pace of the last few minutes. */
  private pace: { at: number; checked: number }[] = []
  private readonly batch: number
  private readonly intervalMs: number

  constructor(
    private readonly prisma: PrismaClient,
    private readonly runId: number,
    private readonly options: { batch?: number; intervalMs?: number; onProgress?: (progress: RunProgress) => void },
  ) {
    this.batch = options.batch ?? DEFAULT_WRITE_BATCH
    this.intervalMs = options.intervalMs ?? DEFAULT_WRITE_INTERVAL_MS
  }

  /** `fresh`: the totals of a new run (its counters start at 0); null: a resumed run keeps what it has. */
  async start(fresh: { total: number; sites: number } | null) {
    const counters = fresh ? { ...fresh, checked: 0, found: 0, missing: 0, failed: 0, etaSeconds: null } : null
    const [row] = await retryingWhileAway(
      'starting an install-check run',
      () => this.prisma.$queryRaw<{ result: RunProgress }[]>`
      UPDATE "job_runs" SET "heartbeatAt" = ${new Date()},
             "result" = CASE WHEN ${counters === null} THEN "result" ELSE ${JSON.stringify(counters)}::jsonb END
       WHERE "id" = ${this.runId} RETURNING "result"`,
    )
    this.progress = progressOf(row!.result)
    this.pace.push({ at: Date.now(), checked: this.progress.checked })
    this.timer = setInterval(() => this.tick(), Math.min(this.intervalMs, HEARTBEAT_MS))
    this.timer.unref?.()
  }

  /** The run's write failed for good: the run stops taking sites. */
  throwIfFailed() {
    if (this.failure) throw this.failure
  }

  /** Queues one result; waits while a full batch is being written (or retried). */
  async add(result: CheckResult) {
    this.throwIfFailed()
    this.pending.push(result)
    while (this.pending.length >= this.batch) {
      this.throwIfFailed()
      if (!this.writing) this.writing = this.write().finally(() => (this.writing = null))
      await this.writing
    }
  }

  /** Stops the heartbeat (a run that failed must look dead to the others). */
  close() {
    if (this.timer) clearInterval(this.timer)
    this.timer = null
  }

  /** Writes what is left and stops the timer; the final progress. */
  async finish(): Promise<RunProgress> {
    this.close()
    while (this.writing || this.pending.length) {
      this.throwIfFailed()
      if (!this.writing) this.writing = this.write().finally(() => (this.writing = null))
      await this.writing
    }
    this.throwIfFailed()
    return { ...this.progress!, etaSeconds: 0 }
  }

  private tick() {
    if (this.writing || this.failure) return
    const due = Date.now() - this.lastWriteAt >= (this.pending.length ? this.intervalMs : HEARTBEAT_MS)
    if (due) this.writing = this.write().finally(() => (this.writing = null))
  }

  /** Writes the pending results (or only the heartbeat), retrying while the database is away. */
  private async write() {
    const results = this.pending.splice(0, this.batch)
    try {
      this.progress = await retryingWhileAway(`writing install-check results of run ${this.runId}`, () =>
        this.writeOnce(results),
      )
      this.lastWriteAt = Date.now()
      this.options.onProgress?.(this.progress)
    } catch (error) {
      this.failure = new Error(`install-check results could not be written: ${(error as Error).message}`)
      // Kept for nobody: the run stops and a later one checks these badges again.
      this.pending.unshift(...results)
    }
  }

  private async writeOnce(results: CheckResult[]): Promise<RunProgress> {
    const rows = results.map(({ badge, domain, checkedAt, outcome }) => ({
      badgeId: badge.id,
      domain,
      url: outcome.url.slice(0, 512),
      checkedAt: checkedAt.toISOString(),
      httpStatus: outcome.httpStatus,
      found: outcome.snippetFound,
      failed: outcome.failed,
      // NUL cannot be stored in text; a site's answer never reaches here raw, but a detail is cut and cleaned.
      detail: outcome.detail.replace(/\0/g, '').slice(0, 500),
    }))
    const eta = this.eta()
    const badgeIds = rows.map((row) => row.badgeId)
    const row = await this.prisma.$transaction(
      async (tx) => {
        // The 区域统计 counters of the badges first found installed are kept here, set-based (see the top of the
        // file); the per-row trigger leaves this transaction's rows alone.
        await tx.$queryRawUnsafe(`SELECT set_config('conac.import_batch', 'on', true)`)
        // Locked first, so the rows the statement reads as they were (to subtract their counters) are the rows it
        // updates: nobody changes them in between.
        await tx.$executeRawUnsafe(
          `SELECT 1 FROM "badges" WHERE "id" = ANY($1::int[]) ORDER BY "id" FOR UPDATE`,
          badgeIds,
        )
        const [written] = await tx.$queryRawUnsafe<{ result: Prisma.JsonValue; installed: number[] | null }[]>(
          `WITH input AS (
            SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
              "badgeId" int, "domain" text, "url" text, "checkedAt" timestamp(3), "httpStatus" int,
              "found" boolean, "failed" boolean, "detail" text)
          ), inserted AS (
            INSERT INTO "badge_install_checks" ("badgeId", "runId", "url", "checkedAt", "httpStatus", "snippetFound", "failed", "detail")
            SELECT "badgeId", $2, "url", "checkedAt", "httpStatus", "found", "failed", "detail" FROM input
            ON CONFLICT ("runId", "badgeId") DO NOTHING
            RETURNING "badgeId", "snippetFound", "failed", "checkedAt"
          ), changes AS (
            -- The badges this batch updates (only while still the checked site's), and which of them it finds
            -- installed for the first time: the only change of a counted column it makes.
            SELECT i."badgeId", i."snippetFound", i."checkedAt", (i."snippetFound" AND b."installedAt" IS NULL) AS "firstFound"
              FROM inserted i JOIN input r ON r."badgeId" = i."badgeId" JOIN "badges" b ON b."id" = i."badgeId"
             WHERE b."status" = 'ACTIVE' AND b."placement" = 'SELF_BUILT' AND b."englishDomain" = r."domain"
          )${uncountedCte}, updated AS (
            UPDATE "badges" b
               SET "lastCheckedAt" = c."checkedAt", "lastCheckFound" = c."snippetFound",
                   "installedAt" = CASE WHEN c."firstFound" THEN c."checkedAt" ELSE b."installedAt" END
              FROM changes c
             WHERE b."id" = c."badgeId"
            RETURNING b."id", c."firstFound"
          ), counted AS (
            SELECT count(*)::int AS checked,
                   count(*) FILTER (WHERE "snippetFound")::int AS found,
                   count(*) FILTER (WHERE "failed" AND NOT "snippetFound")::int AS failed
              FROM inserted
          )
          UPDATE "job_runs" j
             SET "heartbeatAt" = $3,
                 "result" = j."result" || jsonb_build_object(
                   'checked', (j."result"->>'checked')::int + c.checked,
                   'found', (j."result"->>'found')::int + c.found,
                   'failed', (j."result"->>'failed')::int + c.failed,
                   'missing', (j."result"->>'missing')::int + c.checked - c.found - c.failed,
                   'etaSeconds', $4::int)
            FROM counted c
           WHERE j."id" = $2
          RETURNING j."result", (SELECT array_agg("id") FROM updated WHERE "firstFound") AS "installed"`,
          JSON.stringify(rows),
          this.runId,
          new Date(),
          eta,
        )
        if (written?.installed?.length) await tx.$executeRawUnsafe(countedAgain, written.installed)
        return written
      },
      { maxWait: TRANSACTION_WAIT_MS, timeout: TRANSACTION_TIMEOUT_MS },
    )
    if (!row) throw new Error(`JobRun ${this.runId} is gone`)
    const progress = progressOf(row.result)
    this.pace.push({ at: Date.now(), checked: progress.checked })
    return progress
  }

  /** Seconds left at the pace of the last five minutes, or null. */
  private eta(): number | null {
    const now = Date.now()
    while (this.pace.length > 2 && now - this.pace[1]!.at > 5 * 60_000) this.pace.shift()
    const first = this.pace[0]
    const last = this.pace[this.pace.length - 1]
    if (!first || !last || !this.progress || last.at - first.at < 2000 || last.checked === first.checked) return null
    const perMs = (last.checked - first.checked) / (last.at - first.at)
    return Math.max(0, Math.round((this.progress.total - this.progress.checked) / perMs / 1000))
  }
}

/** What a finished run keeps in JobRun.result: the counts (an ETA means nothing once it is done). */
export function finalCounts({ etaSeconds: _done, ...counts }: RunProgress): Omit<RunProgress, 'etaSeconds'> {
  return counts
}

/** A run's progress from its JobRun.result (zeros for a run not started). */
export function progressOf(value: unknown): RunProgress {
  const object = (value ?? {}) as Record<string, unknown>
  const count = (key: string) => (typeof object[key] === 'number' ? (object[key] as number) : 0)
  return {
    total: count('total'),
    sites: count('sites'),
    checked: count('checked'),
    found: count('found'),
    missing: count('missing'),
    failed: count('failed'),
    etaSeconds: typeof object.etaSeconds === 'number' ? object.etaSeconds : null,
  }
}
