// One 单位信息变更 request as a card, for the unit's history and the office's queue alike: who asked and when, its
// status, before → after side by side, the reason, the office's decision, and the actions the page offers. A card
// rather than a table row, so the side-by-side table keeps its width on a phone.
import type { ReactNode } from 'react'
import { StatusTag } from '@/components/ui/StatusTag'
import { daysSince, formatDateTime } from '@/components/ui/format'
import type { UnitChangeStatus } from '@/graphql/generated/graphql'
import { FactChanges } from './FactChanges'
import { UNIT_CHANGE_STATUS_LABELS, UNIT_CHANGE_STATUS_TONES } from './labels'
import styles from './UnitChanges.module.css'

export interface UnitChangeItemData {
  id: string
  status: UnitChangeStatus
  reason: string
  requestedAt: string
  requestedByName?: string | null
  reviewedAt?: string | null
  reviewedByName?: string | null
  reviewNote?: string | null
  changes: readonly { field: string; before?: string | null; after?: string | null }[]
}

export function UnitChangeItem({
  request,
  title,
  children,
}: {
  request: UnitChangeItemData
  /** What heads the card: the unit for an office, nothing for the unit itself. */
  title?: ReactNode
  /** The actions (通过 / 不通过, 撤回) and their forms. */
  children?: ReactNode
}) {
  const days = request.status === 'PENDING' ? daysSince(request.requestedAt) : null
  return (
    <li className={styles.item} data-testid={`unit-change-${request.id}`}>
      <div className={styles.itemHead}>
        <div>
          {title && <div className={styles.itemTitle}>{title}</div>}
          <p className="muted">
            {formatDateTime(request.requestedAt)} 提交{request.requestedByName && `（${request.requestedByName}）`}
            {days != null && <span className={days > 3 ? 'domain-overdue' : undefined}> · 已等待 {days} 天</span>}
          </p>
        </div>
        <StatusTag tone={UNIT_CHANGE_STATUS_TONES[request.status]}>
          {UNIT_CHANGE_STATUS_LABELS[request.status]}
        </StatusTag>
      </div>
      <FactChanges changes={request.changes} testId={`unit-change-${request.id}-changes`} />
      <p className={styles.note}>变更原因：{request.reason}</p>
      {request.reviewedAt && (
        <p className={`muted ${styles.note}`}>
          {formatDateTime(request.reviewedAt)} {request.reviewedByName ?? ''} 审核
          {request.reviewNote ? `，意见：${request.reviewNote}` : ''}
        </p>
      )}
      {children}
    </li>
  )
}
