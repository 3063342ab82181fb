// The errors of the limits: a code, a Chinese message, and the HTTP status (and headers) of the response.
import { GraphQLError } from 'graphql'

export type LimitErrorCode =
  | 'QUERY_TOO_DEEP'
  | 'TOO_MANY_ALIASES'
  | 'TOO_MANY_TOKENS'
  | 'TOO_MANY_DIRECTIVES'
  | 'QUERY_TOO_COSTLY'
  | 'RATE_LIMITED'
  | 'INTROSPECTION_DISABLED'
  | 'CSRF_CHECK_FAILED'

export function limitError(
  code: LimitErrorCode,
  message: string,
  status: number,
  details: Record<string, unknown> = {},
): GraphQLError {
  // spec: false makes yoga keep the status for application/json clients too (it would answer validation errors
  // with 200 there); yoga removes `http` from the response body.
  return new GraphQLError(message, { extensions: { code, ...details, http: { status, spec: false } } })
}
