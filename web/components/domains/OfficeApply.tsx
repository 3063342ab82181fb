'use client'
// 代单位申请: office staff find a unit in their region and apply for a domain on its behalf.
import { useState, type FormEvent } from 'react'
import { useQuery } from 'urql'
import { UNIT_TYPE_LABELS } from '@/components/labels'
import { TableScroll } from '@/components/ui/TableScroll'
import { EmptyState, ErrorNotice, Loading } from '@/components/ui/states'
import { graphql } from '@/graphql/generated'
import type { UnitType } from '@/graphql/generated/graphql'
import { ApplyDomainForm } from './ApplyDomainForm'

export const OfficeApplyUnitsQuery = graphql(`
  query OfficeApplyUnits($search: String) {
    units(first: 20, search: $search) {
      totalCount
      edges {
        node {
          id
          name
          type
          region {
            code
            fullName
          }
        }
      }
    }
  }
`)

export function OfficeApply() {
  const [search, setSearch] = useState('')
  const [applied, setApplied] = useState('')
  const [unit, setUnit] = useState<{ id: string; name: string; type: UnitType } | null>(null)
  const [{ data, fetching, error }] = useQuery({ query: OfficeApplyUnitsQuery, variables: { search: applied || null } })
  const units = data?.units

  function onSearch(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    setApplied(search.trim())
    setUnit(null)
  }

  return (
    <>
      <section className="panel" aria-labelledby="office-apply-title">
        <div className="panel-head">
          <h1 id="office-apply-title">代单位申请域名</h1>
          {units && (
            <span className="panel-meta">
              共 {units.totalCount} 家单位
              {units.totalCount > units.edges.length ? `，显示前 ${units.edges.length} 家` : ''}
            </span>
          )}
        </div>
        <form className="domain-filter" onSubmit={onSearch} role="search">
          <div className="field">
            <label htmlFor="apply-unit-search">单位名称或统一社会信用代码</label>
            <input
              id="apply-unit-search"
              type="search"
              value={search}
              maxLength={64}
              onChange={(event) => setSearch(event.target.value)}
            />
          </div>
          <div className="actions">
            <button type="submit" className="button button-primary">
              查找单位
            </button>
          </div>
        </form>
        <ErrorNotice error={error} />
        {!units ? (
          fetching ? (
            <Loading />
          ) : null
        ) : units.edges.length === 0 ? (
          <EmptyState>暂无单位</EmptyState>
        ) : (
          <TableScroll labelledBy="office-apply-title">
            <table className="table" data-testid="apply-units">
              <thead>
                <tr>
                  <th scope="col">单位名称</th>
                  <th scope="col">单位类型</th>
                  <th scope="col">所在地区</th>
                  <th scope="col" className="table-actions">
                    操作
                  </th>
                </tr>
              </thead>
              <tbody>
                {units.edges.map(({ node }) => (
                  <tr key={node.id} aria-selected={unit?.id === node.id}>
                    <td>{node.name}</td>
                    <td>{UNIT_TYPE_LABELS[node.type]}</td>
                    <td>{node.region.fullName}</td>
                    <td className="table-actions">
                      <button
                        type="button"
                        className="button button-light"
                        onClick={() => setUnit({ id: node.id, name: node.name, type: node.type })}
                      >
                        为该单位申请
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        )}
      </section>
      {unit && (
        <section className="panel" aria-labelledby="office-apply-form-title">
          <div className="panel-head">
            <h2 id="office-apply-form-title">为 {unit.name} 申请域名</h2>
            <span className="panel-meta">{UNIT_TYPE_LABELS[unit.type]}</span>
          </div>
          <ApplyDomainForm key={unit.id} unitId={unit.id} unitType={unit.type} />
        </section>
      )}
    </>
  )
}
