// 域名解析 entry page: the unit's registered domains, each linking to its records.
import Link from 'next/link'
import { ALabelLine } from '@/components/domainNames/DomainNameForms'
import { TableScroll } from '@/components/ui/TableScroll'
import { EmptyState } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { DnsDomainListQuery as DnsDomainListData } from '@/graphql/generated/graphql'

export const DnsDomainListQuery = graphql(`
  query DnsDomainList {
    domains(first: 100, filter: { statuses: [REGISTERED] }) {
      totalCount
      edges {
        node {
          id
          fullName
          aLabelName
          registeredAt
          expiresAt
        }
      }
    }
  }
`)

const dateText = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : '—')

export function DnsDomainList({ data, basePath }: { data: DnsDomainListData; basePath: string }) {
  const edges = data.domains.edges
  return (
    <section className="panel" aria-labelledby="dns-domains-title">
      <div className="panel-head">
        <h1 id="dns-domains-title">域名解析</h1>
        <span className="panel-meta">
          共 <strong data-testid="dns-domain-count">{data.domains.totalCount}</strong> 个注册成功的域名
        </span>
      </div>
      {edges.length === 0 ? (
        <EmptyState testId="dns-domains-empty">暂无注册成功的域名，域名注册成功后才能设置解析。</EmptyState>
      ) : (
        <TableScroll labelledBy="dns-domains-title">
          <table className="table" data-testid="dns-domain-list">
            <thead>
              <tr>
                <th scope="col">域名</th>
                <th scope="col">注册时间</th>
                <th scope="col">到期时间</th>
                <th scope="col" className="table-actions">
                  操作
                </th>
              </tr>
            </thead>
            <tbody>
              {edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>
                    {node.fullName}
                    <ALabelLine aLabelName={node.aLabelName} />
                  </td>
                  <td>{dateText(node.registeredAt)}</td>
                  <td>{dateText(node.expiresAt)}</td>
                  <td className="table-actions">
                    <Link href={`${basePath}/${node.id}`} className="dns-link">
                      域名解析
                    </Link>
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
