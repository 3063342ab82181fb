// before → after for each fact a badge change request changes.
import { BADGE_FIELD_LABELS, showFact } from './format'

/** before → after for each changed fact. */
export function ChangeList({
  changes,
}: {
  changes: { field: string; before?: string | null; after?: string | null }[]
}) {
  if (!changes.length) return null
  return (
    <ul className="badge-changes">
      {changes.map((change) => (
        <li key={change.field}>
          <span className="badge-change-field">{BADGE_FIELD_LABELS[change.field] ?? change.field}：</span>
          <span className="badge-before">{showFact(change.field, change.before)}</span>
          <span aria-hidden="true"> → </span>
          <span className="visually-hidden">改为</span>
          <span className="badge-after">{showFact(change.field, change.after)}</span>
        </li>
      ))}
    </ul>
  )
}
