// The request id (X-Request-Id) of the request being handled, as the portal's own server (server.mjs) settled it:
// nginx's when well-formed, else a fresh one (server/src/observability/requestId.ts). Whatever calls the API for a
// request passes it on, so the API's log line and the audit rows of that call carry the same id as nginx's access
// log. Outside server.mjs (`next dev`) there is none and nothing is sent: the API then makes its own.
import type { AsyncLocalStorage } from 'node:async_hooks'

const STORE = Symbol.for('conac.portal.requestId')

export function requestId(): string | null {
  const storage = (globalThis as unknown as Record<symbol, AsyncLocalStorage<string> | undefined>)[STORE]
  return storage?.getStore() ?? null
}

/** Sets X-Request-Id to the request's id (or removes it when there is none) on a request to the API. */
export function setRequestId(headers: Headers): Headers {
  const id = requestId()
  if (id) headers.set('x-request-id', id)
  else headers.delete('x-request-id')
  return headers
}
