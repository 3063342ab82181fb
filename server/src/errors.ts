// One error type for the API: a GraphQLError with a machine-readable extensions.code and a Chinese message the
// portal can show as it is. Anything else a resolver throws is masked by yoga as INTERNAL_SERVER_ERROR.
import { GraphQLError } from 'graphql'

export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'SESSION_INVALID'
  | 'SESSION_EXPIRED'
  | 'INVALID_TOKEN'
  /** An account link or code (activation, reset, handover) that is unknown, used or expired. */
  | 'TOKEN_INVALID'
  | 'INVALID_CREDENTIALS'
  | 'ACCOUNT_LOCKED'
  | 'ACCOUNT_DISABLED'
  | 'TOO_MANY_ATTEMPTS'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'PAYLOAD_TOO_LARGE'
  | 'GRAPHQL_PARSE_FAILED'
  | 'GRAPHQL_VALIDATION_FAILED'

export function appError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details } })
}

/** Invalid input; `fields` maps input field names to what is wrong with each. */
export function badInput(message: string, fields?: Record<string, string>): GraphQLError {
  return appError('BAD_USER_INPUT', message, fields ? { fields } : {})
}

export const forbidden = (message = '无权执行此操作') => appError('FORBIDDEN', message)
export const notFound = (what: string) => appError('NOT_FOUND', `${what}不存在或无权查看`)
