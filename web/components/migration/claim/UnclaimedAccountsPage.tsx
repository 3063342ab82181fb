'use client'
// 未认领账号 (账号认领, issue 20): the accounts brought over from the old 网上名称注册管理系统 whose holder has not set
// a password yet, in the office's area (CONAC: all). The job 迁移账号认领通知 sends each an invitation (an emailed
// link and an SMS code) by itself; here the office sees who has not claimed, whether the invitation went or its link
// expired, and 重新发送 one, the ticked ones or every one the filter matches (after a confirmation naming the count).
// An account claimed meanwhile simply leaves the list.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import type { ClaimInvitationState, UnclaimedAccountRow_AccountFragment } from '@/graphql/generated/graphql'
import { ResendClaimInvitationDocument, ResendClaimInvitationsDocument, UnclaimedAccountsDocument } from './documents'
import styles from './Unclaimed.module.css'

const LIST_CONTEXT = { additionalTypenames: ['UnclaimedAccount'] }

const STATE_LABELS: Record<ClaimInvitationState, string> = {
  NOT_SENT: '未发送',
  SENT: '已发送',
  EXPIRED: '链接已过期',
}
const STATE_TONES = { NOT_SENT: 'neutral', SENT: 'ok', EXPIRED: 'error' } as const

type Row = UnclaimedAccountRow_AccountFragment

