'use client'
// 缴费 (unit): where and how to pay (the same-level office's 缴费方式), what is due, and what was paid and waits
// for the daily charge (待缴费).
import { useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatDateTime, formatYuan } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { COLLECTION_MODE_LABELS, FEE_ITEM_KIND_LABELS } from './format'

export const UnitFeesDocument = graphql(`
  query UnitFees {
    paymentSettings {
      mode
      bankName
      accountName
      accountNumber
      details
      office {
        name
        phone
        address
      }
    }
    unitsAwaitingPayment {
      amountDueFen
      items {
        kind
        years
        feeFen
        domain {
          id
          fullName
        }
      }
    }
    feeCollections(first: 20) {
      edges {
        node {
          id
          amountFen
          invoiceCount
          collectedAt
          office {
            name
          }
          items {
            kind
            years
            amountFen
            chargedAt
            domain {
              fullName
            }
          }
        }
      }
    }
  }
`)

export function UnitFees() {
  const [{ data, fetching, error }] = useQuery({ query: UnitFeesDocument })
  if (error) return <ErrorNotice error={error} />
  if (fetching && !data) return <Loading />
  const settings = data?.paymentSettings
  const due = data?.unitsAwaitingPayment[0]
  const collections = data?.feeCollections.edges.map((e) => e.node) ?? []
  return (
    <>
      <section className="panel" aria-labelledby="pay-where-title">
        <div className="panel-head panel-head-wrap">
          <h1 id="pay-where-title">缴费方式</h1>
        </div>
        {!settings ? (
          <EmptyState>同级编办尚未设置缴费方式，请联系编办。</EmptyState>
        ) : (
          <dl className="fees-details" data-testid="unit-payment-settings">
            <dt>收费编办</dt>
            <dd>
              {settings.office.name}
              {settings.office.phone ? `（电话 ${settings.office.phone}）` : ''}
            </dd>
            <dt>缴费方式</dt>
            <dd>{COLLECTION_MODE_LABELS[settings.mode]}</dd>
            {settings.bankName && (
              <>
                <dt>开户行</dt>
                <dd>{settings.bankName}</dd>
              </>
            )}
            {settings.accountName && (
              <>
                <dt>户名</dt>
                <dd>{settings.accountName}</dd>
              </>
            )}
            {settings.accountNumber && (
              <>
                <dt>账号</dt>
                <dd>{settings.accountNumber}</dd>
              </>
            )}
            {settings.details && (
              <>
                <dt>说明</dt>
                <dd>{settings.details}</dd>
              </>
            )}
          </dl>
        )}
      </section>
      <section className="panel" aria-labelledby="pay-due-title">
        <div className="panel-head panel-head-wrap">
          <h2 id="pay-due-title">应缴费用</h2>
          {due && (
            <span className="panel-meta">
              合计 <strong>{formatYuan(due.amountDueFen)}</strong> 元
            </span>
          )}
        </div>
        {!due ? (
          <EmptyState>暂无需要缴费的域名</EmptyState>
        ) : (
          <TableScroll labelledBy="pay-due-title">
            <table className="table" data-testid="unit-fees-due">
              <thead>
                <tr>
                  <th scope="col">域名</th>
                  <th scope="col">类型</th>
                  <th scope="col">年限</th>
                  <th scope="col" className="num">
                    金额（元）
                  </th>
                </tr>
              </thead>
              <tbody>
                {due.items.map((item) => (
                  <tr key={`${item.kind}-${item.domain.id}`}>
                    <td>{item.domain.fullName}</td>
                    <td>{FEE_ITEM_KIND_LABELS[item.kind]}</td>
                    <td>{item.years}</td>
                    <td className="num">{formatYuan(item.feeFen)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      <section className="panel" aria-labelledby="pay-done-title">
        <div className="panel-head panel-head-wrap">
          <h2 id="pay-done-title">缴费记录</h2>
        </div>
        {collections.length === 0 ? (
          <EmptyState>暂无缴费记录</EmptyState>
        ) : (
          <TableScroll labelledBy="pay-done-title">
            <table className="table" data-testid="unit-fee-collections">
              <thead>
                <tr>
                  <th scope="col">收费时间</th>
                  <th scope="col">编办</th>
                  <th scope="col">项目</th>
                  <th scope="col" className="num">
                    金额（元）
                  </th>
                  <th scope="col">状态</th>
                </tr>
              </thead>
              <tbody>
                {collections.map((c) => (
                  <tr key={c.id}>
                    <td>{formatDateTime(c.collectedAt)}</td>
                    <td>{c.office.name}</td>
                    <td>
                      {c.items
                        .map((i) => `${i.domain.fullName}（${FEE_ITEM_KIND_LABELS[i.kind]}${i.years}年）`)
                        .join('、')}
                    </td>
                    <td className="num">{formatYuan(c.amountFen)}</td>
                    <td>{c.items.every((i) => i.chargedAt) ? '已扣费' : '待缴费（待扣费）'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
    </>
  )
}
