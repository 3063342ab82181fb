'use client'
// 两代一统: a province's offices for a period, by city (地市): one row per city with its subtotals, opened to the city's
// own office (市本级) and its counties; the province's own office above and the province's total below. CONAC picks
// the province first. The API groups and sums (provinceCoordination.cities) and leaves out the offices with nothing
// to report (hideEmpty), so a province of 175 offices, most of them quiet, reads as a handful of rows.
import { useState } from 'react'
import { useQuery } from 'urql'
import { TableScroll } from '@/components/ui/TableScroll'
import { formatYuan } from '@/components/ui/format'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import { chinaMidnight, chinaNextMidnight } from './filters'

graphql(`
  fragment ProvinceCoordination_OfficeFigures on OfficeCoordinationRow {
    office {
      id
      name
      region {
        code
        name
      }
    }
    collectionCount
    collectedFen
    remittedFen
    confirmedFen
    officeCollectedFen
    officeInTransitFen
    officePrepaidFen
    invoiceStock
    invoiceSheets
    invoicedFen
    rewardFen
  }
`)

graphql(`
  fragment ProvinceCoordination_SumFigures on CoordinationTotals {
    collectionCount
    collectedFen
    remittedFen
    confirmedFen
    officeCollectedFen
    officeInTransitFen
    officePrepaidFen
    invoiceStock
    invoiceSheets
    invoicedFen
    rewardFen
  }
`)

export const ProvinceCoordinationDocument = graphql(`
  query ProvinceCoordinationView($regionCode: String, $from: DateTime, $to: DateTime, $hideEmpty: Boolean) {
    provinceCoordination(regionCode: $regionCode, from: $from, to: $to, hideEmpty: $hideEmpty) {
      province {
        code
        name
      }
      officeCount
      hiddenOfficeCount
      provinceOffice {
        ...ProvinceCoordination_OfficeFigures
      }
      cities {
        region {
          code
          name
        }
        hiddenOfficeCount
        office {
          ...ProvinceCoordination_OfficeFigures
        }
        counties {
          ...ProvinceCoordination_OfficeFigures
        }
        subtotals {
          ...ProvinceCoordination_SumFigures
        }
      }
      totals {
        ...ProvinceCoordination_SumFigures
      }
    }
  }
`)

export const ProvincesDocument = graphql(`
  query CoordinationProvinces {
    regions(first: 100) {
      edges {
        node {
          code
          name
        }
      }
    }
  }
`)

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

const FIGURE_COLUMNS: { key: keyof Figures; label: string; money: boolean }[] = [
  { key: 'collectionCount', label: '收费笔数', money: false },
  { key: 'collectedFen', label: '收费金额', money: true },
  { key: 'remittedFen', label: '已汇款', money: true },
  { key: 'confirmedFen', label: '已认款', money: true },
  { key: 'officeCollectedFen', label: '代收款余额', money: true },
  { key: 'officeInTransitFen', label: '在途', money: true },
  { key: 'officePrepaidFen', label: '帐户余额', money: true },
  { key: 'invoiceStock', label: '发票余额（张）', money: false },
  { key: 'invoiceSheets', label: '开票张数', money: false },
  { key: 'invoicedFen', label: '开票金额', money: true },
  { key: 'rewardFen', label: '奖励经费', money: true },
]

function FigureCells({ row }: { row: Figures }) {
  return (
    <>
      {FIGURE_COLUMNS.map(({ key, money }) => (
        <td key={key} className="num">
          {money ? formatYuan(row[key]) : String(row[key])}
        </td>
      ))}
    </>
  )
}

const cityRowsId = (code: string) => `coordination-city-${code}`

