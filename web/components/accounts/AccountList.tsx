'use client'
// One paged, searchable list of accounts (a query of documents.ts) with the row actions of AccountTable.
import { useState, type FormEvent } from 'react'
import { useQuery } from 'urql'
import { ConnectionPager, PAGE_SIZE, useCursorPages } from '@/components/ui/Pager'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { AccountTable, type Account, type AccountTableOptions } from './AccountTable'
import { OfficeUsersDocument, UnitUsersDocument } from './documents'

// A new account must show up even when the list was empty (and so held no row to invalidate).
const LIST_CONTEXT = { additionalTypenames: ['ManagedAccount'] }

export function AccountList({
  source,
  title,
  empty,
  searchLabel,
  options,
}: {
  /** Which list: an office's staff (officeUsers) or unit accounts (unitUsers). */
  source: { kind: 'office'; officeId?: string } | { kind: 'unit' }
  title: string
  empty: string
  searchLabel: string
  options: Omit<AccountTableOptions, 'labelledBy' | 'onChanged'>
}) {
  const pages = useCursorPages()
  const [typed, setTyped] = useState('')
  const [search, setSearch] = useState('')
  const variables = { search: search || null, first: PAGE_SIZE, after: pages.after }
  const [office, refetchOffice] = useQuery({
    query: OfficeUsersDocument,
    variables: { ...variables, officeId: source.kind === 'office' ? (source.officeId ?? null) : null },
    pause: source.kind !== 'office',
    context: LIST_CONTEXT,
  })
  const [unit, refetchUnit] = useQuery({
    query: UnitUsersDocument,
    variables,
    pause: source.kind !== 'unit',
    context: LIST_CONTEXT,
  })
  const { data, fetching, error } = source.kind === 'office' ? office : unit
  const connection = data && ('officeUsers' in data ? data.officeUsers : data.unitUsers)
  const refetch = () => (source.kind === 'office' ? refetchOffice : refetchUnit)({ requestPolicy: 'network-only' })

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    pages.reset()
    setSearch(typed.trim())
  }

  return (
    <section className="panel" aria-labelledby="account-list-title">
      <div className="panel-head">
        <h2 id="account-list-title">{title}</h2>
        {connection && <span className="panel-meta">共 {connection.totalCount} 个账号</span>}
      </div>
      {/* The portal's filter row (globals.css .filters): the button's foot lines up with the field's box. */}
      <form className="filters" onSubmit={onSearch} role="search">
        <div className="field">
          <label htmlFor="account-search">{searchLabel}</label>
          <input id="account-search" value={typed} onChange={(e) => setTyped(e.target.value)} />
        </div>
        <div className="filters-actions">
          <button type="submit" className="button button-light">
            查询
          </button>
        </div>
      </form>
      <ErrorNotice error={error} />
      {!connection ? (
        fetching ? (
          <Loading />
        ) : null
      ) : connection.edges.length === 0 ? (
        <EmptyState testId="accounts-empty">{search ? '没有符合条件的账号' : empty}</EmptyState>
      ) : (
        <AccountTable
          accounts={connection.edges.map((edge) => edge.node as Account)}
          options={{ ...options, labelledBy: 'account-list-title', onChanged: refetch }}
        />
      )}
      {connection && <ConnectionPager pages={pages} pageInfo={connection.pageInfo} />}
    </section>
  )
}
