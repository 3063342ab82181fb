// The newest units in the viewer's scope, with how many there are in all.
import { UNIT_STATUS_LABELS, UNIT_TYPE_LABELS } from '@/components/labels'
import { StatusTag } from '@/components/ui/StatusTag'
import { TableScroll } from '@/components/ui/TableScroll'
import { EmptyState } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { UnitList_ConnectionFragment } from '@/graphql/generated/graphql'

export const UnitList_Connection = graphql(`
  fragment UnitList_Connection on QueryUnitsConnection {
    totalCount
    edges {
      node {
        id
        name
        type
        creditCode
        status
        region {
          code
          fullName
        }
      }
    }
  }
`)

export function UnitList({ units, title }: { units: UnitList_ConnectionFragment; title: string }) {
  const shown = units.edges.length
  return (
    <section className="panel" aria-labelledby="unit-list-title">
      <div className="panel-head">
        <h2 id="unit-list-title">{title}</h2>
        <span className="panel-meta">
          共 <strong data-testid="unit-count">{units.totalCount}</strong> 家单位
          {units.totalCount > shown && shown > 0 ? `，显示最新 ${shown} 家` : ''}
        </span>
      </div>
      {shown === 0 ? (
        <EmptyState testId="units-empty">暂无单位</EmptyState>
      ) : (
        <TableScroll labelledBy="unit-list-title">
          <table className="table" data-testid="unit-list">
            <thead>
              <tr>
                <th scope="col">单位名称</th>
                <th scope="col">单位类型</th>
                <th scope="col">统一社会信用代码</th>
                <th scope="col">所在地区</th>
                <th scope="col">状态</th>
              </tr>
            </thead>
            <tbody>
              {units.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>{node.name}</td>
                  <td>{UNIT_TYPE_LABELS[node.type]}</td>
                  <td className="mono">{node.creditCode}</td>
                  <td>{node.region.fullName}</td>
                  <td>
                    <StatusTag tone={node.status === 'ACTIVE' ? 'ok' : 'neutral'}>
                      {UNIT_STATUS_LABELS[node.status]}
                    </StatusTag>
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
