// One 域名过户 request as a card, for the units' lists and the offices' queue alike: the domain, from → to, the
// reason, what happens to each dependent badge, and the approval chain with each office's decision.
import type { ReactNode } from 'react'
import { StatusTag } from '@/components/ui/StatusTag'
import { formatDateTime } from '@/components/ui/format'
import type { BadgeTransferAction, DomainTransferDecision, DomainTransferStatus } from '@/graphql/generated/graphql'
import styles from './DomainTransfers.module.css'
import {
  BADGE_ACTION_LABELS,
  DECISION_LABELS,
  DECISION_TONES,
  TRANSFER_STATUS_LABELS,
  TRANSFER_STATUS_TONES,
} from './labels'

export interface TransferCardData {
  id: string
  status: DomainTransferStatus
  domainName: string
  fromUnitName: string
  fromUnitRegionName: string
  toUnitName: string
  toUnitRegionName: string
  reason: string
  requestedAt: string
  requestedByName?: string | null
  closedAt?: string | null
  badges: readonly { badgeId: string; badgeNumber: string; siteName: string; action: BadgeTransferAction }[]
  approvals: readonly {
    id: string
    officeName: string
    decision: DomainTransferDecision
    note?: string | null
    decidedAt?: string | null
    decidedByName?: string | null
  }[]
}

export function TransferCard({ request, children }: { request: TransferCardData; children?: ReactNode }) {
  const approved = request.approvals.filter((a) => a.decision === 'APPROVED').length
  return (
    <li className={styles.item} data-testid={`domain-transfer-${request.id}`}>
      <div className={styles.itemHead}>
        <div>
          <div className={styles.itemTitle}>
            {request.domainName}
            <span className="muted">
              {' '}
              · {request.fromUnitName}（{request.fromUnitRegionName}）→ {request.toUnitName}（{request.toUnitRegionName}
              ）
            </span>
          </div>
          <p className="muted">
            {formatDateTime(request.requestedAt)} 提交{request.requestedByName && `（${request.requestedByName}）`}
            {request.closedAt && ` · ${formatDateTime(request.closedAt)} 办结`}
          </p>
        </div>
        <StatusTag tone={TRANSFER_STATUS_TONES[request.status]} testId="domain-transfer-status">
          {TRANSFER_STATUS_LABELS[request.status]}
        </StatusTag>
      </div>
      <p className={styles.note}>过户原因：{request.reason}</p>
      {request.badges.length > 0 && (
        <p className={styles.note}>
          关联网站标识：
          {request.badges.map((b) => `${b.siteName}（${b.badgeNumber}）${BADGE_ACTION_LABELS[b.action]}`).join('；')}
        </p>
      )}
      <p className={styles.note}>
        审批进度：已同意 {approved} / {request.approvals.length}
      </p>
      <ol className={styles.chain} aria-label="审批链" data-testid="domain-transfer-chain">
        {request.approvals.map((approval) => (
          <li key={approval.id} className={styles.step}>
            <span>{approval.officeName}</span>
            <StatusTag tone={DECISION_TONES[approval.decision]}>{DECISION_LABELS[approval.decision]}</StatusTag>
            {approval.decidedAt && (
              <span className="muted">
                {formatDateTime(approval.decidedAt)}
                {approval.note ? `，意见：${approval.note}` : ''}
              </span>
            )}
          </li>
        ))}
      </ol>
      {children}
    </li>
  )
}
