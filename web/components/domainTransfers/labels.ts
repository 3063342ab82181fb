// The words of 域名过户 in the portal: a request's status and each office's decision.
import type { StatusTone } from '@/components/ui/StatusTag'
import type { DomainTransferDecision, DomainTransferStatus } from '@/graphql/generated/graphql'

export const TRANSFER_STATUS_LABELS: Record<DomainTransferStatus, string> = {
  PENDING: '待审批',
  APPROVED: '已过户',
  REJECTED: '未通过',
  WITHDRAWN: '已撤回',
  CLOSED: '已关闭（域名已进入赎回期）',
}

export const TRANSFER_STATUS_TONES: Record<DomainTransferStatus, StatusTone> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
  CLOSED: 'neutral',
}

export const DECISION_LABELS: Record<DomainTransferDecision, string> = {
  PENDING: '待审批',
  APPROVED: '同意',
  REJECTED: '不同意',
}

export const DECISION_TONES: Record<DomainTransferDecision, StatusTone> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  REJECTED: 'error',
}

export const BADGE_ACTION_LABELS = { MOVE: '随域名转移', CANCEL: '注销' } as const
