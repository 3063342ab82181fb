// The provinces, each with its staffing office when it has one.
import { EmptyState } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { ProvinceList_ConnectionFragment } from '@/graphql/generated/graphql'

export const ProvinceList_Connection = graphql(`
  fragment ProvinceList_Connection on QueryRegionsConnection {
    edges {
      node {
        code
        name
        office {
          id
          name
        }
      }
    }
  }
`)

export function ProvinceList({ regions }: { regions: ProvinceList_ConnectionFragment }) {
  return (
    <section className="panel" aria-labelledby="province-list-title">
      <div className="panel-head">
        <h2 id="province-list-title">省级行政区</h2>
        <span className="panel-meta">
          共 <strong data-testid="province-count">{regions.edges.length}</strong> 个
        </span>
      </div>
      {regions.edges.length === 0 ? (
        <EmptyState>暂无行政区划数据</EmptyState>
      ) : (
        <ul className="region-grid" data-testid="province-list">
          {regions.edges.map(({ node }) => (
            <li key={node.code}>
              <span className="region-name">{node.name}</span>
              <span className="region-office">{node.office?.name ?? '未设编办'}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
