// The API's coded errors as the registration and contact forms show them: a message, and per-field texts.
import type { CombinedError } from 'urql'
import { NETWORK_ERROR_TEXT, readableErrorText } from '@/graphql/errors'

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
  if (!error || !graphQLError) return { code: 'NETWORK_ERROR', message: NETWORK_ERROR_TEXT, fields: {} }
  const extensions = graphQLError.extensions ?? {}
  const code = typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN'
  const message = readableErrorText(error, fallback)
  const fields: Record<string, string> = {}
  if (extensions.fields && typeof extensions.fields === 'object') {
    for (const [name, text] of Object.entries(extensions.fields as Record<string, unknown>)) {
      if (typeof text === 'string') fields[name] = text
    }
  }
  const retryAfterSeconds = typeof extensions.retryAfterSeconds === 'number' ? extensions.retryAfterSeconds : undefined
  return { code, message, fields, retryAfterSeconds }
}
