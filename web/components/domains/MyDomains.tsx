'use client'
// 我的域名: the unit's domains with their status (and, around and after expiry, what happens next and when), the
// reason of a rejection with 修改并重新提交, 撤销 before CONAC approval, 申请注销 of a registered domain (its page shows
// what depends on it first) and 撤回 of a 注销 waiting for the office, and the 申请域名 form.
import Link from 'next/link'
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { ALabelLine, VariantsLine } from '@/components/domainNames/DomainNameForms'
import { DOMAIN_STATUS_LABELS, DOMAIN_STATUS_TONES } from '@/components/labels'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { StatusTag } from '@/components/ui/StatusTag'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDate } from '@/components/ui/format'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import type { DomainStatus } from '@/graphql/generated/graphql'
import { TransferForm } from '@/components/domainTransfers/TransferForm'
import { UnitDomainTransfers } from '@/components/domainTransfers/UnitDomainTransfers'
import { ApplyDomainForm } from './ApplyDomainForm'
import { lifecycleNote } from './lifecycleNote'
import { ResubmitForm } from './ResubmitForm'

export const MyDomainsQuery = graphql(`
  query MyDomains($first: Int, $after: String) {
    me {
      id
      unitRole
      unit {
        id
        name
        type
      }
    }
    domains(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          name
          suffix
          fullName
          aLabelName
          names {
            id
            kind
            fullName
          }
          status
          years
          version
          submittedAt
          expiresAt
          nextLifecycleStep {
            status
            at
          }
          latestRejection {
            id
            level
            reason
            decidedAt
          }
          pendingCancellation {
            id
            version
          }
          pendingTransfer {
            id
            toUnitName
          }
        }
      }
    }
  }
`)

export const WithdrawDomainMutation = graphql(`
  mutation WithdrawDomainApplication($id: ID!, $version: Int!) {
    withdrawDomainApplication(id: $id, version: $version) {
      id
      status
      version
    }
  }
`)

export const WithdrawDomainCancellationMutation = graphql(`
  mutation WithdrawDomainCancellation($input: WithdrawDomainCancellationInput!) {
    withdrawDomainCancellation(input: $input) {
      id
      status
      domain {
        id
        pendingCancellation {
          id
        }
      }
    }
  }
`)

const REJECTED: DomainStatus[] = ['OFFICE_REJECTED', 'CONAC_REJECTED']
/** States a 注销 may be asked from (the API says the same). */
const CANCELLABLE: DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE', 'REDEMPTION']
const WITHDRAWABLE: DomainStatus[] = ['PENDING_OFFICE_REVIEW', 'OFFICE_APPROVED', 'OFFICE_REJECTED', 'CONAC_REJECTED']
/** 过户: while it resolves (the API's TRANSFERABLE_STATUSES), by the unit's primary account. */
const TRANSFERABLE: DomainStatus[] = ['REGISTERED', 'EXPIRED', 'GRACE']

