// The request id (X-Request-Id) that ties one request's log lines, its audit rows and the portal's proxying
// together. nginx sets it; the portal's server (web/server.mjs) and the API take it from the request only when it is
// plainly an id, and otherwise make a fresh one: the header is the client's own bytes until proven otherwise, and an
// id lands in every log line and audit row of the request. Dependency-free: web/server.mjs loads this file too.
import { randomUUID } from 'node:crypto'

/** The header's name (lower case, as node and fetch Headers give it). */
export const REQUEST_ID_HEADER = 'x-request-id'

/** What an id may look like: nginx's $request_id (32 hex digits), a UUID, or any such token of 8-64 characters. */
export const REQUEST_ID_PATTERN = /^[A-Za-z0-9-]{8,64}$/

/** The header's value when it is a well-formed id, else null. Node joins repeated headers with ", ": refused too. */
export function acceptedRequestId(value: string | readonly string[] | null | undefined): string | null {
  return typeof value === 'string' && REQUEST_ID_PATTERN.test(value) ? value : null
}

/** The request's own id when well-formed, else a fresh UUID. */
export function requestIdFrom(value: string | readonly string[] | null | undefined): string {
  return acceptedRequestId(value) ?? randomUUID()
}
