'use client'
// 域名过户 on 我的域名: the unit's transfers both ways, newest first. What it gives away shows the approval progress
// and 撤回 while it waits; what it receives is read-only (the domain appears among its domains once approved).
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useConfirm } from '@/components/ui/ConfirmDialog'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice, type ActionResult } from '@/components/ui/states'
import { readableErrorText } from '@/graphql/errors'
import { graphql } from '@/graphql/generated'
import styles from './DomainTransfers.module.css'
import { TransferCard } from './TransferCard'

export const UnitDomainTransfersQuery = graphql(`
  query UnitDomainTransfers($first: Int, $after: String) {
    domainTransfers(first: $first, after: $after) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...TransferCardFields
        }
      }
    }
  }
`)

export const WithdrawDomainTransferMutation = graphql(`
  mutation WithdrawDomainTransfer($input: WithdrawDomainTransferInput!) {
    withdrawDomainTransfer(input: $input) {
      id
      status
      version
    }
  }
`)

export function UnitDomainTransfers({ onChanged }: { onChanged: () => void }) {
  const pages = useCursorPages()
  const [{ data, fetching, error }, refetch] = useQuery({
    query: UnitDomainTransfersQuery,
    variables: { first: PAGE_SIZE, after: pages.after },
    requestPolicy: 'cache-and-network',
  })
  const [, withdraw] = useMutation(WithdrawDomainTransferMutation)
  const [message, setMessage] = useState<ActionResult | null>(null)
  const confirm = useConfirm()
  const connection = data?.domainTransfers

  async function onWithdraw(id: string, version: number, domainName: string) {
    if (
      !(await confirm({
        title: '撤回过户申请',
        message: `确定撤回域名 ${domainName} 的过户申请吗？已给出的审批意见随之作废。`,
        confirmLabel: '撤回',
        danger: true,
      }))
    )
      return
    const result = await withdraw({ input: { id, version } })
    setMessage(
      result.error
        ? { text: readableErrorText(result.error), error: true }
        : { text: resultMessage('withdrawDomainTransfer', { domainName }), error: false },
    )
    refetch({ requestPolicy: 'network-only' })
    onChanged()
  }

  return (
    <section className="panel" aria-labelledby="domain-transfers-title">
      <div className="panel-head">
        <h2 id="domain-transfers-title">域名过户</h2>
        {connection && <span className="panel-meta">共 {connection.totalCount} 个</span>}
      </div>
      <ResultNotice result={message} testId="domain-transfer-result" />
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="domain-transfers-empty">
          暂无过户申请。可在上方域名的“过户”中申请将域名过户给其他单位。
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-labelledby="domain-transfers-title" data-testid="domain-transfers">
          {connection.edges.map(({ node }) => (
            <TransferCard key={node.id} request={node}>
              {!node.outgoing && node.status === 'PENDING' && (
                <p className={`muted ${styles.note}`}>该域名申请过户给本单位，审批通过后将出现在“我的域名”中。</p>
              )}
              {node.outgoing && node.status === 'PENDING' && (
                <div className={styles.actions}>
                  <button
                    type="button"
                    className="button button-light"
                    onClick={() => onWithdraw(node.id, node.version, node.domainName)}
                  >
                    撤回
                  </button>
                </div>
              )}
            </TransferCard>
          ))}
        </ul>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
