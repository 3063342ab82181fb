'use client'
// 域名过户审批 (office and CONAC): the transfers whose approval chain names this office, those still waiting for it
// first; each card shows the whole chain and who decided what. 同意 asks for confirmation; 不同意 needs a reason
// first. The last approval carries the transfer out at once, which the confirmation says.
import { useState } from 'react'
import { useMutation, useQuery } from 'urql'
import { useReviewDecisions } from '@/components/reviews/ReviewDecisions'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { resultMessage } from '@/components/ui/resultMessages'
import { EmptyState, ErrorNotice, Loading, ResultNotice } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import styles from './DomainTransfers.module.css'
import { TransferCard } from './TransferCard'

export const DomainTransferQueueQuery = graphql(`
  query DomainTransferQueue($first: Int, $after: String, $waitingForMe: Boolean) {
    domainTransferQueue(first: $first, after: $after, waitingForMe: $waitingForMe) {
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

export const DecideDomainTransferMutation = graphql(`
  mutation DecideDomainTransfer($input: DecideDomainTransferInput!) {
    decideDomainTransfer(input: $input) {
      id
      status
      version
    }
  }
`)

type Target = { id: string; version: number; domainName: string; toUnitName: string; last: boolean }

export function TransferQueue() {
  const pages = useCursorPages()
  const [waitingForMe, setWaitingForMe] = useState(true)
  const [{ data, fetching, error }, refetch] = useQuery({
    query: DomainTransferQueueQuery,
    variables: { first: PAGE_SIZE, after: pages.after, waitingForMe },
  })
  const [, decideTransfer] = useMutation(DecideDomainTransferMutation)
  const decisions = useReviewDecisions<Target>({
    ask: (target, approve, note) => ({
      title: approve ? '同意过户' : '不同意过户',
      message: approve
        ? `确定同意将域名 ${target.domainName} 过户给 ${target.toUnitName} 吗？` +
          (target.last ? '这是最后一个审批，同意后域名立即过户。' : '')
        : `确定不同意域名 ${target.domainName} 的过户申请吗？不同意后申请即终止。\n意见：${note}`,
    }),
    send: (target, approve, note) => decideTransfer({ input: { id: target.id, approve, note: note ?? null } }),
    done: (target, approve) =>
      resultMessage('decideDomainTransfer', { domainName: target.domainName, approved: approve, last: target.last }),
    reload: () => refetch({ requestPolicy: 'network-only' }),
  })
  const connection = data?.domainTransferQueue

  return (
    <section className="panel" aria-labelledby="domain-transfer-queue-title">
      <div className="panel-head">
        <h1 id="domain-transfer-queue-title">域名过户审批</h1>
        {connection && <span className="panel-meta">共 {connection.totalCount} 个</span>}
      </div>
      <div className={styles.item}>
        <label>
          <input
            type="checkbox"
            checked={waitingForMe}
            onChange={(event) => {
              setWaitingForMe(event.target.checked)
              pages.reset()
            }}
          />{' '}
          只看待本办审批的申请
        </label>
      </div>
      <ResultNotice result={decisions.message} testId="domain-transfer-queue-result" />
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="domain-transfer-queue-empty">
          {waitingForMe ? '暂无待本办审批的过户申请' : '暂无需本办审批的过户申请'}
        </EmptyState>
      ) : (
        <ul className={styles.list} aria-labelledby="domain-transfer-queue-title" data-testid="domain-transfer-queue">
          {connection.edges.map(({ node }) => {
            const waiting = node.approvals.filter((a) => a.decision === 'PENDING').length
            const target = {
              id: node.id,
              version: node.version,
              domainName: node.domainName,
              toUnitName: node.toUnitName,
              last: waiting === 1,
            }
            return (
              <TransferCard key={node.id} request={node}>
                {node.awaitingMyDecision && !decisions.isRejecting(target) && (
                  <div className={styles.actions}>{decisions.buttons(target)}</div>
                )}
                {decisions.rejectForm(target)}
              </TransferCard>
            )
          })}
        </ul>
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
