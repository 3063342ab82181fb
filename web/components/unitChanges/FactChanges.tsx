// before → after of a 单位信息变更, side by side: one row per changed fact, the old value struck through and the
// new one highlighted, so the reviewer sees at a glance what the unit asks to change.
import { factLabel, factText } from './labels'
import styles from './UnitChanges.module.css'

export function FactChanges({
  changes,
  testId,
}: {
  changes: readonly { field: string; before?: string | null; after?: string | null }[]
  testId?: string
}) {
  return (
    <table className={styles.changes} data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">项目</th>
          <th scope="col">变更前</th>
          <th scope="col">变更后</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((change) => (
          <tr key={change.field} data-field={change.field}>
            <th scope="row">{factLabel(change.field)}</th>
            <td className={styles.before}>
              <span className="visually-hidden">原为</span>
              {factText(change.field, change.before)}
            </td>
            <td className={styles.after}>
              <span className="visually-hidden">改为</span>
              {factText(change.field, change.after)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
