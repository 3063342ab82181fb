'use client'
// 标识管理 (unit): the unit's badges; per badge the code to paste before </body> with 复制代码, the link to the
// verification page, the installation status, 申请变更 / 申请注销 (reviewed by the same-level office), 撤回 of a
// pending request, and the history of requests with their outcome.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { InstallStatus } from '@/components/installChecks/InstallStatus'
import {
  BADGE_CHANGE_KIND_LABELS,
  BADGE_CHANGE_STATUS_LABELS,
  BADGE_CHANGE_STATUS_TONES,
  BADGE_PLACEMENT_LABELS,
  BADGE_STATUS_LABELS,
} from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate, formatDateTime, formatDeadline } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { UnitBadgesQuery as UnitBadgesResult } from '@/graphql/generated/graphql'
import { BadgeCancelForm, BadgeChangeForm } from './BadgeForms'
import { ChangeList } from './ChangeList'
import { SnippetBox } from './SnippetBox'

export const UnitBadgesQuery = graphql(`
  query UnitBadges($first: Int, $after: String) {
    badges(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          badgeNumber
          status
          version
          placement
          siteName
          englishDomain
          ipAddress
          issuedAt
          installDeadline
          cancelledAt
          snippet
          verificationUrl
          unit {
            id
            type
          }
          chineseDomain {
            id
            fullName
          }
          pendingChangeRequest {
            id
            version
            kind
          }
          changeRequests {
            id
            kind
            status
            reason
            requestedAt
            requestedByName
            changes {
              field
              before
              after
            }
            reviewDecisions {
              id
              result
              reason
              decidedAt
              office {
                id
                name
              }
            }
          }
        }
      }
    }
  }
`)

export const WithdrawBadgeChangeMutation = graphql(`
  mutation WithdrawBadgeChange($input: WithdrawBadgeChangeRequestInput!) {
    withdrawBadgeChangeRequest(input: $input) {
      id
      version
    }
  }
`)

export type UnitBadge = UnitBadgesResult['badges']['edges'][number]['node']

