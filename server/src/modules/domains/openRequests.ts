// One open request per domain across the kinds that change who holds it or whether it lives: 续费 (renewal),
// 注销 (cancellation), 过户 (transfer) and 机构改革 (reorganisation). Two conflicting requests on one domain must not
// both stand: a request is filed inside a transaction that first locks its domains (claimDomains), then looks for
// any other open request on them (openRequestsOn), and bumps each domain's version, so a request of another kind
// that read the domain before (renewal's guarded transition) finds it changed and answers CONFLICT.
// Each kind adds its table to openRequestsOn; the Chinese label says what is open, for the CONFLICT message.
import type { Prisma } from '../../generated/prisma/client.ts'
import { appError } from '../../errors.ts'

type Tx = Prisma.TransactionClient

export type OpenRequestKind = 'RENEWAL' | 'CANCELLATION' | 'TRANSFER' | 'REORGANISATION'

export interface OpenDomainRequest {
  kind: OpenRequestKind
  /** Id of the open request row. */
  requestId: number
  /** 待处理的续费申请 …: what the person is told is in the way. */
  label: string
}

const LABELS: Record<OpenRequestKind, string> = {
  RENEWAL: '待处理的续费申请',
  CANCELLATION: '待审核的注销申请',
  TRANSFER: '待审核的过户申请',
  REORGANISATION: '待审核的机构改革申请',
}

/** The open requests on these domains, by domain id (the first found per domain). */
export async function openRequestsOn(
  db: Tx,
  domainIds: readonly number[],
  options: { except?: { kind: OpenRequestKind; requestId: number } } = {},
): Promise<Map<number, OpenDomainRequest>> {
  const open = new Map<number, OpenDomainRequest>()
  if (!domainIds.length) return open
  const add = (kind: OpenRequestKind, rows: { id: number; domainId: number }[]) => {
    for (const row of rows) {
      if (options.except?.kind === kind && options.except.requestId === row.id) continue
      if (!open.has(row.domainId)) open.set(row.domainId, { kind, requestId: row.id, label: LABELS[kind] })
    }
  }
  add(
    'RENEWAL',
    await db.domainRenewal.findMany({
      where: { domainId: { in: [...domainIds] }, status: { in: ['REQUESTED', 'FEE_COLLECTED'] } },
      select: { id: true, domainId: true },
    }),
  )
  // 机构改革: a pending reorganisation holds every domain of its source units (a rename moves none of them).
  {
    const held = await db.domain.findMany({ where: { id: { in: [...domainIds] } }, select: { id: true, unitId: true } })
    const pending = await db.unitReorganisation.findMany({
      where: {
        status: 'PENDING',
        kind: { not: 'RENAME' },
        sourceUnitIds: { hasSome: [...new Set(held.map((d) => d.unitId))] },
      },
      select: { id: true, sourceUnitIds: true },
    })
    add(
      'REORGANISATION',
      held.flatMap((d) => {
        const request = pending.find((r) => r.sourceUnitIds.includes(d.unitId))
        return request ? [{ id: request.id, domainId: d.id }] : []
      }),
    )
  }
  add(
    'CANCELLATION',
    await db.domainCancellationRequest.findMany({
      where: { domainId: { in: [...domainIds] }, status: 'PENDING' },
      select: { id: true, domainId: true },
    }),
  )
  add(
    'TRANSFER',
    await db.domainTransferRequest.findMany({
      where: { domainId: { in: [...domainIds] }, status: 'PENDING' },
      select: { id: true, domainId: true },
    }),
  )
  return open
}

/** CONFLICT DOMAIN_REQUEST_OPEN naming the domain and what is open on it. */
export function openRequestConflict(domainName: string, open: OpenDomainRequest) {
  return appError('CONFLICT', `域名「${domainName}」已有${open.label}，请待其办结或撤回后再试`, {
    reason: 'DOMAIN_REQUEST_OPEN',
    openKind: open.kind,
  })
}

/**
 * Locks the domains (in id order, so two requests over overlapping sets cannot deadlock), refuses with CONFLICT when
 * another request is open on one of them, and bumps their versions. Returns the locked rows.
 */
export async function claimDomains(
  tx: Tx,
  domainIds: readonly number[],
  options: { except?: { kind: OpenRequestKind; requestId: number } } = {},
): Promise<{ id: number; name: string; status: string; version: number; unitId: number }[]> {
  const ids = [...new Set(domainIds)].sort((a, b) => a - b)
  if (!ids.length) return []
  const rows = await tx.$queryRaw<{ id: number; name: string; status: string; version: number; unitId: number }[]>`
    SELECT "id", "name", "status"::text AS "status", "version", "unitId" FROM "domains"
    WHERE "id" = ANY(${ids}::int[]) ORDER BY "id" FOR UPDATE`
  const open = await openRequestsOn(tx, ids, options)
  for (const row of rows) {
    const found = open.get(row.id)
    if (found) throw openRequestConflict(row.name, found)
  }
  await tx.$executeRaw`UPDATE "domains" SET "version" = "version" + 1 WHERE "id" = ANY(${ids}::int[])`
  return rows.map((row) => ({ ...row, version: row.version + 1 }))
}
