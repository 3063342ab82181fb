// A GraphQL-style JSON error answer for the plain HTTP routes beside /graphql (the exports): the same shape and
// codes as a GraphQL error, so a client reads both one way.
import { noteErrorCode } from '../observability/requestContext.ts'

export function errorResponse(status: number, code: string, message: string): Response {
  noteErrorCode(code) // for the request's log line and the error counter
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}
