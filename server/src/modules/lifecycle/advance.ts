// 域名到期处理, the daily job: moves each domain past its expiry through 宽限期 (GRACE) → 赎回期 (REDEMPTION) →
// 已删除 (DELETED) → 已释放 (RELEASED) as the dated periods say. It works from the state each domain is in, not from
// the days since the last run, so it is idempotent (a second run the same day finds nothing due) and catch-up safe
// (after 10 days without a run a domain walks every state it should have passed, each step audited and notified
// once). Each domain moves in a transaction of its own through transition(), so a renewal, 收费 or charge that
// touches it at the same moment wins or loses as a whole (the loser gets CONFLICT, or the job skips the domain).
import { transition, transitionMany } from '../../commands/transition.ts'
import type { PrismaClient } from '../../generated/prisma/client.ts'
import type { Tx } from '../../lib/ledger.ts'
import { beijingDay } from '../../lib/workdays.ts'
import { anonymous, type Viewer } from '../../viewer.ts'
import { fullNameOf } from '../domainApplications/names.ts'
import { staffNotices, unitContactNotices } from '../notifications/drafts.ts'
import type { NotificationTemplateName } from '../notifications/templates.ts'
import {
  ADVANCING_STATUSES,
  dueLifecycleSteps,
  lifecycleDates,
  loadLifecyclePeriods,
  periodsOn,
  type LifecyclePeriods,
  type LifecycleStatus,
} from './periods.ts'

/** Thrown inside a domain's transaction when something else moved it first: roll back, leave it to the next run. */
class DomainMovedOn extends Error {}

const STEP: Record<
  LifecycleStatus,
  { action: string; unitTemplate: NotificationTemplateName; officeTemplate: NotificationTemplateName }
> = {
  GRACE: { action: 'domain.grace', unitTemplate: 'domain.grace', officeTemplate: 'office.domain.grace' },
  REDEMPTION: {
    action: 'domain.redemption',
    unitTemplate: 'domain.redemption',
    officeTemplate: 'office.domain.redemption',
  },
  DELETED: { action: 'domain.delete', unitTemplate: 'domain.deleted', officeTemplate: 'office.domain.deleted' },
  RELEASED: { action: 'domain.release', unitTemplate: 'domain.released', officeTemplate: 'office.domain.released' },
}

export interface LifecycleRunSummary {
  [key: string]: number
  /** Domains that entered at least one new state. */
  movedDomains: number
  grace: number
  redemption: number
  deleted: number
  released: number
  /** Domains whose renewal is paid (收费) and waits for its charge: they stay where they are until it is charged. */
  waitingForCharge: number
  /** Domains another act changed while the job worked on them (left to the next run). */
  movedOn: number
}

const SUMMARY_KEY: Record<LifecycleStatus, 'grace' | 'redemption' | 'deleted' | 'released'> = {
  GRACE: 'grace',
  REDEMPTION: 'redemption',
  DELETED: 'deleted',
  RELEASED: 'released',
}

export async function runDomainLifecycle(
  prisma: PrismaClient,
  now: Date,
  actor: { viewer: Viewer; ip: string | null } = { viewer: anonymous, ip: null },
): Promise<LifecycleRunSummary> {
  const periods = await loadLifecyclePeriods(prisma)
  const candidates = await prisma.domain.findMany({
    where: {
      OR: [
        { status: { in: [...ADVANCING_STATUSES] }, expiresAt: { lte: now } },
        // Deleted by an approved 注销 before its expiry: released once the hold from its deletion has passed.
        { status: 'DELETED', deletedAt: { lte: now } },
      ],
    },
    select: { id: true },
    orderBy: { id: 'asc' },
  })
  const summary: LifecycleRunSummary = {
    movedDomains: 0,
    grace: 0,
    redemption: 0,
    deleted: 0,
    released: 0,
    waitingForCharge: 0,
    movedOn: 0,
  }
  for (const { id } of candidates) {
    try {
      const moved = await prisma.$transaction((tx) => advanceDomain(tx, id, periods, now, actor), {
        maxWait: 60_000,
        timeout: 60_000,
      })
      if (moved === 'waitingForCharge') summary.waitingForCharge += 1
      else if (moved.length) {
        summary.movedDomains += 1
        for (const status of moved) summary[SUMMARY_KEY[status]] += 1
      }
    } catch (error) {
      if (!(error instanceof DomainMovedOn)) throw error
      summary.movedOn += 1
    }
  }
  return summary
}

