// before → after of a 单位信息变更, side by side (the reviews' FieldChanges table): one row per changed fact, the old
// value struck through and the new one in bold, facts by their Chinese names and types by theirs.
import { FieldChanges, type FieldChangeRow } from '@/components/reviews/FieldChanges'
import { factLabel, factText } from './labels'

export function FactChanges({ changes, testId }: { changes: readonly FieldChangeRow[]; testId?: string }) {
  return <FieldChanges changes={changes} fieldLabel={factLabel} valueText={factText} testId={testId} />
}
