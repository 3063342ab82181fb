// The buttons of one table row (停用, 启用, 协助重置密码 …) on one line. A wrapping flex box let the table's automatic
// layout squeeze the action column to its widest single button, so the buttons stacked on two or three lines even at
// 1366 px; kept on one line, the column is as wide as its buttons and, being sticky (.table-actions), stays in view
// when a phone scrolls the table sideways. What an action says afterwards belongs above the table, not in here (a
// notice in the cell widened the column over the others).
import type { ReactNode } from 'react'
import styles from './RowActions.module.css'

export function RowActions({ children }: { children: ReactNode }) {
  return (
    <div className={styles.rowActions} data-row-actions="">
      {children}
    </div>
  )
}
