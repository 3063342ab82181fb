'use client'
// 下级地区: one row per child region (a link that drills down) and 合计, showing 地区, 地区代码 and one group of
// figure columns at a time (域名, 网站与标识, 收费, 发票, 逾期审核): all sixteen figures side by side were 2,100 px
// wide. The export keeps every column. The chosen group lives in ChildrenColumnsProvider, above the page's
// Suspense boundary, so it stays while the reader drills down or changes the range.
import Link from 'next/link'
import { createContext, useContext, useState, type ReactNode } from 'react'
import { CHILDREN_COLUMNS, COLUMN_GROUPS, FIGURE_COLUMNS } from './childrenColumns'
import styles from './statistics.module.css'
import { TableScroll } from '@/components/ui/TableScroll'

export interface ChildrenTableRow {
  code: string
  name: string
  /** The drill-down link (absent for 合计). */
  href?: string
  /** Figure texts in FIGURE_COLUMNS order, formatted as shown. */
  cells: string[]
}

const GroupContext = createContext<[string, (key: string) => void] | null>(null)

export function ChildrenColumnsProvider({ children }: { children: ReactNode }) {
  const state = useState(COLUMN_GROUPS[0].key)
  return <GroupContext.Provider value={state}>{children}</GroupContext.Provider>
}

export function ChildrenTable({
  caption,
  rows,
  total,
}: {
  caption: string
  rows: ChildrenTableRow[]
  total: ChildrenTableRow
}) {
  const shared = useContext(GroupContext)
  const local = useState(COLUMN_GROUPS[0].key)
  const [groupKey, setGroupKey] = shared ?? local
  const group = COLUMN_GROUPS.find((candidate) => candidate.key === groupKey) ?? COLUMN_GROUPS[0]
  const shown = group.columns.map((column) => ({ column, index: FIGURE_COLUMNS.indexOf(column) }))

  const figureCells = (row: ChildrenTableRow) =>
    shown.map(({ column, index }) => (
      <td key={column} data-column={column} className={styles.number}>
        {row.cells[index]}
      </td>
    ))

  return (
    <>
      <div className={styles.columnGroups} role="group" aria-label="下级地区的列">
        {COLUMN_GROUPS.map((candidate) => (
          <button
            key={candidate.key}
            type="button"
            className="button button-light"
            aria-pressed={candidate.key === group.key}
            onClick={() => setGroupKey(candidate.key)}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <TableScroll label="下级地区统计" className={styles.childrenWrap}>
        <table className={`table ${styles.childrenTable}`} data-testid="statistics-children">
          <caption className={styles.srOnly}>{caption}</caption>
          <thead>
            <tr>
              <th scope="col" data-column={CHILDREN_COLUMNS[0]}>
                {CHILDREN_COLUMNS[0]}
              </th>
              <th scope="col" data-column={CHILDREN_COLUMNS[1]}>
                {CHILDREN_COLUMNS[1]}
              </th>
              {shown.map(({ column }) => (
                <th key={column} scope="col" data-column={column} className={styles.number}>
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.code}>
                <th scope="row" data-column={CHILDREN_COLUMNS[0]}>
                  {row.href ? <Link href={row.href}>{row.name}</Link> : row.name}
                </th>
                <td data-column={CHILDREN_COLUMNS[1]}>{row.code}</td>
                {figureCells(row)}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr data-testid="statistics-total-row" className={styles.totalRow}>
              <th scope="row" data-column={CHILDREN_COLUMNS[0]}>
                {total.name}
              </th>
              <td data-column={CHILDREN_COLUMNS[1]}>{total.code}</td>
              {figureCells(total)}
            </tr>
          </tfoot>
        </table>
      </TableScroll>
    </>
  )
}