export function ProvinceCoordinationView({ pickProvince = false }: { pickProvince?: boolean }) {
  const [draft, setDraft] = useState({ regionCode: '', fromDate: '', toDate: '' })
  const [applied, setApplied] = useState(draft)
  const [hideEmpty, setHideEmpty] = useState(true)
  const [openCities, setOpenCities] = useState<ReadonlySet<string>>(new Set())
  const [provinces] = useQuery({ query: ProvincesDocument, pause: !pickProvince })
  const needsProvince = pickProvince && !applied.regionCode
  const [{ data, fetching, error }] = useQuery({
    query: ProvinceCoordinationDocument,
    variables: {
      regionCode: pickProvince ? applied.regionCode || null : null,
      from: applied.fromDate ? chinaMidnight(applied.fromDate) : null,
      to: applied.toDate ? chinaNextMidnight(applied.toDate) : null,
      hideEmpty,
    },
    pause: needsProvince,
    requestPolicy: 'cache-and-network',
  })
  const view = data?.provinceCoordination
  const invalidRange = draft.fromDate && draft.toDate && draft.fromDate > draft.toDate
  const toggleCity = (code: string) =>
    setOpenCities((open) => {
      const next = new Set(open)
      if (next.has(code)) next.delete(code)
      else next.add(code)
      return next
    })
  const nothingShown = view && !view.provinceOffice && view.cities.length === 0
  const allOpen = view ? view.cities.length > 0 && view.cities.every((city) => openCities.has(city.region.code)) : false
  return (
    <section className="panel report-panel" aria-labelledby="coordination-title">
      <div className="panel-head">
        <h1 id="coordination-title">两代一统{view ? ` · ${view.province.name}` : ''}</h1>
      </div>
      <p className="panel-text muted">
        “两代”：各级编办代办收费、代开发票；“一统”：省编办统筹本省的注册、收费、发票和奖励经费。期间内的收费、汇款、认款、发票和奖励经费按所选日期统计；帐户余额和发票余额为当前值。奖励经费
        = 期间内每笔收费金额 × 收费当日适用的奖励比例，每笔向下取整到分。
      </p>
      <p className="panel-text muted">按地市汇总：地市一行为市本级与所辖县（市、区）之和，点地市名称展开明细。</p>
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
            <select
              id="coordination-province"
              value={draft.regionCode}
              onChange={(e) => setDraft({ ...draft, regionCode: e.target.value })}
              required
            >
              <option value="">请选择省份</option>
              {provinces.data?.regions.edges.map(({ node }) => (
                <option key={node.code} value={node.code}>
                  {node.name}
                </option>
              ))}
            </select>
          </div>
        )}
        <div className="field">
          <label htmlFor="coordination-from">开始日期</label>
          <input
            id="coordination-from"
            type="date"
            value={draft.fromDate}
            onChange={(e) => setDraft({ ...draft, fromDate: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor="coordination-to">结束日期</label>
          <input
            id="coordination-to"
            type="date"
            value={draft.toDate}
            onChange={(e) => setDraft({ ...draft, toDate: e.target.value })}
          />
        </div>
        {invalidRange && <ErrorNotice message="结束日期不能早于开始日期" />}
        <div className="filters-actions">
          <button type="submit" className="button button-primary">
            查询
          </button>
        </div>
      </form>
      <div className="coordination-options">
        <label className="checkbox">
          <input type="checkbox" checked={hideEmpty} onChange={(e) => setHideEmpty(e.target.checked)} />
          隐藏本期无数据的编办
        </label>
        {view && view.cities.length > 0 && (
          <button
            type="button"
            className="button button-light"
            onClick={() => setOpenCities(allOpen ? new Set() : new Set(view.cities.map((city) => city.region.code)))}
          >
            {allOpen ? '全部收起' : '全部展开'}
          </button>
        )}
      </div>
      <ErrorNotice error={error} fallback="两代一统暂时无法查询，请稍后再试" />
      {needsProvince ? (
        <EmptyState>请选择省份后查询</EmptyState>
      ) : fetching && !data ? (
        <Loading />
      ) : !view ? null : nothingShown ? (
        <EmptyState testId="province-coordination-empty">
          本期全省 {view.officeCount}{' '}
          个编办均无收费、汇款、开票和余额，已全部隐藏。取消勾选“隐藏本期无数据的编办”可逐一查看。
        </EmptyState>
      ) : (
        <>
          {view.hiddenOfficeCount > 0 && (
            <p className="panel-text muted" data-testid="province-coordination-hidden">
              共 {view.officeCount} 个编办，已隐藏本期无数据的 {view.hiddenOfficeCount}{' '}
              个（无收费、汇款、认款、开票，且无代收款、在途、帐户余额和发票余额）。
            </p>
          )}
          <TableScroll label="两代一统各地市汇总">
            <table className="table coordination-table" data-testid="province-coordination">
              <caption className="muted">金额单位：元</caption>
              <thead>
                <tr>
                  <th scope="col">地区</th>
                  {FIGURE_COLUMNS.map(({ key, label }) => (
                    <th key={key} scope="col" className="num">
                      {label}
                    </th>
                  ))}
                </tr>
              </thead>
              {view.provinceOffice && (
                <tbody>
                  <tr data-testid="province-coordination-province-office">
                    <th scope="row">{view.province.name}本级</th>
                    <FigureCells row={view.provinceOffice} />
                  </tr>
                </tbody>
              )}
              {view.cities.map((city) => {
                const code = city.region.code
                const isOpen = openCities.has(code)
                const offices = [
                  ...(city.office ? [{ row: city.office, name: `${city.region.name}本级` }] : []),
                  ...city.counties.map((row) => ({ row, name: row.office.region.name })),
                ]
                return [
                  <tbody key={`${code}-subtotal`} className="coordination-city">
                    <tr data-testid="province-coordination-city">
                      <th scope="row">
                        <button
                          type="button"
                          className="coordination-toggle"
                          aria-expanded={isOpen}
                          aria-controls={cityRowsId(code)}
                          onClick={() => toggleCity(code)}
                        >
                          <span className="coordination-caret" aria-hidden="true">
                            {isOpen ? '▾' : '▸'}
                          </span>
                          {city.region.name}
                        </button>
                        <span className="coordination-count">{offices.length} 个编办</span>
                      </th>
                      <FigureCells row={city.subtotals} />
                    </tr>
                  </tbody>,
                  <tbody
                    key={`${code}-offices`}
                    id={cityRowsId(code)}
                    className="coordination-offices"
                    hidden={!isOpen}
                  >
                    {offices.map(({ row, name }) => (
                      <tr key={row.office.id} data-testid="province-coordination-office">
                        <th scope="row" title={row.office.name}>
                          {name}
                        </th>
                        <FigureCells row={row} />
                      </tr>
                    ))}
                    {city.hiddenOfficeCount > 0 && (
                      <tr>
                        <td className="coordination-hidden-note" colSpan={FIGURE_COLUMNS.length + 1}>
                          另有 {city.hiddenOfficeCount} 个编办本期无数据，已隐藏
                        </td>
                      </tr>
                    )}
                  </tbody>,
                ]
              })}
              <tfoot>
                <tr data-testid="province-coordination-totals">
                  <th scope="row">
                    全省合计<span className="coordination-count">{view.officeCount} 个编办</span>
                  </th>
                  <FigureCells row={view.totals} />
                </tr>
              </tfoot>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  )
}
