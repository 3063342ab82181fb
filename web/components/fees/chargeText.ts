// 每日扣费 in plain words: what today's run did, what else was charged today (认款 charges at once), and what waits
// and why. 立即执行 on a day that already ran does nothing, and says so, with what that run did.
import { fenOf, formatYuan } from '@/components/ui/format'

export interface ChargeDay {
  day: string
  todaysRun: { status: 'RUNNING' | 'SUCCEEDED' | 'FAILED'; startedAt: string; finishedAt?: string | null; charged: number; skipped: number; chargedFen: unknown; error?: string | null } | null
  chargedToday: { items: number; amountFen: unknown }
  waiting: { items: number; amountFen: unknown; shortfallFen: unknown; offices: number }
}

/** 01:00:03, Beijing time. */
export function formatClock(iso: string): string {
  return new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })
}

function ranPart(run: NonNullable<ChargeDay['todaysRun']>): string {
  return `扣费 ${run.charged} 项，共 ${formatYuan(run.chargedFen)} 元${run.skipped ? `；余额不足或域名已变化未扣 ${run.skipped} 项` : ''}`
}

function runState(overview: ChargeDay): string {
  const run = overview.todaysRun
  if (run === null) return '尚未运行（每天 01:00 自动运行）'
  if (run.status === 'RUNNING') return `正在运行（${formatClock(run.startedAt)} 开始）`
  if (run.status === 'FAILED') return `失败：${run.error ?? '未知错误'}`
  return `${formatClock(run.finishedAt ?? run.startedAt)} 完成：${ranPart(run)}`
}

function chargedToday(overview: ChargeDay): string {
  return `${overview.chargedToday.items} 项，共 ${formatYuan(overview.chargedToday.amountFen)} 元（每日扣费和认款后即时扣费）`
}

function waitingState({ waiting }: ChargeDay): string {
  if (waiting.items === 0) return '没有'
  const owed = `${waiting.items} 项，共 ${formatYuan(waiting.amountFen)} 元`
  if (fenOf(waiting.shortfallFen) > 0) return `${owed}：${waiting.offices} 个编办的帐户余额不足（共差 ${formatYuan(waiting.shortfallFen)} 元），待其汇款经认款后即扣`
  return `${owed}：帐户余额已足够，下次每日扣费时扣除`
}

/** Today at a glance, as label and text pairs. */
export function todayFacts(overview: ChargeDay): [string, string][] {
  return [
    ['每日扣费', runState(overview)],
    ['今天已扣费', chargedToday(overview)],
    ['待扣费', waitingState(overview)],
  ]
}

/** Everything charged today, and what waits: the part every answer to 立即执行 ends with. */
function chargedTodaySentence(overview: ChargeDay): string {
  const waiting = waitingState(overview)
  return `今天共扣费 ${chargedToday(overview)}；${waiting === '没有' ? '没有待扣费的项目' : `待扣费 ${waiting}`}。`
}

/** The answer to 立即执行: whether it ran now or had already run today, what that run did, and today's totals. */
export function describeRunNow(alreadyRan: boolean, overview: ChargeDay): string {
  const run = overview.todaysRun
  if (!run) return `今天（${overview.day}）的每日扣费没有运行，请刷新后重试。`
  if (run.status === 'FAILED') return `今天（${overview.day}）的每日扣费失败：${run.error ?? '未知错误'}。已扣的项目不受影响，可稍后再试。`
  if (alreadyRan) {
    return `今天（${overview.day}）的每日扣费已于 ${formatClock(run.finishedAt ?? run.startedAt)} 运行过，未重复执行；那次${ranPart(run)}。${chargedTodaySentence(overview)}`
  }
  return `今天（${overview.day}）的每日扣费已执行：${ranPart(run)}。${chargedTodaySentence(overview)}`
}
