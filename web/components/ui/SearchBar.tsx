// A one-field search above a list (用户名或姓名, 单位名称 …): the label on top, the input and 查询 side by side and the
// same height. Inside a filter row (.filters) the button sits on the field's bottom margin line instead, 16 px below
// the input; here the two share one box, so they line up whatever the field's margins are.
import type { FormEvent } from 'react'
import styles from './SearchBar.module.css'

export function SearchBar({
  id,
  label,
  value,
  onChange,
  onSearch,
  buttonLabel = '查询',
}: {
  /** The input's id (its label points at it). */
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  /** Called on 查询 or Enter, with the text as typed (the caller trims it). */
  onSearch: (value: string) => void
  buttonLabel?: string
}) {
  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    onSearch(value)
  }
  return (
    <form className={`field ${styles.searchBar}`} onSubmit={submit} role="search">
      <label htmlFor={id}>{label}</label>
      <div className={styles.row}>
        <input id={id} value={value} onChange={(e) => onChange(e.target.value)} />
        <button type="submit" className="button button-light">
          {buttonLabel}
        </button>
      </div>
    </form>
  )
}
