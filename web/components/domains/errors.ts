// What a failed domain mutation tells a person: the API's Chinese message, and per-field messages for forms.
import type { CombinedError } from 'urql'

export interface DomainFailure {
  code: string
  message: string
  fields: Record<string, string>
}

export function describeDomainError(error: CombinedError): DomainFailure {
  const first = error.graphQLErrors[0]
  if (!first) return { code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试', fields: {} }
  const extensions = first.extensions ?? {}
  const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN'
  const message = code === 'INTERNAL_SERVER_ERROR' || code === 'UNKNOWN' ? '系统繁忙，请稍后再试' : first.message
  const fields: Record<string, string> = {}
  if (extensions.fields && typeof extensions.fields === 'object') {
    for (const [name, text] of Object.entries(extensions.fields as Record<string, unknown>)) {
      if (typeof text === 'string') fields[name] = text
    }
  }
  return { code, message, fields }
}

/** Whole days since an instant (0 on the first day). */
export function daysSince(iso: string | null | undefined, now = Date.now()): number | null {
  if (!iso) return null
  return Math.max(0, Math.floor((now - new Date(iso).getTime()) / 86_400_000))
}

// The date formatters moved to the portal's one format module; re-exported here because the domain, badge and DNS
// screens (worked on in parallel branches for issue 15) still import them from this path. New code imports
// '@/components/ui/format'.
export { formatDate, formatDateTime } from '@/components/ui/format'
