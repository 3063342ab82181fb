// The API's coded errors as the registration and contact forms show them: a message, and per-field texts.
import type { CombinedError } from 'urql'

export interface FormFailure {
  code: string
  message: string
  /** Per input field, when the API named the fields (extensions.fields). */
  fields: Record<string, string>
  /** Seconds to wait (TOO_MANY_ATTEMPTS for verification codes). */
  retryAfterSeconds?: number
}

export function describeApiError(error: CombinedError | undefined, fallback: string): FormFailure {
  const graphQLError = error?.graphQLErrors[0]
  if (!graphQLError) return { code: 'NETWORK_ERROR', message: '无法连接服务器，请检查网络后重试', fields: {} }
  const extensions = graphQLError.extensions ?? {}
  const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN'
  // Coded errors carry a Chinese message for people; anything else is masked by the API and gets the fallback.
  const message = code === 'INTERNAL_SERVER_ERROR' || code === 'UNKNOWN' ? fallback : graphQLError.message || fallback
  const fields: Record<string, string> = {}
  if (extensions.fields && typeof extensions.fields === 'object') {
    for (const [name, text] of Object.entries(extensions.fields as Record<string, unknown>)) {
      if (typeof text === 'string') fields[name] = text
    }
  }
  const retryAfterSeconds = typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : undefined
  return { code, message, fields, retryAfterSeconds }
}
