// A GraphQL-style JSON error answer for the plain HTTP routes beside /graphql (the exports): the same shape and
// codes as a GraphQL error, so a client reads both one way.
export function errorResponse(status: number, code: string, message: string): Response {
  return new Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  })
}
