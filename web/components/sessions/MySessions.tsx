'use client'
// 我的登录设备: the person's live sessions (device, address, when signed in, last use), 当前设备 marked, 退出 per row
// and 退出其他所有设备 after a confirmation. Ending the one in use signs out here too, so the page then goes to /login.
// (Remembered devices of the second factor get a section of their own below this one.)
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { describeFailure } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'

const MySessionsQuery = graphql(`
  query MySessions {
    mySessions {
      id
      browser
      os
      deviceKind
      ip
      createdAt
      lastSeenAt
      current
    }
  }
`)

const EndSessionMutation = graphql(`
  mutation EndSession($id: ID!) {
    endSession(id: $id)
  }
`)

const EndOtherSessionsMutation = graphql(`
  mutation EndOtherSessions {
    endOtherSessions
  }
`)

type SessionRow = { browser?: string | null; os?: string | null; deviceKind?: string | null }

/** e.g. Chrome 120 · Windows 10 (电脑); 未知设备 when the browser did not say. */
function deviceText(row: SessionRow): string {
  const name = [row.browser, row.os].filter(Boolean).join(' · ')
  if (!name) return '未知设备'
  return row.deviceKind ? `${name}（${row.deviceKind}）` : name
}

export function MySessions() {
  const [{ data, fetching, error }, refetch] = useQuery({ query: MySessionsQuery, requestPolicy: 'network-only' })
  const [, endOne] = useMutation(EndSessionMutation)
  const [, endOthers] = useMutation(EndOtherSessionsMutation)
  const confirm = useConfirm()
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<ActionResult | null>(null)
  const sessions = data?.mySessions
  const others = sessions?.filter((row) => !row.current).length ?? 0

  async function onEnd(row: NonNullable<typeof sessions>[number]) {
    const message = row.current
      ? '退出后需要重新登录。'
      : `确认退出“${deviceText(row)}”（${row.ip ?? '地址未知'}）上的登录？`
    const title = row.current ? '退出本设备' : '退出该设备'
    if (!(await confirm({ title, message, confirmLabel: '退出', danger: true }))) return
    setBusy(true)
    const answer = await endOne({ id: row.id })
    setBusy(false)
    if (answer.data?.endSession && row.current) {
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination -- like 退出登录: a full navigation drops every page and cache of the ended session
      window.location.assign('/login')
      return
    }
    setResult(
      answer.data?.endSession
        ? { error: false, text: resultMessage('endSession', { current: false }) }
        : { error: true, text: describeFailure(answer.error, '退出失败，请稍后再试').message },
    )
    refetch({ requestPolicy: 'network-only' })
  }

  async function onEndOthers() {
    const message = `确认退出其他 ${others} 台设备上的登录？本设备保持登录。`
    if (!(await confirm({ title: '退出其他所有设备', message, confirmLabel: '全部退出', danger: true }))) return
    setBusy(true)
    const answer = await endOthers({})
    setBusy(false)
    const count = answer.data?.endOtherSessions
    setResult(
      count != null
        ? { error: false, text: resultMessage('endOtherSessions', { count }) }
        : { error: true, text: describeFailure(answer.error, '退出失败，请稍后再试').message },
    )
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="my-sessions-title" data-testid="my-sessions">
      <div className="panel-head">
        <h1 id="my-sessions-title">我的登录设备</h1>
        <button
          type="button"
          className="button button-light"
          disabled={busy || others === 0}
          onClick={onEndOthers}
          data-testid="end-other-sessions"
        >
          退出其他所有设备
        </button>
      </div>
      <p className="panel-note">以下是您的账号当前有效的登录。如发现不认识的设备，请将其退出并修改密码。</p>
      <ErrorNotice error={error} />
      <ResultNotice result={result} testId="my-sessions-result" />
      {!sessions ? (
        fetching ? (
          <Loading />
        ) : null
      ) : (
        <TableScroll labelledBy="my-sessions-title">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">设备</th>
                <th scope="col">登录地址</th>
                <th scope="col">登录时间</th>
                <th scope="col">最近使用</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.map((row) => (
                <tr key={row.id} data-testid={`session-${row.id}`} data-current={row.current}>
                  <td className="table-wrap-cell">
                    {deviceText(row)}{' '}
                    {row.current && (
                      <StatusTag tone="ok" testId="session-current">
                        当前设备
                      </StatusTag>
                    )}
                  </td>
                  <td className="mono">{row.ip ?? '未知'}</td>
                  <td>{formatDateTime(row.createdAt)}</td>
                  <td>{formatDateTime(row.lastSeenAt)}</td>
                  <td className="table-actions">
                    <button type="button" className="button button-light" disabled={busy} onClick={() => onEnd(row)}>
                      退出
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