export function UnclaimedAccountsPage({ central }: { central: boolean }) {
  const pages = useCursorPages()
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const [invitation, setInvitation] = useState<ClaimInvitationState | ''>('')
  const [selected, setSelected] = useState<Set<string>>(new Set())
  const [result, setResult] = useState<ActionResult | null>(null)
  const [busy, setBusy] = useState(false)
  const confirm = useConfirm()
  const filter = { search: search || null, invitation: invitation || null }
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UnclaimedAccountsDocument,
    variables: { ...filter, first: PAGE_SIZE, after: pages.after },
    context: LIST_CONTEXT,
  })
  const [, resendOne] = useMutation(ResendClaimInvitationDocument)
  const [, resendMany] = useMutation(ResendClaimInvitationsDocument)
  const connection = data?.unclaimedAccounts
  const rows: Row[] = (connection?.edges ?? []).map((edge) => edge.node as Row)
  const reload = () => refetch({ requestPolicy: 'network-only' })

  function changeFilter(next: { search?: string; invitation?: ClaimInvitationState | '' }) {
    pages.reset()
    setSelected(new Set())
    if (next.search !== undefined) setSearch(next.search.trim())
    if (next.invitation !== undefined) setInvitation(next.invitation)
  }

  function toggle(id: string) {
    setSelected((current) => {
      const next = new Set(current)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return next
    })
  }

  async function onResend(row: Row) {
    const message = `向“${row.displayName}（${row.username}）”重新发送认领通知？将发送新的邮件链接和短信验证码，之前的链接随即失效。`
    if (!(await confirm({ title: '重新发送认领通知', message, confirmLabel: '重新发送' }))) return
    setBusy(true)
    const answer = await resendOne({ userId: row.id })
    setBusy(false)
    setResult(
      answer.error
        ? { text: readableErrorText(answer.error), error: true }
        : { text: resultMessage('resendClaimInvitation', { name: row.displayName }), error: false },
    )
    reload()
  }

  async function onResendMany(which: 'selected' | 'all') {
    const count = which === 'selected' ? selected.size : (connection?.totalCount ?? 0)
    if (!count) return
    const what = which === 'selected' ? `所选的 ${count} 个账号` : `符合当前条件的全部 ${count} 个账号`
    const limit = which === 'all' && count > 200 ? '每次最多发送 200 个，其余请稍后再次发送。' : ''
    const message =
      `向${what}重新发送认领通知（邮件链接和短信验证码）？之前的链接随即失效；最近刚发送过的账号不会重复发送。` + limit
    if (!(await confirm({ title: '批量重新发送认领通知', message, confirmLabel: `重新发送 ${count} 个` }))) return
    setBusy(true)
    const answer = await resendMany(which === 'selected' ? { userIds: [...selected] } : filter)
    setBusy(false)
    if (answer.error) setResult({ text: readableErrorText(answer.error), error: true })
    else if (answer.data) {
      const summary = answer.data.resendClaimInvitations
      setResult({ text: resultMessage('resendClaimInvitations', summary), error: summary.sent === 0 })
      setSelected(new Set())
    }
    reload()
  }

  const allOnPage = rows.length > 0 && rows.every((row) => selected.has(row.id))

  return (
    <>
      <section className="panel" aria-labelledby="unclaimed-title">
        <div className="panel-head">
          <h1 id="unclaimed-title">未认领账号</h1>
        </div>
        <p className="muted">
          {central ? '全国' : '本地区及下级地区'}
          从原网上名称注册管理系统迁移过来、尚未设置密码的单位账号和编办账号。系统会分批自动发送认领通知（邮件链接和短信验证码），
          本人打开链接或输入验证码设置密码即完成认领；链接过期或本人未收到时，可在这里重新发送。
        </p>
      </section>
      <section className="panel" aria-labelledby="unclaimed-list-title">
        <div className="panel-head">
          <h2 id="unclaimed-list-title">账号列表</h2>
          {connection && <span className="panel-meta">共 {connection.totalCount} 个未认领账号</span>}
        </div>
        <form
          className="filters"
          role="search"
          onSubmit={(event) => {
            event.preventDefault()
            changeFilter({ search: typed })
          }}
        >
          <div className="field">
            <label htmlFor="unclaimed-search">姓名、用户名或单位名称</label>
            <input id="unclaimed-search" value={typed} onChange={(event) => setTyped(event.target.value)} />
          </div>
          <div className="field">
            <label htmlFor="unclaimed-invitation">认领通知</label>
            <select
              id="unclaimed-invitation"
              value={invitation}
              onChange={(event) => changeFilter({ invitation: event.target.value as ClaimInvitationState | '' })}
            >
              <option value="">全部</option>
              {(Object.keys(STATE_LABELS) as ClaimInvitationState[]).map((state) => (
                <option key={state} value={state}>
                  {STATE_LABELS[state]}
                </option>
              ))}
            </select>
          </div>
          <div className="filters-actions">
            <button type="submit" className="button button-primary">
              查询
            </button>
          </div>
        </form>
        <div className={styles.bulk}>
          <button
            type="button"
            className="button button-light"
            disabled={busy || selected.size === 0}
            onClick={() => onResendMany('selected')}
            data-testid="unclaimed-resend-selected"
          >
            重新发送所选（{selected.size}）
          </button>
          <button
            type="button"
            className="button button-light"
            disabled={busy || !connection?.totalCount}
            onClick={() => onResendMany('all')}
            data-testid="unclaimed-resend-all"
          >
            全部重新发送
          </button>
        </div>
        <ResultNotice result={result} testId="unclaimed-result" />
        <ErrorNotice error={error} />
        {!connection ? (
          fetching ? (
            <Loading />
          ) : null
        ) : rows.length === 0 ? (
          <EmptyState testId="unclaimed-empty">
            {search || invitation ? '没有符合条件的未认领账号' : '没有未认领的账号：迁移来的账号都已设置密码'}
          </EmptyState>
        ) : (
          <TableScroll labelledBy="unclaimed-list-title">
            <table className="table table-fit" data-testid="unclaimed-accounts">
              <thead>
                <tr>
                  <th scope="col">
                    <input
                      type="checkbox"
                      aria-label="选择本页全部账号"
                      checked={allOnPage}
                      onChange={() =>
                        setSelected((current) => {
                          const next = new Set(current)
                          for (const row of rows) {
                            if (allOnPage) next.delete(row.id)
                            else next.add(row.id)
                          }
                          return next
                        })
                      }
                    />
                  </th>
                  <th scope="col">用户名</th>
                  <th scope="col">姓名</th>
                  <th scope="col">单位或编办</th>
                  <th scope="col">手机号码</th>
                  <th scope="col">认领通知</th>
                  <th scope="col" className="table-actions">
                    操作
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <tr key={row.id} data-testid={`unclaimed-${row.username}`} data-state={row.invitation.state}>
                    <td>
                      <input
                        type="checkbox"
                        aria-label={`选择 ${row.username}`}
                        checked={selected.has(row.id)}
                        onChange={() => toggle(row.id)}
                      />
                    </td>
                    <td className="mono">{row.username}</td>
                    <td>{row.displayName}</td>
                    <td className="table-wrap-cell">
                      {row.organisation}
                      <span className="table-subline">
                        {row.regionName}
                        {row.role === 'UNIT_USER' ? ' · 单位账号' : ' · 编办账号'}
                      </span>
                    </td>
                    <td className="mono">{row.maskedMobile ?? '—'}</td>
                    <td>
                      <StatusTag tone={STATE_TONES[row.invitation.state]} testId="unclaimed-state">
                        {STATE_LABELS[row.invitation.state]}
                      </StatusTag>
                      {row.invitation.sentAt && (
                        <span className="table-subline">
                          {row.invitation.state === 'EXPIRED'
                            ? `${formatDateTime(row.invitation.expiresAt)} 过期`
                            : `${formatDateTime(row.invitation.sentAt)} 发送`}
                        </span>
                      )}
                    </td>
                    <td className="table-actions">
                      {row.hasContact ? (
                        <button
                          type="button"
                          className="button button-light"
                          disabled={busy || !!row.invitation.resendableAt}
                          title={
                            row.invitation.resendableAt
                              ? `刚发送过，${formatDateTime(row.invitation.resendableAt)} 后可再次发送`
                              : undefined
                          }
                          onClick={() => onResend(row)}
                        >
                          重新发送
                        </button>
                      ) : (
                        <span className="muted">未登记手机或邮箱</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
        {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
      </section>
    </>
  )
}
