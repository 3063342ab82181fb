// Shared words for the installation state: 已安装 / 已逾期 / 未安装, and days overdue counted in Beijing calendar days.
import type { StatusTone } from '../ui/StatusTag'

const BEIJING_OFFSET_MS = 8 * 3_600_000
const DAY_MS = 86_400_000

export interface InstallStateInput {
  installedAt?: string | null
  installOverdue: boolean
}

export function installStateOf(badge: InstallStateInput): { label: string; tone: StatusTone } {
  if (badge.installedAt) return { label: '已安装', tone: 'ok' }
  if (badge.installOverdue) return { label: '已逾期', tone: 'error' }
  return { label: '未安装', tone: 'warn' }
}

const beijingDayNumber = (ms: number) => Math.floor((ms + BEIJING_OFFSET_MS) / DAY_MS)

/** Calendar days (Beijing) since the deadline's day: the day after the deadline is 1. */
export function overdueDays(deadline: string, now = Date.now()): number {
  return Math.max(0, beijingDayNumber(now) - beijingDayNumber(new Date(deadline).getTime()))
}

/** The latest check in words, for tables. */
export function lastCheckText(check: { snippetFound: boolean; detail?: string | null } | undefined | null): string {
  if (!check) return '尚未检测'
  return check.detail ?? (check.snippetFound ? '已找到标识代码' : '未找到标识代码')
}

const COUNT = new Intl.NumberFormat('zh-CN')

/** A count as people read it: 200,000. */
export const formatCount = (value: number) => COUNT.format(value)

/** 预计剩余 of a run: 计算中 before there is a pace, 不到 1 分钟, 约 25 分钟, 约 1 小时 5 分钟. */
export function formatEta(seconds: number | null | undefined): string {
  if (seconds == null) return '计算中'
  if (seconds < 60) return '不到 1 分钟'
  const minutes = Math.ceil(seconds / 60)
  if (minutes < 60) return `约 ${minutes} 分钟`
  const hours = Math.floor(minutes / 60)
  const rest = minutes % 60
  return rest ? `约 ${hours} 小时 ${rest} 分钟` : `约 ${hours} 小时`
}

/** Whole per cent of a run done, never 100 before every badge is recorded; an ended run with nothing to check is done. */
export function runPercent(checked: number, total: number, ended: boolean): number {
  if (total <= 0) return ended ? 100 : 0
  if (checked >= total) return 100
  return Math.min(99, Math.floor((checked / total) * 100))
}

/** The daily run's period is a Beijing day (2025-12-06); one started by hand has the time too. */
export function isDailyRun(periodKey: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(periodKey)
}
