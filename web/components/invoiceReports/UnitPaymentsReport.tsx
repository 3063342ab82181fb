'use client'
// 用户缴费查询: the fee collections of the units the viewer may see (a unit: its own), with totals and exports.
import { useState } from 'react'
import { useQuery } from 'urql'
import { REMITTANCE_STATUS_LABELS } from '@/components/fees/format'
import { PAGE_SIZE, Pager, useCursorPages } from '@/components/ui/Pager'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatYuan } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { ExportLinks, ReportFilters } from './ReportFilters'
import { EMPTY_FILTER, exportHref, paymentFilterOf, type ReportFilterForm } from './filters'

export const UnitPaymentsDocument = graphql(`
  query UnitPaymentsReport($first: Int, $after: String, $filter: UnitPaymentFilter) {
    unitPayments(first: $first, after: $after, filter: $filter) {
      totalCount
      totalAmountFen
      totalInvoiceCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          id
          collectedAt
          amountFen
          invoiceCount
          itemsSummary
          remittanceStatus
          remittedAt
          remittanceConfirmedAt
          unit {
            id
            name
          }
          office {
            id
            name
          }
        }
      }
    }
  }
`)

export function UnitPaymentsReport({ unitView = false }: { unitView?: boolean }) {
  const [form, setForm] = useState<ReportFilterForm>(EMPTY_FILTER)
  const pages = useCursorPages()
  const filter = paymentFilterOf(form)
  const [{ data, fetching, error }] = useQuery({
    query: UnitPaymentsDocument,
    variables: { first: PAGE_SIZE, after: pages.after, filter },
    requestPolicy: 'cache-and-network',
  })
  const connection = data?.unitPayments
  return (
    <section className="panel report-panel" aria-labelledby="unit-payments-title">
      <div className="panel-head">
        <h1 id="unit-payments-title">{unitView ? '缴费记录' : '用户缴费查询'}</h1>
        <ExportLinks
          hrefs={{ csv: exportHref('unit-payments.csv', filter), xlsx: exportHref('unit-payments.xlsx', filter) }}
        />
      </div>
      <ReportFilters
        idPrefix="payments"
        withUnitFilters={!unitView}
        onApply={(next) => {
          setForm(next)
          pages.reset()
        }}
      />
      <ErrorNotice error={error} fallback="缴费记录暂时无法查询，请稍后再试" />
      {connection && (
        <p className="report-totals" data-testid="unit-payments-totals">
          共 <strong>{connection.totalCount}</strong> 笔，合计 <strong>{formatYuan(connection.totalAmountFen)}</strong>{' '}
          元，发票 <strong>{connection.totalInvoiceCount}</strong> 张
        </p>
      )}
      {fetching && !data ? (
        <Loading />
      ) : !connection ? null /* the error above says why there is no list */ : connection.edges.length === 0 ? (
        <EmptyState>没有符合条件的缴费记录</EmptyState>
      ) : (
        <TableScroll labelledBy="unit-payments-title">
          <table className="table" data-testid="unit-payments">
            <thead>
              <tr>
                <th scope="col">收费编号</th>
                <th scope="col">缴费时间</th>
                {!unitView && <th scope="col">单位</th>}
                <th scope="col">收费编办</th>
                <th scope="col">缴费项目</th>
                <th scope="col" className="num">
                  发票数量
                </th>
                <th scope="col" className="num">
                  金额（元）
                </th>
                <th scope="col">汇款状态</th>
              </tr>
            </thead>
            <tbody>
              {connection.edges.map(({ node }) => (
                <tr key={node.id}>
                  <td>#{node.id}</td>
                  <td className="report-when">{formatDateTime(node.collectedAt)}</td>
                  {!unitView && <td className="report-text">{node.unit.name}</td>}
                  <td className="report-text">{node.office.name}</td>
                  <td className="report-text">{node.itemsSummary || '—'}</td>
                  <td className="num">{node.invoiceCount}</td>
                  <td className="num">{formatYuan(node.amountFen)}</td>
                  <td className="report-when">
                    {node.remittanceStatus ? REMITTANCE_STATUS_LABELS[node.remittanceStatus] : '未汇款'}
                    {(node.remittanceConfirmedAt ?? node.remittedAt) && (
                      <span className="report-sub">
                        {formatDateTime(node.remittanceConfirmedAt ?? node.remittedAt)}
                      </span>
                    )}
                  </td>
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
