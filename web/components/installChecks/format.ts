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
