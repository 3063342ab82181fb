'use client'
// 提示信息: the office's invoice stock (发票余额), on every office invoice page and on the 收费 page, so the clerk sees
// it before entering 开具发票数量. It reloads whenever a mutation returns an invoice, a request or a fee collection
// (签收 adds sheets, 收费 and 开具 take them).
import { useMemo } from 'react'
import { useQuery } from 'urql'
import { graphql } from '@/graphql/generated'
import { LOW_STOCK } from './shared'

export const MyInvoiceStockDocument = graphql(`
  query MyInvoiceStock {
    myInvoiceStock
  }
`)

export function InvoiceStockNotice() {
  const context = useMemo(
    () => ({ additionalTypenames: ['Invoice', 'InvoiceRequest', 'FeeCollection', 'InvoiceStockMovement'] }),
    [],
  )
  const [{ data, error }] = useQuery({ query: MyInvoiceStockDocument, context })
  if (error && !data) {
    return (
      <p className="notice notice-warning invoice-stock" role="status" data-testid="invoice-stock">
        提示信息：暂时无法读取发票余额
      </p>
    )
  }
  if (!data) return null
  const stock = data.myInvoiceStock
  const low = stock < LOW_STOCK
  return (
    <p
      className={low ? 'notice notice-warning invoice-stock' : 'notice invoice-stock'}
      role="status"
      data-testid="invoice-stock"
    >
      提示信息：您单位现有发票余额 <strong data-testid="invoice-stock-count">{stock}</strong> 张
      {stock === 0 ? '，已无发票可开具，请先申请预开发票并签收。' : low ? '，余额较少，请及时申请预开发票。' : ''}
    </p>
  )
}