export function UnitBadges() {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UnitBadgesQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const connection = data?.badges

  return (
    <>
      <section className="panel" aria-labelledby="badges-title">
        <div className="panel-head">
          <h1 id="badges-title" className="badge-page-title">
            标识管理
          </h1>
          {connection && <span className="panel-meta">共 {connection.totalCount} 个网站标识</span>}
        </div>
        <ErrorNotice error={error} />
        {!connection ? (
          fetching ? (
            <Loading />
          ) : null
        ) : connection.edges.length === 0 ? (
          <EmptyState testId="badges-empty">
            本单位暂无网站标识。网站开办申请审核通过后，系统会生成网站标识代码并以短信和邮件通知。
          </EmptyState>
        ) : (
          <TableScroll labelledBy="badges-title">
            <table className="table" data-testid="badge-list">
              <thead>
                <tr>
                  <th scope="col">标识编号</th>
                  <th scope="col">网站名称</th>
                  <th scope="col">挂标位置</th>
                  <th scope="col">状态</th>
                  <th scope="col">发放日期</th>
                  <th scope="col">安装期限</th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => (
                  <tr key={node.id}>
                    <td>
                      <a className="mono" href={`#badge-${node.id}`}>
                        {node.badgeNumber}
                      </a>
                    </td>
                    <td className="table-wrap-cell">{node.siteName}</td>
                    <td>{BADGE_PLACEMENT_LABELS[node.placement]}</td>
                    <td>
                      <BadgeStatusTag status={node.status} />
                      {node.pendingChangeRequest && (
                        <span className="tag">{BADGE_CHANGE_KIND_LABELS[node.pendingChangeRequest.kind]}待审核</span>
                      )}
                    </td>
                    <td>{formatDate(node.issuedAt)}</td>
                    <td>{node.status === 'ACTIVE' ? formatDeadline(node.installDeadline) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
      </section>
      {connection?.edges.map(({ node }) => (
        <BadgePanel key={node.id} badge={node} onChanged={reload} />
      ))}
    </>
  )
}

function BadgeStatusTag({ status }: { status: UnitBadge['status'] }) {
  return <StatusTag tone={status === 'ACTIVE' ? 'ok' : 'neutral'}>{BADGE_STATUS_LABELS[status]}</StatusTag>
}

type Mode = 'none' | 'change' | 'cancel'

function BadgePanel({ badge, onChanged }: { badge: UnitBadge; onChanged: () => void }) {
  const [mode, setMode] = useState<Mode>('none')
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const [, withdraw] = useMutation(WithdrawBadgeChangeMutation)
  const confirm = useConfirm()
  const active = badge.status === 'ACTIVE'
  const pending = badge.pendingChangeRequest

  async function onWithdraw() {
    if (!pending) return
    const kind = BADGE_CHANGE_KIND_LABELS[pending.kind]
    const message = `确定撤回标识 ${badge.badgeNumber} 的${kind}申请吗？`
    if (!(await confirm({ title: `撤回${kind}申请`, message, confirmLabel: '撤回', danger: true }))) return
    setBusy(true)
    const result = await withdraw({ input: { id: pending.id, version: pending.version } })
    setBusy(false)
    setMessage(
      result.error
        ? { text: readableErrorText(result.error), error: true }
        : { text: resultMessage('withdrawBadgeChangeRequest'), error: false },
    )
    onChanged()
  }

  function done(text: string) {
    setMode('none')
    setMessage({ text, error: false })
    onChanged()
  }

  const headingId = `badge-${badge.id}-title`
  return (
    <section
      className="panel badge-panel"
      id={`badge-${badge.id}`}
      aria-labelledby={headingId}
      data-testid="badge-panel"
    >
      <div className="panel-head">
        <h2 id={headingId}>
          网站标识 <span className="mono">{badge.badgeNumber}</span>
        </h2>
        <span className="panel-meta">
          {badge.siteName} <BadgeStatusTag status={badge.status} />
        </span>
      </div>
      <ResultNotice result={message} />
      <dl className="facts">
        <div>
          <dt>网站名称</dt>
          <dd>{badge.siteName}</dd>
        </div>
        <div>
          <dt>中文域名</dt>
          <dd>{badge.chineseDomain?.fullName ?? '—'}</dd>
        </div>
        <div>
          <dt>挂标位置</dt>
          <dd>{BADGE_PLACEMENT_LABELS[badge.placement]}</dd>
        </div>
        <div>
          <dt>英文域名</dt>
          <dd>{badge.englishDomain ?? '—'}</dd>
        </div>
        <div>
          <dt>IP 地址</dt>
          <dd>{badge.ipAddress ?? '—'}</dd>
        </div>
        <div>
          <dt>发放日期</dt>
          <dd>{formatDate(badge.issuedAt)}</dd>
        </div>
        {active ? (
          <div>
            <dt>安装期限</dt>
            <dd>{formatDeadline(badge.installDeadline)}</dd>
          </div>
        ) : (
          <div>
            <dt>注销日期</dt>
            <dd>{formatDate(badge.cancelledAt)}</dd>
          </div>
        )}
        <div>
          <dt>核验页面</dt>
          <dd>
            <a href={badge.verificationUrl} target="_blank" rel="noopener noreferrer">
              查看标识核验页面
            </a>
          </dd>
        </div>
      </dl>

      {active ? (
        <>
          <SnippetBox badgeNumber={badge.badgeNumber} snippet={badge.snippet} placement={badge.placement} />
          <div className="badge-install">
            <InstallStatus badgeId={badge.id} />
          </div>
          {pending && (
            <div className="notice notice-warning badge-pending" role="status">
              本标识的{BADGE_CHANGE_KIND_LABELS[pending.kind]}申请正在等待同级编办审核，审核结果将以短信和邮件通知。
              <button
                type="button"
                className="button button-light badge-inline-button"
                disabled={busy}
                onClick={onWithdraw}
              >
                撤回申请
              </button>
            </div>
          )}
          {mode === 'none' && (
            <div className="badge-actions">
              <button
                type="button"
                className="button button-primary"
                disabled={!!pending}
                onClick={() => {
                  setMode('change')
                  setMessage(null)
                }}
              >
                申请变更
              </button>
              <button
                type="button"
                className="button button-light"
                disabled={!!pending}
                onClick={() => {
                  setMode('cancel')
                  setMessage(null)
                }}
              >
                申请注销
              </button>
            </div>
          )}
          {mode === 'change' && (
            <BadgeChangeForm
              badge={badge}
              onCancel={() => setMode('none')}
              onDone={() => done(resultMessage('requestBadgeChange'))}
            />
          )}
          {mode === 'cancel' && (
            <BadgeCancelForm
              badge={badge}
              onCancel={() => setMode('none')}
              onDone={() => done(resultMessage('requestBadgeCancellation'))}
            />
          )}
        </>
      ) : (
        <p className="notice badge-cancelled-note">
          该网站标识已注销，标识代码已失效。如需继续开办网站，请重新提交网站开办申请。
        </p>
      )}

      <BadgeHistory requests={badge.changeRequests} />
    </section>
  )
}

function BadgeHistory({ requests }: { requests: UnitBadge['changeRequests'] }) {
  return (
    <div className="badge-history">
      <h3 className="badge-section-title">变更和注销记录</h3>
      {requests.length === 0 ? (
        <p className="muted badge-section-text">暂无变更或注销申请。</p>
      ) : (
        <TableScroll label="变更和注销记录">
          <table className="table" data-testid="badge-history">
            <thead>
              <tr>
                <th scope="col">申请时间</th>
                <th scope="col">类型</th>
                <th scope="col">内容</th>
                <th scope="col">状态</th>
                <th scope="col">审核意见</th>
              </tr>
            </thead>
            <tbody>
              {requests.map((request) => {
                const decision = request.reviewDecisions[request.reviewDecisions.length - 1]
                return (
                  <tr key={request.id}>
                    <td>{formatDateTime(request.requestedAt)}</td>
                    <td>{BADGE_CHANGE_KIND_LABELS[request.kind]}</td>
                    <td className="table-wrap-cell">
                      <ChangeList changes={request.changes} />
                      {request.reason && <p className="muted badge-reason">原因：{request.reason}</p>}
                    </td>
                    <td>
                      <StatusTag tone={BADGE_CHANGE_STATUS_TONES[request.status]}>
                        {BADGE_CHANGE_STATUS_LABELS[request.status]}
                      </StatusTag>
                    </td>
                    <td className="table-wrap-cell">
                      {decision ? (
                        <>
                          {decision.office.name} · {formatDateTime(decision.decidedAt)}
                          {decision.reason && (
                            <p className="badge-reason">
                              {decision.result === 'REJECTED' ? '不通过原因：' : '审核意见：'}
                              {decision.reason}
                            </p>
                          )}
                        </>
                      ) : (
                        '—'
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
    </div>
  )
}
