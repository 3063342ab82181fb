'use client'
// Small pieces of the 批量机构改革 pages: the status tag and a download of a file the API sent as base64.
import { StatusTag, type StatusTone } from '@/components/ui/StatusTag'
import type { ReorganisationBatchStatus } from '@/graphql/generated/graphql'

export const BATCH_STATUS_TEXT: Record<ReorganisationBatchStatus, string> = {
  PENDING_REVIEW: '待审核',
  APPROVED: '待执行',
  RUNNING: '执行中',
  COMPLETED: '已完成',
  REJECTED: '审核未通过',
  WITHDRAWN: '已撤回',
}

const TONE: Record<ReorganisationBatchStatus, StatusTone> = {
  PENDING_REVIEW: 'warn',
  APPROVED: 'warn',
  RUNNING: 'warn',
  COMPLETED: 'ok',
  REJECTED: 'error',
  WITHDRAWN: 'neutral',
}

export function BatchStatusTag({ status }: { status: ReorganisationBatchStatus }) {
  return (
    <StatusTag tone={TONE[status]} testId="batch-status">
      {BATCH_STATUS_TEXT[status]}
    </StatusTag>
  )
}

/** Saves base64 content as a file (the dry-run report is built by the API and sent with the report). */
export function downloadBase64(base64: string, fileName: string) {
  const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0))
  const url = URL.createObjectURL(
    new Blob([bytes], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  )
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
