'use client'
// 短信验证码发送上限: the global budget of SMS verification codes and the share of it that codes without a login
// (新用户注册) may use, this hour's and today's use of each, and an alert for each budget reached in the last 7 days
// (sends were refused), on CONAC's 定时任务 page.
import { useQuery } from 'urql'
import { formatDate, formatDateTime } from '@/components/ui/format'
import { ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'

export const SmsBudgetDocument = graphql(`
  query SmsBudget {
    smsBudget {
      perHour
      perDay
      sentThisHour
      sentToday
      anonymousShare
      anonymousPerHour
      anonymousPerDay
      anonymousSentThisHour
      anonymousSentToday
      alerts {
        window
        scope
        periodStart
        budget
        reachedAt
      }
    }
  }
`)

const WINDOW_LABELS = { HOUR: '每小时', DAY: '每日' } as const
const SCOPE_LABELS = { ALL: '全系统', ANONYMOUS: '新用户注册（无需登录）' } as const

/** "2026-12-06 14:00–15:00" for an hour, "2026-12-06" for a Beijing day. */
function describePeriod(window: keyof typeof WINDOW_LABELS, periodStart: string): string {
  const start = new Date(periodStart)
  const day = formatDate(start)
  if (window === 'DAY') return `${day} 全天`
  const hour = (start.getUTCHours() + 8) % 24 // Beijing time is UTC+8 all year
  return `${day} ${String(hour).padStart(2, '0')}:00–${String((hour + 1) % 24).padStart(2, '0')}:00`
}

export function SmsBudgetPanel() {
  const [{ data, fetching, error }] = useQuery({ query: SmsBudgetDocument })
  const budget = data?.smsBudget
  return (
    <section className="panel" aria-labelledby="sms-budget-title" data-testid="sms-budget">
      <div className="panel-head">
        <h2 id="sms-budget-title">短信验证码发送上限</h2>
      </div>
      <ErrorNotice error={error} />
      {fetching && !budget ? (
        <Loading />
      ) : budget ? (
        <>
          <p className="muted">
            全系统每小时最多发送 {budget.perHour} 条、每日（北京时间）最多 {budget.perDay} 条验证码短信；本小时已发送{' '}
            {budget.sentThisHour} 条，今日已发送 {budget.sentToday} 条。
          </p>
          <p className="muted" data-testid="sms-budget-anonymous">
            其中新用户注册（无需登录）的验证码最多占 {budget.anonymousShare}%：每小时 {budget.anonymousPerHour} 条、每日{' '}
            {budget.anonymousPerDay} 条；本小时已发送 {budget.anonymousSentThisHour} 条，今日已发送{' '}
            {budget.anonymousSentToday} 条。其余留给已登录单位（网站开办申请、变更联系人）。
          </p>
          {budget.alerts.length === 0 ? (
            <p className="notice">近 7 天未达到发送上限。</p>
          ) : (
            <ul className="notice notice-error" role="alert" data-testid="sms-budget-alerts">
              {budget.alerts.map((alert) => (
                <li key={`${alert.scope}:${alert.window}:${alert.periodStart}`}>
                  {describePeriod(alert.window, alert.periodStart)}：已达到{SCOPE_LABELS[alert.scope]}
                  {WINDOW_LABELS[alert.window]}上限 {alert.budget} 条（{formatDateTime(alert.reachedAt)} 起拒绝发送
                  {alert.scope === 'ANONYMOUS' ? '新用户注册验证码；已登录单位的验证码照常发送' : ''}）。
                </li>
              ))}
              <li>请核查是否有人滥用验证码发送；如属正常业务量，请联系运维人员调高发送上限。</li>
            </ul>
          )}
        </>
      ) : null}
    </section>
  )
}
