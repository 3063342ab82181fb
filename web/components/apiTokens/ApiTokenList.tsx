'use client'
// The office's tokens, newest first: who made each, its roles, when it expires and was last used, its state, and 撤销
// (after a confirmation) for a token that still works.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { ApiTokensDocument, RevokeApiTokenDocument } from './documents'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { OFFICE_ROLE_LABELS } from '@/components/labels'
import { readableErrorText } from '@/graphql/errors'
import type { OfficeRole } from '@/graphql/generated/graphql'
import { ACCESS_LABELS, TOKEN_STATE_LABELS, tokenState } from './shared'

// A new token must show up even when the list was empty (and so held no ApiToken to invalidate).
const LIST_CONTEXT = { additionalTypenames: ['ApiToken'] }

/** 撤销 shows for one's own tokens, and for every token of the office to its 管理员 (as the API decides). */
export function ApiTokenList({
  viewerId,
  officeRoles,
}: {
  viewerId: string | null
  officeRoles: readonly OfficeRole[]
}) {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: ApiTokensDocument,
    variables: { first: PAGE_SIZE, after: pages.after },
    context: LIST_CONTEXT,
  })
  const [, revoke] = useMutation(RevokeApiTokenDocument)
  const confirm = useConfirm()
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ text: string; error: boolean } | null>(null)
  const connection = data?.apiTokens

  async function onRevoke(node: { id: string; name: string }) {
    const message = `确认撤销令牌“${node.name}”？撤销后使用该令牌的系统将立即无法访问，且不能恢复。`
    if (!(await confirm({ title: '撤销 API 令牌', message, confirmLabel: '撤销', danger: true }))) return
    setBusy(true)
    const result = await revoke({ id: node.id })
    setBusy(false)
    setMessage(
      result.error
        ? { text: readableErrorText(result.error), error: true }
        : { text: resultMessage('revokeApiToken', { name: node.name }), error: false },
    )
    refetch({ requestPolicy: 'network-only' })
  }

  return (
    <section className="panel" aria-labelledby="api-token-list-title">
      <div className="panel-head">
        <h2 id="api-token-list-title">本单位的令牌</h2>
        <span className="panel-meta">最近使用时间每分钟最多更新一次</span>
      </div>
      <ErrorNotice error={error} />
      <ResultNotice result={message} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="api-tokens-empty">还没有创建令牌</EmptyState>
      ) : (
        <TableScroll labelledBy="api-token-list-title">
          <table className="table" data-testid="api-tokens">
            <thead>
              <tr>
                <th scope="col">名称</th>
                <th scope="col">前缀</th>
                <th scope="col">权限（角色）</th>
                <th scope="col">创建人</th>
                <th scope="col">创建时间</th>
                <th scope="col">过期时间</th>
                <th scope="col">最近使用</th>
                <th scope="col">状态</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => {
                const state = tokenState(node)
                return (
                  <tr key={node.id} data-testid={`api-token-${node.id}`} data-state={state}>
                    <td className="table-wrap-cell">{node.name}</td>
                    <td className="mono">{node.prefix}…</td>
                    <td>
                      {ACCESS_LABELS[node.access]}
                      {node.access === 'READ_WRITE' && (
                        <span className="muted token-roles-cell" data-testid="api-token-roles">
                          {node.roles.map((role) => OFFICE_ROLE_LABELS[role]).join('、') || '无角色'}
                        </span>
                      )}
                    </td>
                    <td>{node.createdBy.displayName}</td>
                    <td>{formatDateTime(node.createdAt)}</td>
                    <td>{node.expiresAt ? formatDateTime(node.expiresAt) : '不过期'}</td>
                    <td data-testid="api-token-last-used">
                      {node.lastUsedAt ? formatDateTime(node.lastUsedAt) : '从未使用'}
                    </td>
                    <td>
                      <StatusTag tone={state === 'ACTIVE' ? 'ok' : 'neutral'} testId="api-token-state">
                        {TOKEN_STATE_LABELS[state]}
                      </StatusTag>
                      {node.revokedAt && <p className="muted">撤销于 {formatDateTime(node.revokedAt)}</p>}
                    </td>
                    <td className="table-actions">
                      {state === 'ACTIVE' && (node.createdBy.id === viewerId || officeRoles.includes('ADMIN')) && (
                        <button
                          type="button"
                          className="button button-light"
                          disabled={busy}
                          onClick={() => onRevoke(node)}
                        >
                          撤销
                        </button>
                      )}
                    </td>
                  </tr>
                )
              })}
            </tbody>
          </table>
        </TableScroll>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