export function MyDomains() {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: MyDomainsQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
  })
  const [editing, setEditing] = useState<string | null>(null)
  const [transferring, setTransferring] = useState<string | null>(null)
  const [transfersKey, setTransfersKey] = useState(0)
  const [message, setMessage] = useState<string | null>(null)
  const [, withdraw] = useMutation(WithdrawDomainMutation)
  const [, withdrawCancellation] = useMutation(WithdrawDomainCancellationMutation)
  const confirm = useConfirm()
  const reload = () => refetch({ requestPolicy: 'network-only' })
  const unit = data?.me?.unit
  const primary = data?.me?.unitRole === 'PRIMARY'
  const connection = data?.domains
  const [now] = useState(() => Date.now())

  async function onWithdraw(id: string, version: number, fullName: string) {
    if (
      !(await confirm({
        title: '撤销域名申请',
        message: `确定撤销域名申请 ${fullName} 吗？撤销后不能恢复。`,
        confirmLabel: '撤销',
        danger: true,
      }))
    )
      return
    const result = await withdraw({ id, version })
    setMessage(
      result.error ? readableErrorText(result.error) : resultMessage('withdrawDomainApplication', { fullName }),
    )
    reload()
  }

  async function onWithdrawCancellation(id: string, version: number, fullName: string) {
    if (
      !(await confirm({
        title: '撤回注销申请',
        message: `确定撤回域名 ${fullName} 的注销申请吗？撤回后域名保持原状态。`,
        confirmLabel: '撤回',
      }))
    )
      return
    const result = await withdrawCancellation({ input: { id, version } })
    setMessage(
      result.error ? readableErrorText(result.error) : resultMessage('withdrawDomainCancellation', { fullName }),
    )
    reload()
  }

  return (
    <>
      <section className="panel" aria-labelledby="my-domains-title">
        <div className="panel-head">
          <h1 id="my-domains-title">我的域名</h1>
          {connection && <span className="panel-meta">共 {connection.totalCount} 个</span>}
        </div>
        {message && (
          <p className="notice" role="status">
            {message}
          </p>
        )}
        <ErrorNotice error={error} />
        {!connection ? (
          fetching ? (
            <Loading />
          ) : null
        ) : connection.edges.length === 0 ? (
          <EmptyState testId="my-domains-empty">暂无域名，请在下方申请。</EmptyState>
        ) : (
          <TableScroll labelledBy="my-domains-title">
            <table className="table" data-testid="my-domains">
              <thead>
                <tr>
                  <th scope="col">域名</th>
                  <th scope="col">年限</th>
                  <th scope="col">状态</th>
                  <th scope="col">提交时间</th>
                  <th scope="col">到期时间</th>
                  <th scope="col" className="table-actions">
                    操作
                  </th>
                </tr>
              </thead>
              <tbody>
                {connection.edges.map(({ node }) => {
                  const rejection = REJECTED.includes(node.status) ? node.latestRejection[0] : undefined
                  const lifecycle = lifecycleNote(node.status, node.expiresAt, node.nextLifecycleStep, now)
                  return (
                    <tr key={node.id}>
                      <td>
                        <strong>{node.fullName}</strong>
                        <ALabelLine aLabelName={node.aLabelName} />
                        <VariantsLine names={node.names} />
                        {rejection && (
                          <p className="domain-reason" data-testid="rejection-reason">
                            不通过原因：{rejection.reason}
                          </p>
                        )}
                        {node.pendingTransfer && (
                          <p className="muted" data-testid="domain-transfer-pending">
                            过户审批中：拟过户给 {node.pendingTransfer.toUnitName}
                          </p>
                        )}
                        {transferring === node.id && (
                          <TransferForm
                            domain={node}
                            onCancel={() => setTransferring(null)}
                            onDone={(filed) => {
                              setTransferring(null)
                              setMessage(
                                resultMessage('requestDomainTransfer', { domainName: node.fullName, ...filed }),
                              )
                              setTransfersKey((key) => key + 1)
                              reload()
                            }}
                          />
                        )}
                        {editing === node.id && (
                          <ResubmitForm
                            domain={node}
                            onDone={(resubmitted) => {
                              setEditing(null)
                              setMessage(
                                resultMessage('resubmitDomainApplication', {
                                  fullName: resubmitted.fullName,
                                  previousFullName: node.fullName,
                                }),
                              )
                              reload()
                            }}
                          />
                        )}
                      </td>
                      <td>{node.years} 年</td>
                      <td>
                        <StatusTag tone={DOMAIN_STATUS_TONES[node.status]} testId="domain-status">
                          {DOMAIN_STATUS_LABELS[node.status]}
                        </StatusTag>
                        {lifecycle && (
                          <p
                            className={`domain-lifecycle domain-lifecycle-${lifecycle.tone}`}
                            data-testid="domain-lifecycle"
                          >
                            {lifecycle.text}
                          </p>
                        )}
                        {node.pendingCancellation && (
                          <p
                            className="domain-lifecycle domain-lifecycle-warn"
                            data-testid="domain-cancellation-pending"
                          >
                            注销申请审核中
                          </p>
                        )}
                      </td>
                      <td>{formatDate(node.submittedAt)}</td>
                      <td data-testid="domain-expires">{formatDate(node.expiresAt)}</td>
                      <td className="domain-row-actions table-actions">
                        {REJECTED.includes(node.status) && editing !== node.id && (
                          <button type="button" className="button button-light" onClick={() => setEditing(node.id)}>
                            修改并重新提交
                          </button>
                        )}
                        {primary &&
                          TRANSFERABLE.includes(node.status) &&
                          !node.pendingTransfer &&
                          transferring !== node.id && (
                            <button
                              type="button"
                              className="button button-light"
                              onClick={() => setTransferring(node.id)}
                            >
                              过户
                            </button>
                          )}
                        {WITHDRAWABLE.includes(node.status) && (
                          <button
                            type="button"
                            className="button button-light"
                            onClick={() => onWithdraw(node.id, node.version, node.fullName)}
                          >
                            撤销
                          </button>
                        )}
                        {CANCELLABLE.includes(node.status) && !node.pendingCancellation && (
                          <Link className="button button-light" href={`/unit/domains/${node.id}/cancel`}>
                            申请注销
                          </Link>
                        )}
                        {node.pendingCancellation && (
                          <button
                            type="button"
                            className="button button-light"
                            onClick={() =>
                              onWithdrawCancellation(
                                node.pendingCancellation!.id,
                                node.pendingCancellation!.version,
                                node.fullName,
                              )
                            }
                          >
                            撤回注销
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
      <UnitDomainTransfers key={transfersKey} onChanged={reload} />
      {unit && (
        <section className="panel" aria-labelledby="apply-domain-title">
          <div className="panel-head">
            <h2 id="apply-domain-title">申请域名</h2>
            <span className="panel-meta">{unit.name}</span>
          </div>
          <ApplyDomainForm unitType={unit.type} onApplied={reload} />
        </section>
      )}
    </>
  )
}
