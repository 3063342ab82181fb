'use client'
// 待缴费域名: domains whose fee the office collected, waiting to be charged against the office's 帐户余额 (at 认款,
// or by the daily charge).
import { useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'

export const FeeCollectedDomainsQuery = graphql(`
  query FeeCollectedDomains {
    domains(first: 100, filter: { statuses: [FEE_COLLECTED] }) {
      totalCount
      edges {
        node {
          id
          fullName
          years
          submittedAt
          unit {
            id
            name
          }
        }
      }
    }
  }
`)

export function FeeCollectedDomains() {
  const [{ data, fetching, error }] = useQuery({ query: FeeCollectedDomainsQuery })
  const rows = data?.domains.edges.map((e) => e.node) ?? []
  return (
    <section className="panel" aria-labelledby="fee-collected-title">
      <div className="panel-head panel-head-wrap">
        <h2 id="fee-collected-title">待缴费域名</h2>
        <span className="panel-meta">
          已收费、待扣费 <strong>{data?.domains.totalCount ?? 0}</strong> 个；汇款经 CONAC
          认款后即扣费，当日完成注册或续费
        </span>
      </div>
      <ErrorNotice error={error} />
      {fetching && !data ? (
        <Loading />
      ) : rows.length === 0 ? (
        <EmptyState>暂无待缴费域名</EmptyState>
      ) : (
        <TableScroll labelledBy="fee-collected-title">
          <table className="table" data-testid="fee-collected-domains">
            <thead>
              <tr>
                <th scope="col">域名</th>
                <th scope="col">单位</th>
                <th scope="col">注册年限</th>
                <th scope="col">申请时间</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((node) => (
                <tr key={node.id}>
                  <td>{node.fullName}</td>
                  <td>{node.unit.name}</td>
                  <td>{node.years}</td>
                  <td>{formatDateTime(node.submittedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
