// What the applicant changed before resubmitting: each field as 修改前 → 修改后 (the API's changesSinceLastReview /
// changesSinceLastRejection), for site and domain applications alike; each feature names its fields and values.
import { TableScroll } from '@/components/ui/TableScroll'
export interface FieldChangeRow {
  field: string
  before?: string | null
  after?: string | null
}

export function FieldChanges({
  changes,
  fieldLabel,
  valueText,
  testId = 'field-changes',
}: {
  changes: readonly FieldChangeRow[]
  fieldLabel: (field: string) => string
  /** A value as a person reads it; null or empty is 空. */
  valueText?: (field: string, value: string) => string
  testId?: string
}) {
  const show = (field: string, value: string | null | undefined) =>
    value == null || value === '' ? '（空）' : (valueText?.(field, value) ?? value)
  return (
    <TableScroll label="修改内容">
      <table className="table review-changes" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">字段</th>
            <th scope="col">修改前</th>
            <th scope="col">修改后</th>
          </tr>
        </thead>
        <tbody>
          {changes.map((change) => (
            <tr key={change.field}>
              <th scope="row">{fieldLabel(change.field)}</th>
              <td className="table-wrap-cell change-before">{show(change.field, change.before)}</td>
              <td className="table-wrap-cell change-after">{show(change.field, change.after)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  )
}
