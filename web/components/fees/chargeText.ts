// 每日扣费 in plain words: what today's run did, what else was charged today (认款 charges at once), and what waits
// and why. The answer to 立即执行 is built from these parts in ui/resultMessages.ts (runJobNow).
// Relative, not '@/': the API tests import resultMessages.ts, and with it this module.
import { fenOf, formatYuan } from '../ui/format'

export interface ChargeDay {
  day: string
  todaysRun: {
    status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'
    startedAt: string
    finishedAt?: string | null
    charged: number
    skipped: number
    chargedFen: unknown
    error?: string | null
  } | null
  chargedToday: { items: number; amountFen: unknown }
  waiting: { items: number; amountFen: unknown; shortfallFen: unknown; offices: number }
}

/** 01:00:03, Beijing time. */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}

/** What one run charged and left. */
export function describeRun(run: NonNullable<ChargeDay['todaysRun']>): string {
  return `扣费 ${run.charged} 项，共 ${formatYuan(run.chargedFen)} 元${run.skipped ? `；余额不足或域名已变化未扣 ${run.skipped} 项` : ''}`
}

function runState(overview: ChargeDay): string {
  const run = overview.todaysRun
  if (run === null) return '尚未运行（每天 01:00 自动运行）'
  if (run.status === 'RUNNING') return `正在运行（${formatClock(run.startedAt)} 开始）`
  if (run.status === 'FAILED') return `失败：${run.error ?? '未知错误'}`
  return `${formatClock(run.finishedAt ?? run.startedAt)} 完成：${describeRun(run)}`
}

/** Everything charged today: by the daily charge and right after 认款. */
export function describeChargedToday(overview: ChargeDay): string {
  return `${overview.chargedToday.items} 项，共 ${formatYuan(overview.chargedToday.amountFen)} 元（每日扣费和认款后即时扣费）`
}

/** What waits to be charged, and why ('没有' when nothing does). */
export function describeWaiting({ waiting }: ChargeDay): string {
  if (waiting.items === 0) return '没有'
  const owed = `${waiting.items} 项，共 ${formatYuan(waiting.amountFen)} 元`
  if (fenOf(waiting.shortfallFen) > 0)
    return `${owed}：${waiting.offices} 个编办的帐户余额不足（共差 ${formatYuan(waiting.shortfallFen)} 元），待其汇款经认款后即扣`
  return `${owed}：帐户余额已足够，下次每日扣费时扣除`
}

/** Today at a glance, as label and text pairs. */
export function todayFacts(overview: ChargeDay): [string, string][] {
  return [
    ['每日扣费', runState(overview)],
    ['今天已扣费', describeChargedToday(overview)],
    ['待扣费', describeWaiting(overview)],
  ]
}
