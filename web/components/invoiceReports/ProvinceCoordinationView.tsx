'use client'
// 两代一统: every office of a province (the province, its cities and counties) with collections, remittances,
// balances, invoices and reward funds for a period, and the province totals. CONAC picks the province.
import { useState } from 'react'
import { useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatYuan } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { chinaMidnight, chinaNextMidnight } from './filters'

export const ProvinceCoordinationDocument = graphql(`
  query ProvinceCoordinationView($regionCode: String, $from: DateTime, $to: DateTime) {
    provinceCoordination(regionCode: $regionCode, from: $from, to: $to) {
      province { code name }
      rows {
        office { id name level }
        collectionCount collectedFen remittedFen confirmedFen officeCollectedFen officeInTransitFen officePrepaidFen
        invoiceStock invoiceSheets invoicedFen rewardFen
      }
      totals {
        collectionCount collectedFen remittedFen confirmedFen officeCollectedFen officeInTransitFen officePrepaidFen
        invoiceStock invoiceSheets invoicedFen rewardFen
      }
    }
  }
`)

export const ProvincesDocument = graphql(`
  query CoordinationProvinces { regions(first: 100) { edges { node { code name } } } }
`)

const LEVEL_LABELS = { CENTRAL: '中央', PROVINCE: '省级', CITY: '市级', COUNTY: '县级' } as const

type Figures = {
  collectionCount: number
  collectedFen: unknown
  remittedFen: unknown
  confirmedFen: unknown
  officeCollectedFen: unknown
  officeInTransitFen: unknown
  officePrepaidFen: unknown
  invoiceStock: number
  invoiceSheets: number
  invoicedFen: unknown
  rewardFen: unknown
}

function FigureCells({ row }: { row: Figures }) {
  return (
    <>
      <td className="num">{row.collectionCount}</td>
      <td className="num">{formatYuan(row.collectedFen)}</td>
      <td className="num">{formatYuan(row.remittedFen)}</td>
      <td className="num">{formatYuan(row.confirmedFen)}</td>
      <td className="num">{formatYuan(row.officeCollectedFen)}</td>
      <td className="num">{formatYuan(row.officeInTransitFen)}</td>
      <td className="num">{formatYuan(row.officePrepaidFen)}</td>
      <td className="num">{row.invoiceStock}</td>
      <td className="num">{row.invoiceSheets}</td>
      <td className="num">{formatYuan(row.invoicedFen)}</td>
      <td className="num">{formatYuan(row.rewardFen)}</td>
    </>
  )
}

export function ProvinceCoordinationView({ pickProvince = false }: { pickProvince?: boolean }) {
  const [draft, setDraft] = useState({ regionCode: '', fromDate: '', toDate: '' })
  const [applied, setApplied] = useState(draft)
  const [provinces] = useQuery({ query: ProvincesDocument, pause: !pickProvince })
  const needsProvince = pickProvince && !applied.regionCode
  const [{ data, fetching, error }] = useQuery({
    query: ProvinceCoordinationDocument,
    variables: {
      regionCode: pickProvince ? applied.regionCode || null : null,
      from: applied.fromDate ? chinaMidnight(applied.fromDate) : null,
      to: applied.toDate ? chinaNextMidnight(applied.toDate) : null,
    },
    pause: needsProvince,
    requestPolicy: 'cache-and-network',
  })
  const view = data?.provinceCoordination
  const invalidRange = draft.fromDate && draft.toDate && draft.fromDate > draft.toDate
  return (
    <section className="panel" aria-labelledby="coordination-title">
      <div className="panel-head">
        <h1 id="coordination-title">两代一统{view ? ` · ${view.province.name}` : ''}</h1>
      </div>
      <p className="muted">“两代”：各级编办代办收费、代开发票；“一统”：省编办统筹本省的注册、收费、发票和奖励经费。期间内的收费、汇款、认款、发票和奖励经费按所选日期统计；帐户余额和发票余额为当前值。</p>
      <form
        className="filters"
        onSubmit={(event) => {
          event.preventDefault()
          if (!invalidRange) setApplied(draft)
        }}
      >
        {pickProvince && (
          <div className="field">
            <label htmlFor="coordination-province">省份</label>
            <select id="coordination-province" value={draft.regionCode} onChange={(e) => setDraft({ ...draft, regionCode: e.target.value })} required>
              <option value="">请选择省份</option>
              {provinces.data?.regions.edges.map(({ node }) => (
                <option key={node.code} value={node.code}>{node.name}</option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="coordination-from">开始日期</label>
          <input id="coordination-from" type="date" value={draft.fromDate} onChange={(e) => setDraft({ ...draft, fromDate: e.target.value })} />
        </div>
        <div className="field">
          <label htmlFor="coordination-to">结束日期</label>
          <input id="coordination-to" type="date" value={draft.toDate} onChange={(e) => setDraft({ ...draft, toDate: e.target.value })} />
        </div>
        {invalidRange && <ErrorNotice message="结束日期不能早于开始日期" />}
        <div className="filters-actions"><button type="submit" className="button button-primary">查询</button></div>
      </form>
      <ErrorNotice error={error} />
      {needsProvince ? (
        <EmptyState>请选择省份后查询</EmptyState>
      ) : fetching && !data ? (
        <Loading />
      ) : !view || view.rows.length === 0 ? (
        !error && <EmptyState>该省暂无编办数据</EmptyState>
      ) : (
        <TableScroll label="两代一统各编办汇总">
          <table className="table" data-testid="province-coordination">
            <caption className="muted">金额单位：元。奖励经费 = 期间内每笔收费金额 × 收费当日适用的奖励比例，每笔向下取整到分。</caption>
            <thead>
              <tr>
                <th scope="col">编办</th><th scope="col">级别</th><th scope="col" className="num">收费笔数</th><th scope="col" className="num">收费金额</th><th scope="col" className="num">已汇款</th><th scope="col" className="num">已认款</th>
                <th scope="col" className="num">代收款余额</th><th scope="col" className="num">在途</th><th scope="col" className="num">帐户余额</th><th scope="col" className="num">发票余额（张）</th><th scope="col" className="num">开票张数</th><th scope="col" className="num">开票金额</th><th scope="col" className="num">奖励经费</th>
              </tr>
            </thead>
            <tbody>
              {view.rows.map((row) => (
                <tr key={row.office.id}>
                  <th scope="row">{row.office.name}</th>
                  <td>{LEVEL_LABELS[row.office.level]}</td>
                  <FigureCells row={row} />
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr data-testid="province-coordination-totals">
                <th scope="row">合计</th>
                <td>{view.rows.length} 个编办</td>
                <FigureCells row={view.totals} />
              </tr>
            </tfoot>
          </table>
        </TableScroll>
      )}
    </section>
  )
}
