'use client'
// 安装检测 for one badge (rendered under 标识管理): 安装期限, 已安装 / 未安装 / 已逾期, the latest check with its result
// and detail, and 立即检测 (at most once a minute per badge; the API says how long to wait).
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatDeadline } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { ErrorNotice, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import { installStateOf, overdueDays } from './format'

export const BadgeInstallationQuery = graphql(`
  query BadgeInstallation($badgeId: ID!) {
    badgeInstallation(badgeId: $badgeId) {
      id
      status
      placement
      englishDomain
      installDeadline
      installedAt
      lastCheckedAt
      lastCheckFound
      installOverdue
      installChecks(first: 5) {
        id
        url
        checkedAt
        httpStatus
        snippetFound
        detail
      }
    }
  }
`)

export const CheckBadgeInstallationMutation = graphql(`
  mutation CheckBadgeInstallation($badgeId: ID!) {
    checkBadgeInstallation(badgeId: $badgeId) {
      id
      installedAt
      lastCheckedAt
      lastCheckFound
      installOverdue
      installChecks(first: 5) {
        id
        url
        checkedAt
        httpStatus
        snippetFound
        detail
      }
    }
  }
`)

export function InstallStatus({ badgeId }: { badgeId: string }) {
  const [{ data, fetching, error }, refetch] = useQuery({ query: BadgeInstallationQuery, variables: { badgeId } })
  const [, check] = useMutation(CheckBadgeInstallationMutation)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [showHistory, setShowHistory] = useState(false)
  const badge = data?.badgeInstallation

  async function onCheck() {
    setBusy(true)
    setMessage(null)
    const result = await check({ badgeId })
    setBusy(false)
    if (result.error) {
      setMessage({ text: readableErrorText(result.error), error: true })
    } else {
      const latest = result.data?.checkBadgeInstallation.installChecks[0]
      const found = result.data?.checkBadgeInstallation.lastCheckFound
      setMessage({
        text: resultMessage('checkBadgeInstallation', { found: !!found, detail: latest?.detail }),
        error: !found,
      })
    }
    refetch({ requestPolicy: 'network-only' })
  }

  if (!badge) {
    if (error) return <ErrorNotice error={error} />
    return <p className="muted">{fetching ? '正在加载安装状态…' : ''}</p>
  }

  if (badge.placement === 'MICRO_SITE') {
    return (
      <section className="install-status" aria-label="标识安装状态" data-testid="install-status">
        <h3 className="install-title">安装状态</h3>
        <p className="muted">网络红页由平台托管，标识已自动展示在页面底部，无需安装检测。</p>
      </section>
    )
  }

  const state = installStateOf(badge)
  const latest = badge.installChecks[0]
  const days = badge.installOverdue ? overdueDays(badge.installDeadline) : 0

  return (
    <section className="install-status" aria-label="标识安装状态" data-testid="install-status">
      <h3 className="install-title">安装状态</h3>
      <dl className="install-facts">
        <div>
          <dt>安装期限</dt>
          <dd>{formatDeadline(badge.installDeadline)}，发放后第 5 个工作日结束</dd>
        </div>
        <div>
          <dt>状态</dt>
          <dd>
            <StatusTag tone={state.tone} testId="install-state">
              {state.label}
            </StatusTag>
            {badge.installOverdue && <span className="install-overdue-days">已逾期 {days} 天</span>}
            {badge.installedAt && (
              <span className="muted install-since">首次检测到安装：{formatDateTime(badge.installedAt)}</span>
            )}
          </dd>
        </div>
        <div>
          <dt>最近检测</dt>
          <dd data-testid="install-last-check">
            {latest ? (
              <>
                {formatDateTime(latest.checkedAt)}
                <StatusTag tone={latest.snippetFound ? 'ok' : 'error'}>
                  {latest.snippetFound ? '通过' : '未通过'}
                </StatusTag>
                <span className="install-detail">{latest.detail ?? '—'}</span>
                {latest.httpStatus != null && <span className="muted install-http">HTTP {latest.httpStatus}</span>}
              </>
            ) : (
              <span className="muted">尚未检测</span>
            )}
          </dd>
        </div>
      </dl>
      <p className="muted install-hint">
        请将标识代码粘贴到 {badge.englishDomain ? <code>{badge.englishDomain}</code> : '网站'} 首页（及其他页面）的{' '}
        <code>&lt;/body&gt;</code> 之前。系统会定期访问
        网站首页检测；安装后也可以点击“立即检测”（每个标识每分钟最多一次）。
      </p>
      <ResultNotice result={message} testId="install-check-message" />
      <div className="install-actions">
        <button
          type="button"
          className="button button-primary"
          disabled={busy || badge.status !== 'ACTIVE'}
          onClick={onCheck}
        >
          {busy ? '检测中…' : '立即检测'}
        </button>
        {badge.installChecks.length > 1 && (
          <button
            type="button"
            className="button button-light"
            onClick={() => setShowHistory((v) => !v)}
            aria-expanded={showHistory}
          >
            {showHistory ? '收起检测记录' : '最近检测记录'}
          </button>
        )}
      </div>
      {showHistory && (
        <TableScroll label="检测记录">
          <table className="table install-history">
            <thead>
              <tr>
                <th scope="col">检测时间</th>
                <th scope="col">结果</th>
                <th scope="col">说明</th>
                <th scope="col">地址</th>
              </tr>
            </thead>
            <tbody>
              {badge.installChecks.map((c) => (
                <tr key={c.id}>
                  <td>{formatDateTime(c.checkedAt)}</td>
                  <td>{c.snippetFound ? '通过' : '未通过'}</td>
                  <td className="table-wrap-cell">
                    {c.detail ?? '—'}
                    {c.httpStatus != null && <span className="muted"> （HTTP {c.httpStatus}）</span>}
                  </td>
                  <td className="table-wrap-cell">{c.url}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
