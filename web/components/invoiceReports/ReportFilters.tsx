'use client'
// 查询条件 of the report lists: region, unit name, date range (and invoice kinds); applied on 查询.
import { useState } from 'react'
import { ErrorNotice } from '@/components/ui/states'
import type { InvoiceKind } from '@/graphql/generated/graphql'
import { EMPTY_FILTER, INVOICE_KIND_LABELS, type ReportFilterForm } from './filters'

export function ReportFilters({
  idPrefix,
  initial = EMPTY_FILTER,
  withKinds = false,
  withUnitFilters = true,
  onApply,
}: {
  idPrefix: string
  initial?: ReportFilterForm
  withKinds?: boolean
  withUnitFilters?: boolean
  onApply: (form: ReportFilterForm) => void
}) {
  const [form, setForm] = useState<ReportFilterForm>({
    ...initial,
    kinds: withKinds ? (initial.kinds ?? []) : undefined,
  })
  const set = (patch: Partial<ReportFilterForm>) => setForm((current) => ({ ...current, ...patch }))
  const invalidRange = form.fromDate && form.toDate && form.fromDate > form.toDate
  return (
    <form
      className="filters"
      onSubmit={(event) => {
        event.preventDefault()
        if (!invalidRange) onApply(form)
      }}
    >
      {withUnitFilters && (
        <>
          <div className="field">
            <label htmlFor={`${idPrefix}-region`}>区域代码</label>
            <input
              id={`${idPrefix}-region`}
              inputMode="numeric"
              pattern="\d{6}"
              maxLength={6}
              placeholder="如 410922"
              value={form.regionCode}
              onChange={(e) => set({ regionCode: e.target.value })}
            />
          </div>
          <div className="field">
            <label htmlFor={`${idPrefix}-unit`}>单位名称</label>
            <input
              id={`${idPrefix}-unit`}
              maxLength={128}
              value={form.unitName}
              onChange={(e) => set({ unitName: e.target.value })}
            />
          </div>
        </>
      )}
      <div className="field">
        <label htmlFor={`${idPrefix}-from`}>开始日期</label>
        <input
          id={`${idPrefix}-from`}
          type="date"
          value={form.fromDate}
          onChange={(e) => set({ fromDate: e.target.value })}
        />
      </div>
      <div className="field">
        <label htmlFor={`${idPrefix}-to`}>结束日期</label>
        <input
          id={`${idPrefix}-to`}
          type="date"
          value={form.toDate}
          onChange={(e) => set({ toDate: e.target.value })}
          aria-invalid={invalidRange ? true : undefined}
        />
      </div>
      {withKinds && (
        <fieldset className="field">
          <legend>发票类型</legend>
          {(Object.keys(INVOICE_KIND_LABELS) as InvoiceKind[]).map((kind) => (
            <label key={kind} className="checkbox">
              <input
                type="checkbox"
                checked={form.kinds?.includes(kind) ?? false}
                onChange={(e) =>
                  set({
                    kinds: e.target.checked
                      ? [...(form.kinds ?? []), kind]
                      : (form.kinds ?? []).filter((k) => k !== kind),
                  })
                }
              />
              {INVOICE_KIND_LABELS[kind]}
            </label>
          ))}
        </fieldset>
      )}
      {invalidRange && <ErrorNotice message="结束日期不能早于开始日期" />}
      <div className="filters-actions">
        <button type="submit" className="button button-primary">
          查询
        </button>
        <button
          type="button"
          className="button button-light"
          onClick={() => {
            const reset = { ...EMPTY_FILTER, kinds: withKinds ? [] : undefined }
            setForm(reset)
            onApply(reset)
          }}
        >
          重置
        </button>
      </div>
    </form>
  )
}

export function ExportLinks({ hrefs }: { hrefs: { csv: string; xlsx: string } }) {
  return (
    <div className="export-links">
      <a className="button button-light" href={hrefs.csv} download>
        导出 CSV
      </a>
      <a className="button button-light" href={hrefs.xlsx} download>
        导出 Excel
      </a>
    </div>
  )
}