/** Moves one domain through every step due by `now`; returns the states it entered. */
async function advanceDomain(
  tx: Tx,
  domainId: number,
  allPeriods: readonly LifecyclePeriods[],
  now: Date,
  actor: { viewer: Viewer; ip: string | null },
): Promise<LifecycleStatus[] | 'waitingForCharge'> {
  const domain = await tx.domain.findUniqueOrThrow({
    where: { id: domainId },
    include: {
      unit: {
        select: {
          name: true,
          regionCode: true,
          handlerMobile: true,
          handlerEmail: true,
          region: { select: { path: true } },
          users: { where: { status: 'ACTIVE' }, select: { id: true } },
        },
      },
      renewals: { where: { status: { in: ['REQUESTED', 'FEE_COLLECTED'] } } },
    },
  })
  if (!domain.expiresAt || !ADVANCING_STATUSES.includes(domain.status)) return []
  const expiresAt = domain.expiresAt
  const periods = periodsOn(allPeriods, expiresAt)
  const steps = dueLifecycleSteps(domain.status, expiresAt, periods, now, domain.deletedAt)
  if (!steps.length) return []
  // The unit has paid its office for a renewal: its charge (the next daily charge after 认款) extends the expiry,
  // so the domain waits where it is instead of being deleted under a paid renewal.
  if (domain.renewals.some((renewal) => renewal.status === 'FEE_COLLECTED')) return 'waitingForCharge'

  const dates = lifecycleDates(expiresAt, periods)
  const deadlineAfter: Record<LifecycleStatus, Date | null> = {
    GRACE: dates.REDEMPTION,
    REDEMPTION: dates.DELETED,
    DELETED: domain.deletedAt ? new Date(domain.deletedAt.getTime() + periods.holdDays * 86_400_000) : dates.RELEASED,
    RELEASED: null,
  }
  const fullName = fullNameOf(domain)
  let entity = { id: domain.id, status: domain.status, version: domain.version }
  for (const step of steps) {
    const { action, unitTemplate, officeTemplate } = STEP[step.status]
    const deadline = deadlineAfter[step.status]
    // The date as people in China read it (the job's steps fall at Beijing times).
    const params = { unit: domain.unit.name, domain: fullName, deadline: deadline && beijingDay(deadline) }
    // One key per domain, state and expiry: a renewal moves expiresAt, so a later expiry notifies afresh.
    const key = `domain.lifecycle:${domain.id}:${step.status}:${expiresAt.toISOString()}`
    const payload = { domainId: domain.id, status: step.status, expiresAt: expiresAt.toISOString() }
    const notify = [
      ...unitContactNotices(domain.unit, unitTemplate, params, { key, payload }),
      ...(await staffNotices(tx, { sameLevelOfficeOf: domain.unit.regionCode }, officeTemplate, params, {
        key: `office.${key}`,
        payload,
      })),
    ]
    const version = await transition(tx, actor, 'domain', {
      entity,
      from: entity.status,
      to: step.status,
      // The hold period counts from deletion (nextLifecycleStep).
      ...(step.status === 'DELETED' ? { set: { deletedAt: step.at } } : {}),
      audit: {
        action,
        regionPath: domain.unit.region.path,
        after: { expiresAt, dueAt: step.at, periodsFrom: periods.effectiveFrom },
      },
      notify,
      stale: () => new DomainMovedOn(),
    })
    // A deleted domain can no longer be renewed: its unpaid renewal request is withdrawn with it (a 收费 of it at
    // the same moment finds it changed and gets CONFLICT).
    if (step.status === 'DELETED')
      await transitionMany(tx, 'domainRenewal', {
        entities: domain.renewals,
        from: 'REQUESTED',
        to: 'CANCELLED',
        stale: () => new DomainMovedOn(),
      })
    await closeOutrunRequests(tx, actor, domain.id, step.status, domain.unit.region.path)
    entity = { id: domain.id, status: step.status, version }
  }
  return steps.map((step) => step.status)
}

/**
 * Requests the domain's new state has outrun are closed (CLOSED), so no office is left deciding them and they no
 * longer hold the domain (domains/openRequests.ts): a 过户 cannot move a domain past 宽限期, and a 注销 has nothing
 * left to delete once the job has deleted the domain. Closed in the step's transaction, so a decision racing the job
 * finds the request changed (CONFLICT) or wins before it.
 */
async function closeOutrunRequests(
  tx: Tx,
  actor: { viewer: Viewer; ip: string | null },
  domainId: number,
  status: LifecycleStatus,
  regionPath: string,
) {
  if (status !== 'REDEMPTION' && status !== 'DELETED') return
  const after = { domainId, domainStatus: status }
  for (const request of await tx.domainTransferRequest.findMany({ where: { domainId, status: 'PENDING' } }))
    await transition(tx, actor, 'domainTransferRequest', {
      entity: request,
      from: 'PENDING',
      to: 'CLOSED',
      audit: { action: 'domainTransfer.close', regionPath, after },
      stale: () => new DomainMovedOn(),
    })
  if (status !== 'DELETED') return
  for (const request of await tx.domainCancellationRequest.findMany({ where: { domainId, status: 'PENDING' } }))
    await transition(tx, actor, 'domainCancellationRequest', {
      entity: request,
      from: 'PENDING',
      to: 'CLOSED',
      audit: { action: 'domainCancellation.close', regionPath, after },
      stale: () => new DomainMovedOn(),
    })
}
