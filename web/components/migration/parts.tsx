'use client'
// Small pieces of the 数据迁移 page: the run's status tag, counts and file sizes as people read them.
import { StatusTag, type StatusTone } from '@/components/ui/StatusTag'
import type { MigrationRunStatus } from '@/graphql/generated/graphql'

const STATUS_TEXT: Record<MigrationRunStatus, string> = {
  UPLOADED: '待校验',
  VALIDATING: '校验中',
  VALIDATED: '已校验',
  COMMITTING: '导入中',
  COMMITTED: '已导入',
  FAILED: '失败',
}

const TONE: Record<MigrationRunStatus, StatusTone> = {
  UPLOADED: 'neutral',
  VALIDATING: 'warn',
  VALIDATED: 'ok',
  COMMITTING: 'warn',
  COMMITTED: 'ok',
  FAILED: 'error',
}

export function MigrationStatusTag({
  status,
  dryRun,
  interrupted,
}: {
  status: MigrationRunStatus
  dryRun: boolean
  interrupted: boolean
}) {
  if (interrupted)
    return (
      <StatusTag tone="error" testId="migration-status">
        {dryRun ? '校验中断' : '导入中断'}
      </StatusTag>
    )
  const text = status === 'FAILED' ? (dryRun ? '校验失败' : '导入失败') : STATUS_TEXT[status]
  return (
    <StatusTag tone={TONE[status]} testId="migration-status">
      {text}
    </StatusTag>
  )
}

const COUNT = new Intl.NumberFormat('zh-CN')

/** 1,234,567 */
export const formatCount = (value: number) => COUNT.format(value)

/** 512 B, 12.3 KB, 4.5 MB */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`
}
