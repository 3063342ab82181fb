'use client'
// 变更前 / 变更后 of one audit entry: only the keys whose value changed (all keys when one side is empty).
import { TableScroll } from '@/components/ui/TableScroll'

function parse(text: string | null | undefined): Record<string, unknown> | null {
  if (!text) return null
  try {
    const value = JSON.parse(text) as unknown
    return value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : { 值: value }
  } catch {
    return { 值: text }
  }
}

const show = (value: unknown) =>
  value === undefined ? '—' : typeof value === 'string' ? value : JSON.stringify(value, null, 2)

export function changedKeys(before: Record<string, unknown> | null, after: Record<string, unknown> | null): string[] {
  const keys = new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])
  return [...keys].filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]))
}

export function AuditDiff({ before, after }: { before: string | null | undefined; after: string | null | undefined }) {
  const b = parse(before)
  const a = parse(after)
  if (!b && !a) return null
  const keys = changedKeys(b, a)
  return (
    <details className="audit-diff">
      <summary>变更内容（{keys.length} 项）</summary>
      {keys.length === 0 ? (
        <p className="muted">无变化</p>
      ) : (
        <TableScroll label="变更内容">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">字段</th>
                <th scope="col">变更前</th>
                <th scope="col">变更后</th>
              </tr>
            </thead>
            <tbody>
              {keys.map((key) => (
                <tr key={key}>
                  <th scope="row" className="mono">
                    {key}
                  </th>
                  <td>
                    <pre className="audit-value">{show(b?.[key])}</pre>
                  </td>
                  <td>
                    <pre className="audit-value">{show(a?.[key])}</pre>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </details>
  )
}
