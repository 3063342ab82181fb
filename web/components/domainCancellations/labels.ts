// The words of 域名注销 in the portal: the request's status.
import type { StatusTone } from '@/components/ui/StatusTag'
import type { DomainCancellationStatus } from '@/graphql/generated/graphql'

export const DOMAIN_CANCELLATION_STATUS_LABELS: Record<DomainCancellationStatus, string> = {
  PENDING: '待审核',
  APPROVED: '审核通过（已注销）',
  REJECTED: '审核未通过',
  WITHDRAWN: '已撤回',
  CLOSED: '已关闭（域名已到期删除）',
}

export const DOMAIN_CANCELLATION_STATUS_TONES: Record<DomainCancellationStatus, StatusTone> = {
  PENDING: 'warn',
  APPROVED: 'ok',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
  CLOSED: 'neutral',
}
