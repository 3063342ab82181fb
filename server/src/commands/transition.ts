// The one guarded state change. Every command that moves a row from one state to another does it here: a single
// conditional UPDATE on (id, expected status, expected version), so a concurrent or stale decision updates no row
// and gets CONFLICT; then, in the same transaction, one audit row with the state before and after, and the
// notification outbox rows. A lost race therefore writes nothing at all (the caller's transaction rolls back).
import type { Prisma } from '../generated/prisma/client.ts'
import type {
  BadgeChangeStatus,
  BadgeStatus,
  DomainCancellationStatus,
  DomainStatus,
  DomainTransferStatus,
  InvoiceRequestStatus,
  MicroSiteStatus,
  RemittanceStatus,
  RenewalStatus,
  ReorganisationStatus,
  SiteApplicationStatus,
  UnitChangeStatus,
  UnitStatus,
  UserStatus,
} from '../generated/prisma/enums.ts'
import { writeAudit } from '../lib/audit.ts'
import { enqueueNotifications, type NotificationDraft } from '../lib/outbox.ts'
import { conflictStale } from '../lib/review.ts'
import type { Viewer } from '../viewer.ts'

type Tx = Prisma.TransactionClient

/** The rows that carry a status and a version, with their status type and the audit log's subject type. */
interface Guarded {
  domain: DomainStatus
  domainRenewal: RenewalStatus
  domainCancellationRequest: DomainCancellationStatus
  domainTransferRequest: DomainTransferStatus
  invoiceRequest: InvoiceRequestStatus
  remittance: RemittanceStatus
  siteApplication: SiteApplicationStatus
  badge: BadgeStatus
  badgeChangeRequest: BadgeChangeStatus
  microSite: MicroSiteStatus
  unit: UnitStatus
  unitChangeRequest: UnitChangeStatus
  unitReorganisation: ReorganisationStatus
  user: UserStatus
}
export type GuardedModel = keyof Guarded

const SUBJECT_TYPE: Record<GuardedModel, string> = {
  domain: 'Domain',
  domainRenewal: 'DomainRenewal',
  domainCancellationRequest: 'DomainCancellationRequest',
  domainTransferRequest: 'DomainTransferRequest',
  invoiceRequest: 'InvoiceRequest',
  remittance: 'Remittance',
  siteApplication: 'SiteApplication',
  badge: 'Badge',
  badgeChangeRequest: 'BadgeChangeRequest',
  microSite: 'MicroSite',
  unit: 'Unit',
  unitChangeRequest: 'UnitChangeRequest',
  unitReorganisation: 'UnitReorganisation',
  user: 'User',
}

type UpdateData<M extends GuardedModel> = NonNullable<Parameters<Tx[M]['updateMany']>[0]>['data']

export interface Transition<M extends GuardedModel> {
  /** The row as the command read it (its one read): id, status and version. */
  entity: { id: number; status: Guarded[M]; version: number }
  /** The states it may leave. Absent: an edit that keeps the status (only the version guards it). */
  from?: Guarded[M] | readonly Guarded[M][]
  /** The state it enters. Absent: the status stays. */
  to?: Guarded[M]
  /** The version the person acted on; absent when the caller has none (a job), then the version read is used. */
  expectedVersion?: number
  /** Other columns written by the same guarded update. */
  set?: Omit<UpdateData<M>, 'status' | 'version'>
  /** The audit row: its action, region, and what it records beyond status and version. */
  audit: {
    action: string
    regionPath: string | null
    before?: Record<string, unknown>
    after?: Record<string, unknown>
  }
  /** The outbox rows it sends (SMS, email, in-portal), written in the same transaction. */
  notify?: readonly NotificationDraft[]
  /**
   * The answer when the row has moved on; CONFLICT「该申请已被处理或已变更，请刷新」 by default. A job may throw an
   * error of its own that its transaction turns into "skip this row" (the daily charge does).
   */
  stale?: () => Error
}

/** Moves one row; returns its new version. Throws the stale answer (and writes nothing) when the row moved on. */
export async function transition<M extends GuardedModel>(
  tx: Tx,
  actor: { viewer: Viewer; ip: string | null },
  model: M,
  step: Transition<M>,
): Promise<number> {
  const { entity } = step
  const version = step.expectedVersion ?? entity.version
  await guardedUpdate(tx, model, [{ id: entity.id, version }], step)
  await writeAudit(tx, actor, {
    action: step.audit.action,
    subjectType: SUBJECT_TYPE[model],
    subjectId: entity.id,
    regionPath: step.audit.regionPath,
    before: { status: entity.status, version, ...step.audit.before },
    after: { status: step.to ?? entity.status, version: version + 1, ...step.audit.after },
  })
  if (step.notify?.length) await enqueueNotifications(tx, [...step.notify])
  return version + 1
}

/**
 * Rows that move as part of an act whose one audit row is written elsewhere (收费 moves a unit's domains and renewals
 * and records them all in the collection's audit row; a renewal's charge moves the renewal with its domain, whose
 * transition() writes the row): one conditional UPDATE on every row's (id, version as read) and the states they may
 * leave. Throws the stale answer, and writes nothing, when any of them moved on.
 */
export async function transitionMany<M extends GuardedModel>(
  tx: Tx,
  model: M,
  step: Pick<Transition<M>, 'from' | 'to' | 'set' | 'stale'> & { entities: readonly { id: number; version: number }[] },
): Promise<void> {
  if (step.entities.length) await guardedUpdate(tx, model, step.entities, step)
}

/** The one conditional UPDATE: every row on (id, version) and, when given, the states it may leave. */
async function guardedUpdate<M extends GuardedModel>(
  tx: Tx,
  model: M,
  rows: readonly { id: number; version: number }[],
  step: Pick<Transition<M>, 'from' | 'to' | 'set' | 'stale'>,
): Promise<void> {
  const from = step.from === undefined ? undefined : ([] as Guarded[M][]).concat(step.from)
  const guard =
    rows.length === 1
      ? { id: rows[0]!.id, version: rows[0]!.version }
      : { OR: rows.map(({ id, version }) => ({ id, version })) }
  // Prisma's delegates share no callable type across models; the arguments are built from the typed step above.
  const delegate = tx[model] as unknown as {
    updateMany(args: { where: object; data: object }): Promise<{ count: number }>
  }
  const { count } = await delegate.updateMany({
    where: { ...guard, ...(from ? { status: { in: from } } : {}) },
    data: { ...step.set, ...(step.to ? { status: step.to } : {}), version: { increment: 1 } },
  })
  if (count !== rows.length) throw (step.stale ?? conflictStale)()
}
