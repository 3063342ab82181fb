// What a failed GraphQL request tells a person: always Chinese. The API writes a Chinese message for people on its
// coded refusals (BAD_USER_INPUT, CONFLICT, FORBIDDEN, ...), but some answers are written for developers: graphql-js's
// own English (GRAPHQL_VALIDATION_FAILED), a refused variable, whose Chinese names the field by its path and quotes
// graphql-js in full-width brackets ("filter.kinds 不是该输入类型的字段（Field "kinds" is not defined…）"), masked
// errors ("Unexpected error."). Such a message means the portal itself is wrong, which the person cannot fix: they get
// the page's Chinese fallback instead, and developers find the detail in the network panel and the API's log.
import type { CombinedError } from 'urql'

export const NETWORK_ERROR_TEXT = '无法连接服务器，请检查网络后重试'
/** What a failed request says when the API's answer is not for people and the page has nothing better to say. */
export const BUSY_TEXT = '系统繁忙，请稍后再试'

/** Codes whose message the API writes for the person using the portal. */
const CODES_FOR_PEOPLE = new Set([
  'BAD_USER_INPUT',
  'CONFLICT',
  'FORBIDDEN',
  'NOT_FOUND',
  'UNAUTHENTICATED',
  'SESSION_INVALID',
  'SESSION_EXPIRED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'ACCOUNT_DISABLED',
  'TOO_MANY_ATTEMPTS',
  'PAYLOAD_TOO_LARGE',
  'INVALID_TOKEN',
  'TOKEN_INVALID',
])

/** Codes that mean something of the portal's own, with what the person can do about it. */
const PORTAL_CODE_TEXTS: Record<string, string> = {
  // The portal and the API come from different builds: a reload fetches the current portal.
  PERSISTED_QUERY_NOT_FOUND: '系统已更新，请刷新页面后重试',
}

/** graphql-js's or a developer's words: an English phrase, a field path (filter.kinds) or a camelCase name. */
function readsAsDeveloperText(text: string): boolean {
  return (
    /[A-Za-z]{2,}\s+[A-Za-z]{2,}/.test(text) || /(?:^|\s)[a-z][A-Za-z0-9]*\.[a-z]/.test(text) || /[a-z][A-Z]/.test(text)
  )
}

/** The message without the developer detail the API appends in full-width brackets. */
function withoutDeveloperDetail(message: string): string {
  return message.replace(/（[^（）]*[A-Za-z][^（）]*）/g, '').trim()
}

/** The API's message when it is written for people, else null. */
export function messageForPeople(code: unknown, message: string): string | null {
  if (typeof code !== 'string' || !CODES_FOR_PEOPLE.has(code)) return null
  const text = withoutDeveloperDetail(message)
  return /[\u4e00-\u9fff]/.test(text) && !readsAsDeveloperText(text) ? text : null
}

/** What to show for a failed request: the API's Chinese for people, or `fallback` (Chinese) for anything else. */
export function readableErrorText(error: CombinedError, fallback: string = BUSY_TEXT): string {
  const first = error.graphQLErrors[0]
  if (!first) return NETWORK_ERROR_TEXT
  const code = first.extensions?.code
  return (
    messageForPeople(code, first.message) ??
    (typeof code === 'string' ? PORTAL_CODE_TEXTS[code] : undefined) ??
    fallback
  )
}

/** A failed request as a page or a form acts on it. */
export interface RequestFailure {
  /** extensions.code; NETWORK_ERROR when the API was not reached, UNKNOWN when it gave none. */
  code: string
  /** extensions.reason: which of several refusals of one code (INSUFFICIENT_INVOICE_STOCK, RENEWAL_OPEN, ...). */
  reason?: string
  /** What to show: readableErrorText. */
  message: string
  /** Per input field, when the API named the fields (BAD_USER_INPUT extensions.fields). */
  fields: Record<string, string>
  /** Seconds to wait (TOO_MANY_ATTEMPTS). */
  retryAfterSeconds?: number
}

/** Everything a form needs from a failed request: its message (readableErrorText), code, reason and field texts. */
export function describeFailure(error: CombinedError | undefined, fallback: string = BUSY_TEXT): RequestFailure {
  const first = error?.graphQLErrors[0]
  if (!error || !first) return { code: 'NETWORK_ERROR', message: NETWORK_ERROR_TEXT, fields: {} }
  const extensions = first.extensions ?? {}
  const fields: Record<string, string> = {}
  if (extensions.fields && typeof extensions.fields === 'object') {
    for (const [name, text] of Object.entries(extensions.fields as Record<string, unknown>)) {
      if (typeof text === 'string') fields[name] = text
    }
  }
  return {
    code: typeof extensions.code === 'string' ? extensions.code : 'UNKNOWN',
    ...(typeof extensions.reason === 'string' ? { reason: extensions.reason } : {}),
    message: readableErrorText(error, fallback),
    fields,
    ...(typeof extensions.retryAfterSeconds === 'number' ? { retryAfterSeconds: extensions.retryAfterSeconds } : {}),
  }
}
