'use client'
// 用户发票管理: invoices issued to the units the viewer may see (a unit: its own), corrections included, with exports.
import { useState } from 'react'
import { useQuery } from 'urql'
import { PAGE_SIZE, Pager, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatYuan } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { ExportLinks, ReportFilters } from './ReportFilters'
import { EMPTY_FILTER, exportHref, INVOICE_KIND_LABELS, invoiceFilterOf, type ReportFilterForm } from './filters'

export const UnitInvoicesDocument = graphql(`
  query UnitInvoicesReport($first: Int, $after: String, $filter: UnitInvoiceFilter) {
    unitInvoices(first: $first, after: $after, filter: $filter) {
      totalCount
      totalSheets
      totalAmountFen
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          kind
          count
          amountFen
          issuedAt
          note
          unit {
            id
            name
          }
          office {
            id
            name
          }
          parent {
            id
          }
          feeCollection {
            id
          }
        }
      }
    }
  }
`)

export function UnitInvoicesReport({ unitView = false }: { unitView?: boolean }) {
  const [form, setForm] = useState<ReportFilterForm>({ ...EMPTY_FILTER, kinds: [] })
  const pages = useCursorPages()
  const filter = invoiceFilterOf(form)
  const [{ data, fetching, error }] = useQuery({
    query: UnitInvoicesDocument,
    variables: { first: PAGE_SIZE, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  })
  const connection = data?.unitInvoices
  // The page's own title on 用户发票管理; below the unit's 缴费记录 on its 缴费和发票 page.
  const Title = unitView ? 'h2' : 'h1'
  return (
    <section className="panel report-panel" aria-labelledby="unit-invoices-title">
      <div className="panel-head">
        <Title id="unit-invoices-title">{unitView ? '发票记录' : '用户发票管理'}</Title>
        <ExportLinks
          hrefs={{ csv: exportHref('unit-invoices.csv', filter), xlsx: exportHref('unit-invoices.xlsx', filter) }}
        />
      </div>
      <ReportFilters
        idPrefix="invoices"
        withKinds
        withUnitFilters={!unitView}
        initial={form}
        onApply={(next) => {
          setForm(next)
          pages.reset()
        }}
      />
      <ErrorNotice error={error} fallback="发票记录暂时无法查询，请稍后再试" />
      {connection && (
        <p className="report-totals" data-testid="unit-invoices-totals">
          共 <strong>{connection.totalCount}</strong> 条记录，<strong>{connection.totalSheets}</strong> 张，合计{' '}
          <strong>{formatYuan(connection.totalAmountFen)}</strong> 元（含红字冲销和作废，已相互抵扣）
        </p>
      )}
      {fetching && !data ? (
        <Loading />
      ) : !connection ? null /* the error above says why there is no list */ : connection.edges.length === 0 ? (
        <EmptyState>没有符合条件的发票记录</EmptyState>
      ) : (
        <TableScroll labelledBy="unit-invoices-title">
          <table className="table" data-testid="unit-invoices">
            <thead>
              <tr>
                <th scope="col">记录编号</th>
                <th scope="col">开具时间</th>
                {!unitView && <th scope="col">单位</th>}
                <th scope="col">开具编办</th>
                <th scope="col">类型</th>
                <th scope="col" className="num">
                  张数
                </th>
                <th scope="col" className="num">
                  金额（元）
                </th>
                <th scope="col">原记录</th>
                <th scope="col">收费编号</th>
                <th scope="col">备注</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>#{node.id}</td>
                  <td className="report-when">{formatDateTime(node.issuedAt)}</td>
                  {!unitView && <td className="report-text">{node.unit.name}</td>}
                  <td className="report-text">{node.office.name}</td>
                  <td>{INVOICE_KIND_LABELS[node.kind]}</td>
                  <td className="num">{node.count}</td>
                  <td className="num">{formatYuan(node.amountFen)}</td>
                  <td>{node.parent ? `#${node.parent.id}` : '—'}</td>
                  <td>{node.feeCollection ? `#${node.feeCollection.id}` : '—'}</td>
                  <td className="report-text">{node.note ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <Pager
        page={pages.page}
        hasNextPage={connection?.pageInfo.hasNextPage ?? false}
        onPrevious={pages.previous}
        onNext={() => pages.next(connection?.pageInfo.endCursor)}
      />
    </section>
  )
}
