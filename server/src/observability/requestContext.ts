// What the API knows about the request being handled, kept in an AsyncLocalStorage for the whole of its handling
// (yoga's request instrumentation runs the handler inside it: observability/requestLog.ts). Anything on the
// request's path reads it without being handed it: lib/audit.ts stamps each audit row with the request id, and the
// request's log line collects the operation name and the error codes here. Work a request starts and leaves running
// (a 数据迁移 commit) keeps the id of the request that started it.
import { AsyncLocalStorage } from 'node:async_hooks'

export interface RequestState {
  /** X-Request-Id: the request's own when well-formed (observability/requestId.ts), else a fresh one. */
  readonly requestId: string
  /** performance.now() when the API took the request. */
  readonly startedAt: number
  /** The GraphQL operation's name, once the document is known; null for other routes and for requests refused before. */
  operation: string | null
  /** The error codes of the answer (GraphQL extensions.code, or the code of a plain route's error response). */
  errorCodes: string[] | null
}

export const requestStorage = new AsyncLocalStorage<RequestState>()

/** The id of the request being handled, or null outside one (scheduled jobs, start-up work, tools). */
export function currentRequestId(): string | null {
  return requestStorage.getStore()?.requestId ?? null
}

/** Notes an error code on the request being handled (for its log line and the error counter). */
export function noteErrorCode(code: string): void {
  const state = requestStorage.getStore()
  if (!state) return
  if (state.errorCodes) state.errorCodes.push(code)
  else state.errorCodes = [code]
}
